import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, ModelError, initBoardDoc, toPlainBoard } from './board.js';
import { restoreBoard, restoreItem } from './restore.js';
import { boardFromSnapshot, snapshotBoard } from './versions.js';

function board() {
  const doc = new Y.Doc();
  initBoardDoc(doc, { municipality: 'Stadt A', title: 'Plan', languages: ['de'], createdAt: 1 });
  const model = new BoardModel(doc, { author: 'Moderation' });
  const work = model.create('field', { content: { title: 'Arbeit' } });
  const school = model.create('field', { content: { title: 'Schule' } });
  const goal = model.create('goal', { parentId: work, content: { title: 'Anerkennung' } });
  const milestone = model.create('milestone', { parentId: goal, content: { title: 'Stelle' } });
  const measure = model.create('measure', { parentId: school, content: { title: 'Lotsen' } });
  const need = model.create('need', { parentId: school, content: { text: 'Zeugnisse' } });
  const comment = model.create('comment', { parentId: goal, content: { text: 'Gut so' } });
  model.setTranslation<'goal'>(goal, 'title', 'fa', 'به رسمیت شناختن');
  const serves = model.link('serves', measure, goal);
  const takenUp = model.link('takenUpBy', need, goal);
  return {
    doc,
    model,
    ids: { work, school, goal, milestone, measure, need, comment, serves, takenUp },
  };
}

describe('restoreItem', () => {
  it('brings back a deleted field with the same ids, its children and its links', () => {
    const { doc, model, ids } = board();
    const version = boardFromSnapshot(snapshotBoard(doc));
    model.delete(ids.work);
    expect(model.has(ids.goal)).toBe(false);
    const restored = restoreItem(model, version, ids.work);
    expect(restored.sort()).toEqual(
      [ids.work, ids.goal, ids.milestone, ids.comment, ids.serves, ids.takenUp].sort(),
    );
    expect(toPlainBoard(doc)).toEqual(version);
  });

  it('only restores links whose other end still exists', () => {
    const { doc, model, ids } = board();
    const version = boardFromSnapshot(snapshotBoard(doc));
    model.delete(ids.work);
    model.delete(ids.measure);
    restoreItem(model, version, ids.work);
    const links = model.list('link').map((l) => l.id);
    expect(links).toEqual([ids.takenUp]);
    expect(model.get(ids.goal, 'goal')?.translations).toEqual({ fa: { title: 'به رسمیت شناختن' } });
  });

  it('sets an existing item back to the version’s content as a new change that syncs', () => {
    const { doc, model, ids } = board();
    const version = boardFromSnapshot(snapshotBoard(doc));
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    model.update<'goal'>(ids.goal, { title: 'Anerkennung in 3 Monaten', decided: true });
    model.setTranslation<'goal'>(ids.goal, 'title', 'ar', 'الاعتراف');
    restoreItem(model, version, ids.goal);
    expect(model.get(ids.goal, 'goal')).toMatchObject({
      title: 'Anerkennung',
      decided: false,
      translations: { fa: { title: 'به رسمیت شناختن' } },
    });
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
    expect(toPlainBoard(other)).toEqual(toPlainBoard(doc));
  });

  it('puts back a missing parent so that a restored goal has a field to hang in', () => {
    const { doc, model, ids } = board();
    const version = boardFromSnapshot(snapshotBoard(doc));
    model.delete(ids.work);
    expect(restoreItem(model, version, ids.milestone).slice(0, 3)).toEqual([
      ids.work,
      ids.goal,
      ids.milestone,
    ]);
    expect(model.get(ids.milestone, 'milestone')?.parentId).toBe(ids.goal);
  });

  it('refuses ids that are not in the version, links, and malformed ids', () => {
    const { doc, model, ids } = board();
    const version = toPlainBoard(doc);
    expect(() => restoreItem(model, version, 'AAAAAAAAAAAAAAAA')).toThrow(ModelError);
    expect(() => restoreItem(model, version, ids.serves)).toThrow(ModelError);
    expect(() => restoreItem(model, version, '__proto__')).toThrow();
  });
});

describe('restoreBoard', () => {
  it('makes the live board equal the version, steps and session untouched', () => {
    const { doc, model, ids } = board();
    model.pressReleaseText().insert(0, 'Entwurf');
    const version = boardFromSnapshot(snapshotBoard(doc));
    model.setSession({ openStep: 5 });
    model.create('field', { content: { title: 'Neu' } });
    model.delete(ids.school);
    model.update<'step'>('step-2', { notes: 'Protokoll' });
    model.setMeta({ title: 'Anderer Titel' });
    model.pressReleaseText().insert(0, 'Neu: ');
    restoreBoard(model, version);
    expect(toPlainBoard(doc)).toEqual(version);
    expect(model.session().openStep).toBe(5);
  });
});
