import { describe, expect, it } from 'vitest';
import { addComment } from './comment-actions.js';
import { targetOf } from './navigation.js';
import { makeBoard } from './test-board.js';

describe('where an item is shown', () => {
  it('cards on the overview; comments on their item; reports in steps 9 and 10', () => {
    const { model, goal, measure } = makeBoard();
    const comment = addComment(model, goal, 'Hinweis') as string;
    const quarterly = model.create('report', {
      content: { type: 'quarterly', date: '2027-03-31' },
    });
    const entry = model.create('statusEntry', {
      parentId: quarterly,
      content: { measureId: measure, status: 'onTrack' },
    });
    const review = model.create('report', { content: { type: 'review', date: '2028-01-31' } });
    const judgement = model.create('goalReview', {
      parentId: review,
      content: { goalId: goal, result: 'partly' },
    });
    const board = model.toPlain();
    const link = board.links.find((l) => l.from === measure)!;

    expect(targetOf(board, measure)).toEqual({ id: measure, step: null });
    expect(targetOf(board, comment)).toEqual({ id: goal, step: null });
    expect(targetOf(board, link.id)).toEqual({ id: measure, step: null });
    expect(targetOf(board, entry)).toEqual({ id: entry, step: 9 });
    expect(targetOf(board, quarterly)).toEqual({ id: quarterly, step: 9 });
    expect(targetOf(board, judgement)).toEqual({ id: judgement, step: 10 });
    expect(targetOf(board, 'BBBBBBBBBBBBBBBB')).toBeNull();
  });
});
