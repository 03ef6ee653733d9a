import { BoardModel, initBoardDoc } from '@werkraum/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  checklistCount,
  gridCells,
  gridStep,
  goalChecklist,
  needsByField,
  ProcessActions,
  steeringGroup,
} from './process-actions.js';

function setup() {
  const doc = new Y.Doc();
  initBoardDoc(doc, { municipality: 'M', title: 'T', languages: ['de', 'ar'], createdAt: 0 });
  const model = new BoardModel(doc, { author: 'Moderation' });
  const errors: unknown[] = [];
  const process = new ProcessActions(model, (e) => errors.push(e));
  return { doc, model, process, errors };
}

describe('the influence/interest grid', () => {
  it('moves by arrow keys: up/down is influence, sideways is interest, mirrored in RTL', () => {
    const at = { influence: 3, interest: 3 };
    expect(gridStep(at, 'ArrowUp')).toEqual({ influence: 4, interest: 3 });
    expect(gridStep(at, 'ArrowDown')).toEqual({ influence: 2, interest: 3 });
    expect(gridStep(at, 'ArrowRight')).toEqual({ influence: 3, interest: 4 });
    expect(gridStep(at, 'ArrowLeft')).toEqual({ influence: 3, interest: 2 });
    expect(gridStep(at, 'ArrowLeft', 'rtl')).toEqual({ influence: 3, interest: 4 });
    expect(gridStep(at, 'ArrowRight', 'rtl')).toEqual({ influence: 3, interest: 2 });
    expect(gridStep(at, 'Enter')).toBeNull();
  });

  it('stops at the edges', () => {
    expect(gridStep({ influence: 5, interest: 1 }, 'ArrowUp')).toBeNull();
    expect(gridStep({ influence: 5, interest: 1 }, 'ArrowLeft')).toBeNull();
    expect(gridStep({ influence: 1, interest: 5 }, 'ArrowDown')).toBeNull();
    expect(gridStep({ influence: 1, interest: 5 }, 'ArrowLeft', 'rtl')).toBeNull();
  });

  it('changes both ratings of the stakeholder when moved, as one undo step', () => {
    const { model, process } = setup();
    const id = model.create('stakeholder', { content: { name: 'Jobcenter' } });
    const undo = new Y.UndoManager(model.sharedTypes, { captureTimeout: 0 });
    expect(process.moveStakeholder(id, 'ArrowUp', 'ltr')).toEqual({ influence: 4, interest: 3 });
    expect(process.moveStakeholder(id, 'ArrowLeft', 'rtl')).toEqual({ influence: 4, interest: 4 });
    expect(model.get(id, 'stakeholder')).toMatchObject({ influence: 4, interest: 4 });
    process.placeStakeholder(id, { influence: 1, interest: 5 });
    expect(model.get(id, 'stakeholder')).toMatchObject({ influence: 1, interest: 5 });
    expect(process.moveStakeholder(id, 'ArrowDown', 'ltr')).toBeNull();
    undo.undo();
    expect(model.get(id, 'stakeholder')).toMatchObject({ influence: 4, interest: 4 });
  });

  it('groups the stakeholders by cell', () => {
    const { model } = setup();
    model.create('stakeholder', { content: { name: 'A', influence: 5, interest: 2 } });
    model.create('stakeholder', { content: { name: 'B', influence: 5, interest: 2 } });
    model.create('stakeholder', { content: { name: 'C' } });
    const cells = gridCells(model.toPlain().stakeholders);
    expect(cells.get('5:2')?.map((s) => s.name)).toEqual(['A', 'B']);
    expect(cells.get('3:3')?.map((s) => s.name)).toEqual(['C']);
    expect(cells.has('1:1')).toBe(false);
  });
});

describe('the steering group', () => {
  it('adds members and toggles stakeholders in and out', () => {
    const { model, process } = setup();
    const member = process.addSteeringMember('Integrationsbeauftragte') as string;
    const other = model.create('stakeholder', { content: { name: 'Sportverein' } });
    let group = steeringGroup(model.toPlain().stakeholders);
    expect(group.members.map((s) => s.id)).toEqual([member]);
    expect(group.others.map((s) => s.id)).toEqual([other]);
    process.setSteering(other, true);
    process.setSteering(member, false);
    group = steeringGroup(model.toPlain().stakeholders);
    expect(group.members.map((s) => s.id)).toEqual([other]);
  });
});

describe('needs and fields', () => {
  it('clusters needs by field, unassigned first, empty fields included', () => {
    const { model } = setup();
    const work = model.create('field', { content: { title: 'Arbeit' } });
    const living = model.create('field', { content: { title: 'Wohnen' } });
    model.create('need', { content: { text: 'Deutschkurs am Abend', lang: 'de' } });
    model.create('need', { parentId: work, content: { text: 'عمل', lang: 'ar' } });
    const clusters = needsByField(model.toPlain());
    expect(clusters.map((c) => [c.field?.id ?? null, c.needs.map((n) => n.text)])).toEqual([
      [null, ['Deutschkurs am Abend']],
      [work, ['عمل']],
      [living, []],
    ]);
  });

  it('decides fields of action and reopens them', () => {
    const { model, process } = setup();
    const field = model.create('field', { content: { title: 'Arbeit' } });
    expect(model.get(field, 'field')?.decided).toBe(false);
    process.setFieldDecided(field, true);
    expect(model.get(field, 'field')?.decided).toBe(true);
    process.setFieldDecided(field, false);
    expect(model.get(field, 'field')?.decided).toBe(false);
  });
});

describe("the goals' checklist", () => {
  it('counts specific, measurable, owner set and date set', () => {
    const { model, process } = setup();
    const field = model.create('field', { content: { title: 'Arbeit' } });
    const goal = model.create('goal', { parentId: field, content: { title: 'Mehr Jobs' } });
    const read = () => goalChecklist(model.get(goal, 'goal')!);
    expect(read()).toEqual({ specific: false, measurable: false, owner: false, due: false });
    process.updateGoal(goal, { owner: '   ' });
    expect(read().owner).toBe(false);
    process.updateGoal(goal, { owner: '  Jobcenter ', specific: true });
    expect(model.get(goal, 'goal')?.owner).toBe('Jobcenter');
    process.updateGoal(goal, { due: '2027-06-30', measurable: true });
    expect(read()).toEqual({ specific: true, measurable: true, owner: true, due: true });
    expect(checklistCount(read())).toBe(4);
    process.updateGoal(goal, { due: '' });
    expect(model.get(goal, 'goal')?.due).toBeNull();
    expect(checklistCount(read())).toBe(3);
  });

  it('reports a bad date instead of throwing', () => {
    const { model, process, errors } = setup();
    const field = model.create('field', { content: { title: 'Arbeit' } });
    const goal = model.create('goal', { parentId: field, content: { title: 'Ziel' } });
    process.updateGoal(goal, { due: '2027-02-30' });
    expect(errors).toHaveLength(1);
    expect(model.get(goal, 'goal')?.due).toBeNull();
  });
});

describe('workshop dates', () => {
  it('sets and clears the date of a step', () => {
    const { model, process } = setup();
    process.setStepDate(3, '2027-03-14');
    expect(model.get('step-3', 'step')?.date).toBe('2027-03-14');
    process.setStepDate(3, '');
    expect(model.get('step-3', 'step')?.date).toBeNull();
  });
});
