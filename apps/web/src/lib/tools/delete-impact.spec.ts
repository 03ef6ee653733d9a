import { describe, expect, it } from 'vitest';
import { addComment } from './comment-actions.js';
import { deleteImpact, needsConfirmation } from './delete-impact.js';
import { makeBoard } from './test-board.js';

describe('what hangs on an item before it is deleted', () => {
  it('lists linked items that stay, comments that go and history that stays', () => {
    const { model, goal, measure, need, milestone } = makeBoard();
    addComment(model, goal, 'Kommentar zum Ziel');
    addComment(model, milestone, 'Kommentar zum Meilenstein');
    const report = model.create('report', { content: { type: 'quarterly', date: '2027-03-31' } });
    model.create('statusEntry', {
      parentId: report,
      content: { measureId: measure, status: 'late' },
    });

    const board = model.toPlain();
    const goalImpact = deleteImpact(board, goal, model.dependents(goal));
    expect(goalImpact.linked.map((l) => l.id).sort()).toEqual([measure, need].sort());
    expect(goalImpact.comments).toBe(2);
    expect(goalImpact.history).toBe(0);

    const measureImpact = deleteImpact(board, measure, model.dependents(measure));
    expect(measureImpact.linked.map((l) => [l.kind, l.id])).toEqual([['goal', goal]]);
    expect(measureImpact.history).toBe(1);
    expect(needsConfirmation(measureImpact, 0)).toBe(true);
  });

  it('a lone item needs no confirmation', () => {
    const { model, field } = makeBoard();
    const ist = model.create('istStand', {
      parentId: field,
      content: { text: 'Es gibt einen Kurs' },
    });
    const impact = deleteImpact(model.toPlain(), ist, model.dependents(ist));
    expect(impact).toEqual({ linked: [], comments: 0, history: 0 });
    expect(needsConfirmation(impact, 0)).toBe(false);
  });
});
