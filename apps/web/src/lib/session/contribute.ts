import type { ItemKind } from '@werkraum/model';
import type { BoardState } from '../board/board-state.svelte.js';
import type { SessionClient } from './session-client.svelte.js';

export interface Contribution {
  kind: ItemKind;
  /** The parent item (a field, or a goal for milestones), null at the top. */
  parentId: string | null;
  /** The field the item will belong to (for locks), null outside fields. */
  fieldId: string | null;
  /** Text fields of the new item, e.g. `{ title }`. */
  content: Record<string, string>;
  /** A measure added under a goal: the goal it serves (kept through moderation). */
  servesId?: string;
  /** What the person typed (shown while it waits for moderation). */
  text: string;
}

/**
 * Adds what a person typed into an „add“ input: straight into the board, or — while the
 * facilitator collects with moderation — into the queue. Returns undefined when nothing was
 * done (the input keeps the text).
 */
export function contribute(
  board: BoardState,
  live: SessionClient,
  contribution: Contribution,
  direct: () => string | undefined,
): unknown {
  const route = board.addRoute(contribution.kind, contribution.fieldId);
  if (route === 'direct') return direct();
  if (route === 'moderated') {
    void live.submit({
      kind: contribution.kind,
      parentId: contribution.parentId,
      content: contribution.content,
      servesId: contribution.servesId ?? null,
      text: contribution.text,
    });
    return true;
  }
  return undefined;
}
