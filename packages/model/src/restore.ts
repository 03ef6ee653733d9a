import { ModelError, readItems, type BoardModel } from './board.js';
import { itemIdSchema } from './ids.js';
import { applyTextDiff } from './text.js';
import { plainBoardItems, plainBoardSchema, type Item, type PlainBoard } from './schemas.js';

/**
 * Puts one item back as it was in a version (`from`): the item, everything below it (its goals,
 * milestones, measures, comments, …) and every link touching them whose other end exists on the
 * live board or comes back too. Ids stay the same, so links, comments, reports and the thread find
 * the item again; items that still exist are brought to the version's content. Parents that are
 * gone on the live board come back as well, or the restored item would have nowhere to hang.
 * One transaction, an ordinary new change (it can be undone and syncs like any edit). Returns the
 * ids written.
 */
export function restoreItem(model: BoardModel, from: PlainBoard, itemId: string): string[] {
  const board = plainBoardSchema.parse(from);
  const id = itemIdSchema.parse(itemId);
  const items = plainBoardItems(board);
  const byId = new Map(items.map((i) => [i.id, i]));
  const root = byId.get(id);
  if (!root) throw new ModelError('not_found', `Item ${id} is not in this version.`);
  if (root.kind === 'link') {
    throw new ModelError('invalid', 'Restore one of the linked items instead of the link.');
  }
  const live = readItems(model.doc).items;

  const chosen = new Set<string>();
  // Missing ancestors first (outermost first), then the item and its descendants.
  const ancestors: Item[] = [];
  for (let up = root.parentId, depth = 0; up !== null && depth < 8; depth++) {
    if (live.has(up)) break;
    const parent = byId.get(up);
    if (!parent) break;
    ancestors.unshift(parent);
    up = parent.parentId;
  }
  for (const item of ancestors) chosen.add(item.id);
  const children = new Map<string, Item[]>();
  for (const item of items) {
    if (item.kind === 'link' || item.parentId === null) continue;
    children.set(item.parentId, [...(children.get(item.parentId) ?? []), item]);
  }
  const stack: Item[] = [root];
  while (stack.length > 0) {
    const next = stack.shift() as Item;
    if (chosen.has(next.id)) continue;
    chosen.add(next.id);
    stack.push(...(children.get(next.id) ?? []));
  }
  const exists = (other: string) => chosen.has(other) || live.has(other);
  const links = board.links.filter(
    (l) => (chosen.has(l.from) || chosen.has(l.to)) && exists(l.from) && exists(l.to),
  );
  // Write in board order (parents before children, for readers of the transaction's events).
  const order = items.filter((i) => chosen.has(i.id) && i.kind !== 'link');
  const written: Item[] = [...order, ...links];
  model.doc.transact(() => {
    for (const item of written) model.putItem(item);
  });
  return written.map((i) => i.id);
}

/**
 * Makes the live board equal a version: items that are not in it are deleted (the ten steps
 * stay), all others are written with the version's content, and so are the title, the
 * municipality and the press release. The session settings are left alone. One transaction.
 */
export function restoreBoard(model: BoardModel, from: PlainBoard): void {
  const board = plainBoardSchema.parse(from);
  const wanted = plainBoardItems(board);
  const keep = new Set(wanted.map((i) => i.id));
  const rawIds = [...model.doc.getMap('items').keys()];
  model.doc.transact(() => {
    for (const id of rawIds) {
      // Raw keys, not `readItems`: hidden (orphaned or invalid) items go too.
      if (keep.has(id) || /^step-(?:[1-9]|10)$/.test(id)) continue;
      model.doc.getMap('items').delete(id);
    }
    for (const item of wanted) model.putItem(item);
    model.setMeta({ title: board.meta.title, municipality: board.meta.municipality });
    applyTextDiff(model.pressReleaseText(), board.pressRelease);
  });
}
