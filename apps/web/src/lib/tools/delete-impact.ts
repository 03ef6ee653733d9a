import type { Item, ItemKind, PlainBoard } from '@werkraum/model';
import { itemIndex } from './item-title.js';

/** An item that stays on the board but loses its connection when another is deleted. */
export interface LinkedItem {
  id: string;
  kind: ItemKind;
  item: Item;
}

/** What hangs on an item beyond its descendants: for the confirmation before a delete. */
export interface DeleteImpact {
  /** Items outside the deletion that are linked to it (measures serving a goal, needs …). */
  linked: LinkedItem[];
  /** Comments on the item and its descendants (deleted with them). */
  comments: number;
  /** Status entries and goal reviews that refer to it; they stay as history. */
  history: number;
}

/**
 * What deleting `id` (together with `removed`, the ids the model deletes with it) touches
 * beyond the items themselves.
 */
export function deleteImpact(
  board: PlainBoard,
  id: string,
  removed: readonly string[],
): DeleteImpact {
  const gone = new Set([id, ...removed]);
  const items = itemIndex(board);
  const linked = new Map<string, LinkedItem>();
  for (const link of board.links) {
    const fromGone = gone.has(link.from);
    const toGone = gone.has(link.to);
    if (fromGone === toGone) continue;
    const otherId = fromGone ? link.to : link.from;
    const other = items.get(otherId);
    if (other && !linked.has(otherId))
      linked.set(otherId, { id: otherId, kind: other.kind, item: other });
  }
  const comments = board.comments.filter((c) => c.parentId !== null && gone.has(c.parentId)).length;
  const history =
    board.statusEntries.filter((e) => gone.has(e.measureId) && !gone.has(e.id)).length +
    board.goalReviews.filter((r) => gone.has(r.goalId) && !gone.has(r.id)).length;
  return { linked: [...linked.values()], comments, history };
}

/** Whether a delete should ask first: anything at all hangs on the item. */
export function needsConfirmation(impact: DeleteImpact, removedCount: number): boolean {
  return removedCount > 0 || impact.linked.length > 0 || impact.comments > 0 || impact.history > 0;
}
