import type { BoardModel, Comment } from '@werkraum/model';
import { commentWithReplies } from './comments.js';

/** Longest comment (the model's limit). */
export const COMMENT_MAX = 5000;

/** Adds a comment on `itemId`; with `replyTo`, a reply in that comment's thread. */
export function addComment(
  model: BoardModel,
  itemId: string,
  text: string,
  replyTo: string | null = null,
): string | null {
  const value = text.trim().slice(0, COMMENT_MAX);
  if (!value) return null;
  return model.create('comment', {
    parentId: itemId,
    content: { text: value, replyTo, resolved: false },
  });
}

/** Changes the text of a comment (its author's own); an empty text changes nothing. */
export function editComment(model: BoardModel, id: string, text: string): boolean {
  const value = text.trim().slice(0, COMMENT_MAX);
  if (!value) return false;
  model.update<'comment'>(id, { text: value });
  return true;
}

/** Marks a thread as resolved or open again (the flag sits on its first comment). */
export function setResolved(model: BoardModel, rootId: string, resolved: boolean): void {
  model.update<'comment'>(rootId, { resolved });
}

/** Deletes a comment; a first comment takes its replies with it (one undo step). */
export function deleteComment(model: BoardModel, comments: readonly Comment[], id: string): void {
  const ids = commentWithReplies(comments, id);
  model.doc.transact(() => {
    for (const commentId of ids) if (model.has(commentId)) model.delete(commentId);
  });
}
