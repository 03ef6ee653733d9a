import type { Item, PlainBoard } from '@werkraum/model';

/** The text that names an item (title, text or name), trimmed; '' when it has none. */
export function itemText(item: Item): string {
  switch (item.kind) {
    case 'field':
    case 'goal':
    case 'milestone':
    case 'measure':
      return item.title.trim();
    case 'need':
    case 'istStand':
    case 'comment':
      return item.text.trim();
    case 'stakeholder':
      return item.name.trim();
    case 'report':
      return item.date;
    case 'statusEntry':
      return item.comment.trim();
    case 'goalReview':
      return item.evidence.trim();
    case 'step':
      return item.notes.trim();
    default:
      return '';
  }
}

/** All items of a plain board, by id. */
export function itemIndex(board: PlainBoard): Map<string, Item> {
  const all: Item[] = [
    ...board.steps,
    ...board.fields,
    ...board.stakeholders,
    ...board.needs,
    ...board.istStand,
    ...board.goals,
    ...board.milestones,
    ...board.measures,
    ...board.links,
    ...board.comments,
    ...board.reports,
    ...board.statusEntries,
    ...board.goalReviews,
  ];
  return new Map(all.map((item) => [item.id, item]));
}

/** Shortens a text for a list entry. */
export function clip(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
