import type { Comment } from '@werkraum/model';

/** A comment with its replies, oldest first. */
export interface CommentThread {
  root: Comment;
  replies: Comment[];
}

const byTime = (a: Comment, b: Comment) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

/**
 * The comment threads on one item, oldest first: each first comment (`replyTo` null) with the
 * replies that answer it. A reply whose first comment is gone is shown as a thread of its own,
 * so that nothing anyone wrote disappears from view.
 */
export function commentThreads(comments: readonly Comment[], itemId: string): CommentThread[] {
  const onItem = comments.filter((c) => c.parentId === itemId);
  const ids = new Set(onItem.map((c) => c.id));
  const roots = onItem.filter((c) => c.replyTo === null || !ids.has(c.replyTo)).sort(byTime);
  const rootIds = new Set(roots.map((c) => c.id));
  const replies = new Map<string, Comment[]>();
  for (const comment of onItem) {
    if (rootIds.has(comment.id) || comment.replyTo === null) continue;
    // A reply to a reply (not made by this app) joins the thread of the comment it answers.
    let root: string | null = comment.replyTo;
    const seen = new Set<string>();
    while (root !== null && !rootIds.has(root) && !seen.has(root)) {
      seen.add(root);
      root = onItem.find((c) => c.id === root)?.replyTo ?? null;
    }
    if (root === null || !rootIds.has(root)) continue;
    const list = replies.get(root) ?? [];
    list.push(comment);
    replies.set(root, list);
  }
  return roots.map((root) => ({ root, replies: (replies.get(root.id) ?? []).sort(byTime) }));
}

export interface CommentCount {
  /** All comments on the item. */
  total: number;
  /** Threads not marked resolved. */
  open: number;
}

/** Per item id: how many comments it has and how many threads are still open. */
export function commentCounts(comments: readonly Comment[]): Map<string, CommentCount> {
  const counts = new Map<string, CommentCount>();
  for (const comment of comments) {
    if (comment.parentId === null) continue;
    const count = counts.get(comment.parentId) ?? { total: 0, open: 0 };
    count.total += 1;
    if (comment.replyTo === null && !comment.resolved) count.open += 1;
    counts.set(comment.parentId, count);
  }
  return counts;
}

/** The ids to delete with a comment: a first comment takes its replies with it. */
export function commentWithReplies(comments: readonly Comment[], id: string): string[] {
  const comment = comments.find((c) => c.id === id);
  if (!comment) return [];
  if (comment.replyTo !== null) return [id];
  return [id, ...comments.filter((c) => c.replyTo === id).map((c) => c.id)];
}
