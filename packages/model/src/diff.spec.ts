import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, initBoardDoc, toPlainBoard } from './board.js';
import { diffBoards } from './diff.js';

describe('diffBoards', () => {
  it('lists added, removed and changed items with the fields that changed', () => {
    let clock = 1_000;
    const doc = new Y.Doc();
    initBoardDoc(doc, { municipality: 'Stadt A', title: 'Plan', languages: ['de'], createdAt: 1 });
    const model = new BoardModel(doc, { author: 'Moderation', now: () => clock });
    const field = model.create('field', { content: { title: 'Arbeit' } });
    const goal = model.create('goal', { parentId: field, content: { title: 'Anerkennung' } });
    const measure = model.create('measure', { parentId: field, content: { title: 'Lotsen' } });
    const other = model.create('measure', { parentId: field, content: { title: 'Kurs' } });
    const before = toPlainBoard(doc);

    clock += 120_000;
    model.update<'goal'>(goal, { title: 'Anerkennung in 3 Monaten', decided: true });
    model.setTranslation<'goal'>(goal, 'title', 'ar', 'الاعتراف خلال 3 أشهر');
    model.update<'step'>('step-7', { status: 'done' });
    const link = model.link('serves', measure, goal);
    model.delete(other);
    // Reordering and a new `updatedAt` alone are not changes a reader cares about.
    model.move(measure, { beforeId: null });
    model.update<'measure'>(measure, { title: 'Lotsen' });
    model.setMeta({ title: 'Plan 2028' });
    model.pressReleaseText().insert(0, 'Presse');
    const after = toPlainBoard(doc);

    const diff = diffBoards(before, after);
    expect(diff.added.map((i) => i.id)).toEqual([link]);
    expect(diff.removed.map((i) => i.id)).toEqual([other]);
    expect(diff.changed.map((c) => [c.after.id, c.fields])).toEqual([
      ['step-7', ['status']],
      [goal, ['decided', 'title', 'translations']],
    ]);
    expect(diff.meta).toEqual(['title', 'pressRelease']);
    expect(diffBoards(after, after)).toEqual({ added: [], removed: [], changed: [], meta: [] });
    expect(diffBoards(after, before).added.map((i) => i.id)).toEqual([other]);
  });
});
