import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, initBoardDoc, toPlainBoard } from './board.js';
import { DEFAULT_SESSION } from './schemas.js';
import { boardExportSchema, checkPlainBoard, exportBoard, importBoardDoc } from './transfer.js';

function filledBoard() {
  const doc = new Y.Doc();
  initBoardDoc(doc, {
    municipality: 'Landkreis Ö',
    title: 'Strategie',
    languages: ['de', 'fa'],
    createdAt: 5,
  });
  const model = new BoardModel(doc, { author: 'Moderation' });
  const field = model.create('field', { content: { title: 'Sprache und Bildung' } });
  const goal = model.create('goal', { parentId: field, content: { title: 'Kurse in 6 Wochen' } });
  model.create('milestone', { parentId: goal, content: { title: 'Standorte', due: '2027-12-31' } });
  const measure = model.create('measure', {
    parentId: field,
    content: { title: 'Kinderbetreuung', owner: 'VHS', status: 'inProgress', decided: true },
  });
  model.link('serves', measure, goal);
  const need = model.create('need', {
    parentId: field,
    content: { text: 'مدارک تحصیلی', lang: 'fa' },
  });
  model.link('takenUpBy', need, goal);
  model.create('stakeholder', { content: { name: 'Jobcenter', type: 'administration' } });
  model.update('step-5', { status: 'active', date: '2027-05-05', notes: 'Raum 2.14' });
  model.setSession({ openStep: 5 });
  return doc;
}

describe('export and import', () => {
  it('restores an identical plain board in a new doc', () => {
    const original = filledBoard();
    const file = JSON.parse(
      JSON.stringify(exportBoard(original, new Date('2027-06-01T10:00:00Z'))),
    );
    const parsed = boardExportSchema.parse(file);
    expect(parsed.exportedAt).toBe('2027-06-01T10:00:00.000Z');
    const copy = new Y.Doc();
    importBoardDoc(copy, parsed.board);
    expect(toPlainBoard(copy)).toEqual(toPlainBoard(original));
    // Imported boards start with no step open.
    expect(new BoardModel(copy).session()).toEqual(DEFAULT_SESSION);
  });

  it('rejects inconsistent boards and leaves the doc empty', () => {
    const board = toPlainBoard(filledBoard());
    const broken = {
      ...board,
      goals: board.goals.map((g) => ({ ...g, parentId: 'missing000000000' })),
    };
    expect(checkPlainBoard(broken)).toContain(`goal ${board.goals[0]!.id} has a missing parent`);
    const duplicate = { ...board, fields: [...board.fields, board.fields[0]!] };
    expect(checkPlainBoard(duplicate)).toContain(`duplicate id ${board.fields[0]!.id}`);
    const doc = new Y.Doc();
    expect(() => importBoardDoc(doc, broken)).toThrow(/missing parent/);
    expect(doc.getMap('items').size).toBe(0);
    expect(checkPlainBoard(board)).toEqual([]);
  });
});
