import { BoardModel, initBoardDoc } from '@werkraum/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardActions } from './board-actions.js';

function setup() {
  const doc = new Y.Doc();
  initBoardDoc(doc, { municipality: 'M', title: 'T', languages: ['de'], createdAt: 0 });
  const model = new BoardModel(doc, { author: 'Gast 1000' });
  const errors: unknown[] = [];
  const actions = new BoardActions(model, (e) => errors.push(e));
  return { doc, model, actions, errors };
}

describe('BoardActions', () => {
  it('adds a measure to a goal as one undo step', () => {
    const { doc, model, actions } = setup();
    const field = actions.addField('Arbeit') as string;
    const goal = actions.addGoal(field, 'Ziel') as string;
    const undo = new Y.UndoManager(model.sharedTypes);
    const measure = actions.addMeasure({ fieldId: field, goalId: goal, title: 'Messe' }) as string;
    expect(model.get(measure, 'measure')?.parentId).toBe(field);
    expect(model.linksOf(measure)).toHaveLength(1);
    undo.undo();
    expect(model.has(measure)).toBe(false);
    expect(model.list('link')).toHaveLength(0);
    expect(model.has(goal)).toBe(true);
    doc.destroy();
  });

  it('summarises what a deletion takes with it', () => {
    const { actions } = setup();
    const field = actions.addField('Arbeit') as string;
    actions.addIstStand(field, 'Jobcafé');
    const goal = actions.addGoal(field, 'Ziel') as string;
    actions.addMilestone(goal, 'M1');
    actions.addMilestone(goal, 'M2');
    actions.addMeasure({ fieldId: field, goalId: goal, title: 'Messe' });
    expect(actions.deletionSummary(field)).toEqual([
      { kind: 'istStand', count: 1 },
      { kind: 'goal', count: 1 },
      { kind: 'milestone', count: 2 },
      { kind: 'measure', count: 1 },
      { kind: 'link', count: 1 },
    ]);
  });

  it('reports model errors instead of throwing', () => {
    const { actions, errors } = setup();
    expect(actions.addGoal('missingmissing00', 'Ziel')).toBeUndefined();
    actions.delete('step-1');
    expect(errors).toHaveLength(2);
  });

  it('moves fields up and down', () => {
    const { model, actions } = setup();
    const a = actions.addField('A') as string;
    actions.addField('B');
    expect(actions.moveSibling(a, 'up')).toBe(false);
    expect(actions.moveSibling(a, 'down')).toBe(true);
    expect(model.list('field').map((f) => f.title)).toEqual(['B', 'A']);
  });
});
