import { plainBoardItems, type Item, type PlainBoard } from './schemas.js';

/** What changed between two states of a board, item by item (steps and links included). */
export interface BoardDiff {
  added: Item[];
  removed: Item[];
  changed: { before: Item; after: Item; fields: string[] }[];
  /** Board-level values that changed: 'title', 'municipality', 'languages', 'pressRelease'. */
  meta: string[];
}

/**
 * Keys whose change is not a change to a reader: `updatedAt` moves with every keystroke batch and
 * `order` with every drag inside a list. A move to another parent still shows as `parentId`.
 */
const IGNORED = new Set(['id', 'updatedAt', 'order']);

/** JSON with sorted object keys, so that two equal translation maps compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

/** The keys whose values differ between two versions of one item. */
function changedFields(before: Item, after: Item): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return [...keys]
    .filter((key) => !IGNORED.has(key) && canonical(a[key]) !== canonical(b[key]))
    .sort();
}

/**
 * Compares two plain boards (for example a version and the live board). Items keep their ids
 * across versions, so an item is the same item when its id is. Lists are in board order.
 */
export function diffBoards(before: PlainBoard, after: PlainBoard): BoardDiff {
  const beforeItems = plainBoardItems(before);
  const afterItems = plainBoardItems(after);
  const beforeById = new Map(beforeItems.map((i) => [i.id, i]));
  const afterIds = new Set(afterItems.map((i) => i.id));
  const diff: BoardDiff = { added: [], removed: [], changed: [], meta: [] };
  for (const item of afterItems) {
    const previous = beforeById.get(item.id);
    if (!previous) {
      diff.added.push(item);
      continue;
    }
    const fields = changedFields(previous, item);
    if (fields.length > 0) diff.changed.push({ before: previous, after: item, fields });
  }
  diff.removed = beforeItems.filter((i) => !afterIds.has(i.id));
  for (const key of ['title', 'municipality', 'languages'] as const) {
    if (canonical(before.meta[key]) !== canonical(after.meta[key])) diff.meta.push(key);
  }
  if (before.pressRelease !== after.pressRelease) diff.meta.push('pressRelease');
  return diff;
}
