import type { BoardStore, HiddenItem } from '../storage/types.js';

export type { HiddenItem };

/** The part of the board store that holds items waiting for moderation. */
export type HiddenItemQueue = Pick<BoardStore, 'enqueueHidden' | 'listHidden' | 'takeHidden'>;
