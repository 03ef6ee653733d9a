import { BoardModel, initBoardDoc } from '@werkraum/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildFieldViews, moveTarget } from './board-view.js';

function board() {
  const doc = new Y.Doc();
  initBoardDoc(doc, {
    municipality: 'Musterstadt',
    title: 'Strategie',
    languages: ['de'],
    createdAt: 0,
  });
  return new BoardModel(doc, { author: 'Test', now: () => 1 });
}

describe('buildFieldViews', () => {
  it('puts goals, milestones and serving measures under their field and goal', () => {
    const model = board();
    const work = model.create('field', { content: { title: 'Arbeit' } });
    const lang = model.create('field', { content: { title: 'Sprache' } });
    model.create('istStand', { parentId: work, content: { text: 'Es gibt ein Jobcafé' } });
    const goal = model.create('goal', { parentId: work, content: { title: 'Mehr Ausbildung' } });
    model.create('milestone', { parentId: goal, content: { title: '10 Plätze' } });
    const serving = model.create('measure', { parentId: work, content: { title: 'Messe' } });
    model.link('serves', serving, goal);
    const loose = model.create('measure', { parentId: work, content: { title: 'Lose' } });

    const views = buildFieldViews(model.toPlain());
    expect(views.map((v) => v.field.title)).toEqual(['Arbeit', 'Sprache']);
    const [workView, langView] = views;
    expect(workView?.istStand.map((i) => i.text)).toEqual(['Es gibt ein Jobcafé']);
    expect(workView?.goals[0]?.goal.id).toBe(goal);
    expect(workView?.goals[0]?.milestones.map((m) => m.title)).toEqual(['10 Plätze']);
    expect(workView?.goals[0]?.measures.map((m) => m.id)).toEqual([serving]);
    expect(workView?.unlinkedMeasures.map((m) => m.id)).toEqual([loose]);
    expect(langView?.goals).toEqual([]);
    expect(lang).toBeTruthy();
  });

  it('shows a measure under every goal it serves, in the measures’ order', () => {
    const model = board();
    const field = model.create('field', { content: { title: 'F' } });
    const g1 = model.create('goal', { parentId: field });
    const g2 = model.create('goal', { parentId: field });
    const a = model.create('measure', { parentId: field, content: { title: 'A' } });
    const b = model.create('measure', { parentId: field, content: { title: 'B' } });
    model.link('serves', b, g1);
    model.link('serves', a, g1);
    model.link('serves', a, g2);
    const [view] = buildFieldViews(model.toPlain());
    expect(view?.goals[0]?.measures.map((m) => m.title)).toEqual(['A', 'B']);
    expect(view?.goals[1]?.measures.map((m) => m.title)).toEqual(['A']);
    expect(view?.unlinkedMeasures).toEqual([]);
  });
});

describe('moveTarget', () => {
  const ids = ['a', 'b', 'c'];
  it('moves up before the previous sibling', () => {
    expect(moveTarget(ids, 'b', 'up')).toEqual({ beforeId: 'a' });
    expect(moveTarget(ids, 'a', 'up')).toBeUndefined();
  });

  it('moves down before the sibling after next, or to the end', () => {
    expect(moveTarget(ids, 'a', 'down')).toEqual({ beforeId: 'c' });
    expect(moveTarget(ids, 'b', 'down')).toEqual({ beforeId: null });
    expect(moveTarget(ids, 'c', 'down')).toBeUndefined();
  });

  it('really reorders fields in the model', () => {
    const model = board();
    const a = model.create('field', { content: { title: 'A' } });
    const b = model.create('field', { content: { title: 'B' } });
    const c = model.create('field', { content: { title: 'C' } });
    const target = moveTarget([a, b, c], a, 'down');
    if (target) model.move(a, target);
    expect(model.list('field').map((f) => f.title)).toEqual(['B', 'A', 'C']);
  });
});
