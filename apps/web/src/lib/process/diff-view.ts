import {
  plainBoardItems,
  type BoardDiff,
  type Item,
  type ItemKind,
  type LinkType,
  type PlainBoard,
} from '@werkraum/model';

/** One line of the „what changed“ list. */
export interface DiffLine {
  id: string;
  kind: ItemKind;
  /** The item's title or text ('' when it has none; the view says „untitled“). */
  label: string;
  /** The title of the field the item belongs to, when it has one. */
  fieldTitle: string | null;
  /** For links: what is linked to what, and how. */
  ends?: { from: string; to: string };
  linkType?: LinkType;
  /** For changed items: which fields changed, and the label before the change if it changed. */
  fields?: string[];
  before?: string;
}

export interface DiffGroup {
  kind: ItemKind;
  added: DiffLine[];
  removed: DiffLine[];
  changed: DiffLine[];
}

/** The order in which the kinds are shown: the plan first, then the rest. */
export const DIFF_KIND_ORDER: readonly ItemKind[] = [
  'field',
  'goal',
  'milestone',
  'measure',
  'istStand',
  'need',
  'stakeholder',
  'link',
  'step',
];

/** Kinds that record the tracking itself (reports and their entries, comments): not shown. */
const TRACKING_KINDS: ReadonlySet<string> = new Set([
  'report',
  'statusEntry',
  'goalReview',
  'comment',
]);

/** Fields that change with every edit of something else and say nothing on their own. */
const NOISE_FIELDS: ReadonlySet<string> = new Set(['updatedAt', 'order']);

/** The readable text of an item: its title, name or text. */
export function labelOf(item: Item): string {
  const record = item as unknown as Record<string, unknown>;
  for (const key of ['title', 'name', 'text']) {
    const value = record[key];
    if (typeof value === 'string') return value.trim();
  }
  return '';
}

function allItems(board: PlainBoard): Map<string, Item> {
  return new Map(plainBoardItems(board).map((item) => [item.id, item]));
}

/**
 * Arranges a board diff for reading: per kind (in `DIFF_KIND_ORDER`) what was added, removed
 * and changed, each line with its label and field; links as „from → to“. Tracking records and
 * the changes that say nothing (order, time stamps) are left out; empty groups too.
 */
export function groupDiff(diff: BoardDiff, before: PlainBoard, after: PlainBoard): DiffGroup[] {
  const old = allItems(before);
  const now = allItems(after);
  const find = (id: string) => now.get(id) ?? old.get(id);
  const fieldTitle = (item: Item): string | null => {
    let current: Item | undefined = item;
    for (let depth = 0; current && depth < 6; depth++) {
      if (current.kind === 'field') return current === item ? null : labelOf(current);
      current = current.parentId ? find(current.parentId) : undefined;
    }
    return null;
  };
  const line = (item: Item): DiffLine => {
    const out: DiffLine = {
      id: item.id,
      kind: item.kind,
      label: labelOf(item),
      fieldTitle: fieldTitle(item),
    };
    if (item.kind === 'link') {
      const from = find(item.from);
      const to = find(item.to);
      out.ends = { from: from ? labelOf(from) : '', to: to ? labelOf(to) : '' };
      out.linkType = item.type;
    }
    return out;
  };
  const groups = new Map<ItemKind, DiffGroup>();
  const group = (kind: ItemKind) => {
    let g = groups.get(kind);
    if (!g) {
      g = { kind, added: [], removed: [], changed: [] };
      groups.set(kind, g);
    }
    return g;
  };
  for (const item of diff.added)
    if (!TRACKING_KINDS.has(item.kind)) group(item.kind).added.push(line(item));
  for (const item of diff.removed) {
    if (!TRACKING_KINDS.has(item.kind)) group(item.kind).removed.push(line(item));
  }
  for (const change of diff.changed) {
    if (TRACKING_KINDS.has(change.after.kind)) continue;
    const fields = change.fields.filter((f) => !NOISE_FIELDS.has(f));
    if (fields.length === 0) continue;
    const entry = line(change.after);
    entry.fields = fields;
    const was = labelOf(change.before);
    if (was !== entry.label) entry.before = was;
    group(change.after.kind).changed.push(entry);
  }
  const rank = (kind: ItemKind) => {
    const index = DIFF_KIND_ORDER.indexOf(kind);
    return index === -1 ? DIFF_KIND_ORDER.length : index;
  };
  return [...groups.values()].sort((a, b) => rank(a.kind) - rank(b.kind));
}

/** Whether a grouped diff shows anything. */
export function isEmptyDiff(groups: readonly DiffGroup[]): boolean {
  return groups.every((g) => g.added.length + g.removed.length + g.changed.length === 0);
}
