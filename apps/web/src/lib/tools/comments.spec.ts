import { describe, expect, it } from 'vitest';
import { addComment, deleteComment, editComment, setResolved } from './comment-actions.js';
import { commentCounts, commentThreads, commentWithReplies } from './comments.js';
import { makeBoard } from './test-board.js';

describe('comments on an item', () => {
  it('groups replies under their first comment, oldest first, and counts open threads', () => {
    const { model, goal, measure } = makeBoard();
    const first = addComment(model, goal, 'Wer bezahlt die Betreuung?') as string;
    const second = addComment(model, goal, '  Termin steht.  ') as string;
    const reply = addComment(model, goal, 'Das Jobcenter.', first) as string;
    addComment(model, measure, 'Anderes Thema');
    expect(addComment(model, goal, '   ')).toBeNull();

    const board = model.toPlain();
    const threads = commentThreads(board.comments, goal);
    expect(threads.map((t) => t.root.id)).toEqual([first, second]);
    expect(threads[0]!.replies.map((r) => r.id)).toEqual([reply]);
    expect(threads[1]!.root.text).toBe('Termin steht.');
    expect(threads[0]!.root.createdBy).toBe('Amira');

    setResolved(model, second, true);
    const counts = commentCounts(model.toPlain().comments);
    expect(counts.get(goal)).toEqual({ total: 3, open: 1 });
    expect(counts.get(measure)).toEqual({ total: 1, open: 1 });
    setResolved(model, second, false);
    expect(commentCounts(model.toPlain().comments).get(goal)).toEqual({ total: 3, open: 2 });
  });

  it('shows a reply whose first comment is gone as a thread of its own', () => {
    const { model, goal } = makeBoard();
    const first = addComment(model, goal, 'Frage') as string;
    const reply = addComment(model, goal, 'Antwort', first) as string;
    model.delete(first);
    const threads = commentThreads(model.toPlain().comments, goal);
    expect(threads.map((t) => t.root.id)).toEqual([reply]);
  });

  it('deletes a first comment with its replies in one step, a reply alone', () => {
    const { model, goal } = makeBoard();
    const first = addComment(model, goal, 'Frage') as string;
    const r1 = addComment(model, goal, 'A', first) as string;
    const r2 = addComment(model, goal, 'B', first) as string;
    const comments = model.toPlain().comments;
    expect(commentWithReplies(comments, r1)).toEqual([r1]);
    expect(new Set(commentWithReplies(comments, first))).toEqual(new Set([first, r1, r2]));
    deleteComment(model, comments, r2);
    expect(model.has(r2)).toBe(false);
    deleteComment(model, model.toPlain().comments, first);
    expect(model.list('comment')).toEqual([]);
  });

  it('edits a comment in place (same thread, trimmed); an empty text changes nothing', () => {
    const { model, goal } = makeBoard();
    const first = addComment(model, goal, 'Frage zur Finanzierung') as string;
    const reply = addComment(model, goal, 'Antwort', first) as string;
    expect(editComment(model, reply, '  Antwort: über den Landesfonds  ')).toBe(true);
    expect(editComment(model, first, '   ')).toBe(false);
    const [thread] = commentThreads(model.toPlain().comments, goal);
    expect(thread?.root.text).toBe('Frage zur Finanzierung');
    expect(thread?.replies.map((c) => [c.id, c.text, c.replyTo])).toEqual([
      [reply, 'Antwort: über den Landesfonds', first],
    ]);
  });
});
