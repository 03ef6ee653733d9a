import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, initBoardDoc, toPlainBoard } from './board.js';
import {
  boardFromSnapshot,
  newVersionId,
  snapshotBoard,
  versionInfoSchema,
  zielerklaerungOf,
} from './versions.js';

function board() {
  const doc = new Y.Doc();
  initBoardDoc(doc, { municipality: 'Stadt A', title: 'Plan', languages: ['de'], createdAt: 1 });
  const model = new BoardModel(doc, { author: 'Moderation' });
  const work = model.create('field', { content: { title: 'Arbeit', decided: true } });
  const housing = model.create('field', { content: { title: 'Wohnen', decided: true } });
  const empty = model.create('field', { content: { title: 'Gesundheit' } });
  const decided = model.create('goal', {
    parentId: work,
    content: { title: 'Anerkennung', decided: true },
  });
  const open = model.create('goal', { parentId: work, content: { title: 'Praktika' } });
  const milestone = model.create('milestone', {
    parentId: decided,
    content: { title: 'Stelle besetzt' },
  });
  const serving = model.create('measure', {
    parentId: work,
    content: { title: 'Lotsen', decided: true },
  });
  const undecided = model.create('measure', { parentId: work, content: { title: 'Messe' } });
  const servesOpen = model.create('measure', {
    parentId: work,
    content: { title: 'Betriebsbesuche', decided: true },
  });
  const loose = model.create('measure', {
    parentId: housing,
    content: { title: 'Mietberatung', decided: true },
  });
  model.link('serves', serving, decided);
  model.link('serves', undecided, decided);
  model.link('serves', servesOpen, open);
  return {
    doc,
    model,
    ids: { work, housing, empty, decided, open, milestone, serving, servesOpen, loose },
  };
}

describe('snapshots', () => {
  it('freeze the board: later live edits do not change what a snapshot reads', () => {
    const { doc, model, ids } = board();
    const state = snapshotBoard(doc);
    const frozen = toPlainBoard(doc);
    model.update<'goal'>(ids.decided, { title: 'Geändert', decided: false });
    model.delete(ids.housing);
    expect(boardFromSnapshot(state)).toEqual(frozen);
    expect(boardFromSnapshot(Uint8Array.from(state))).toEqual(frozen);
    expect(() => boardFromSnapshot(new Uint8Array([1, 2, 3]))).toThrow();
  });
});

describe('zielerklaerungOf', () => {
  it('holds only decided goals and measures, loose measures in a goal-less bucket', () => {
    const { doc, ids } = board();
    const declaration = zielerklaerungOf(toPlainBoard(doc));
    const shape = declaration.fields.map((f) => ({
      field: f.field.id,
      goals: f.goals.map((g) => ({
        goal: g.goal?.id ?? null,
        milestones: g.milestones.map((m) => m.id),
        measures: g.measures.map((m) => m.id),
      })),
    }));
    expect(shape).toEqual([
      {
        field: ids.work,
        goals: [
          { goal: ids.decided, milestones: [ids.milestone], measures: [ids.serving] },
          // Serves a goal that was not decided: still part of the declaration.
          { goal: null, milestones: [], measures: [ids.servesOpen] },
        ],
      },
      { field: ids.housing, goals: [{ goal: null, milestones: [], measures: [ids.loose] }] },
    ]);
  });
});

describe('versionInfoSchema', () => {
  it('checks ids, names and report references', () => {
    const info = {
      id: newVersionId(),
      kind: 'zielerklaerung',
      name: ' Zielerklärung – Kreistag 05/2027 ',
      createdAt: 1,
      createdBy: 'Frau Yılmaz',
      reportId: null,
    };
    expect(versionInfoSchema.parse(info).name).toBe('Zielerklärung – Kreistag 05/2027');
    for (const bad of [
      { ...info, id: 'short' },
      { ...info, kind: 'draft' },
      { ...info, name: '   ' },
      { ...info, name: 'x'.repeat(201) },
      { ...info, reportId: '<img src=x>' },
    ]) {
      expect(versionInfoSchema.safeParse(bad).success).toBe(false);
    }
  });
});
