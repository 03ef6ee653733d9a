import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, ModelError, initBoardDoc, readPressRelease, toPlainBoard } from './board.js';
import {
  authorizeChange,
  deriveAuthorId,
  summarizeTransaction,
  type ChangeSummary,
  type Role,
} from './roles.js';
import { plainBoardSchema } from './schemas.js';
import { boardExportSchema, checkPlainBoard, exportBoard, importBoardDoc } from './transfer.js';

const ALICE = deriveAuthorId('alice-device-secret-00000000001');

function freshBoard() {
  const doc = new Y.Doc();
  initBoardDoc(doc, { municipality: 'Stadt A', title: 'Plan', languages: ['de'], createdAt: 1 });
  const model = new BoardModel(doc, { author: 'Moderation', now: () => 1_000 });
  const field = model.create('field', { content: { title: 'Arbeit' } });
  const goal = model.create('goal', { parentId: field, content: { title: 'Anerkennung' } });
  const measure = model.create('measure', { parentId: field, content: { title: 'Lotsen' } });
  return { doc, model, field, goal, measure };
}

describe('process kinds and fields (issue #5)', () => {
  it('reads boards written before the new fields existed with their defaults', () => {
    const { doc, goal, field } = freshBoard();
    // An older client wrote goals and fields without the new keys.
    const items = doc.getMap<Y.Map<unknown>>('items');
    for (const id of [goal, field]) {
      for (const key of ['decided', 'owner', 'due', 'specific', 'measurable']) {
        items.get(id)?.delete(key);
      }
    }
    doc.getMap('meta').delete('pressRelease');
    const board = toPlainBoard(doc);
    expect(board.goals[0]).toMatchObject({
      decided: false,
      owner: '',
      due: null,
      specific: false,
      measurable: false,
    });
    expect(board.fields[0]?.decided).toBe(false);
    expect(board.comments).toEqual([]);
    expect(board.pressRelease).toBe('');
  });

  it('changes only what a patch names, not the defaults of the others', () => {
    const { model, goal } = freshBoard();
    model.update<'goal'>(goal, { decided: true, owner: 'Amt für Integration', due: '2028-06-30' });
    model.update<'goal'>(goal, { title: 'Anerkennung in 3 Monaten' });
    expect(model.get(goal, 'goal')).toMatchObject({
      title: 'Anerkennung in 3 Monaten',
      decided: true,
      owner: 'Amt für Integration',
      due: '2028-06-30',
    });
    expect(() => model.update<'goal'>(goal, { due: '2028-02-30' })).toThrow();
  });

  it('creates comments, reports and their entries, and checks their references', () => {
    const { model, goal, measure } = freshBoard();
    const root = model.create('comment', { parentId: goal, content: { text: 'Wer zählt das?' } });
    const reply = model.create('comment', {
      parentId: goal,
      content: { text: 'هيئة الإحصاء', replyTo: root },
    });
    expect(model.get(reply, 'comment')).toMatchObject({ replyTo: root, resolved: false });
    // A reply belongs to the same item as its thread; a thread cannot start at a link.
    expect(() =>
      model.create('comment', { parentId: measure, content: { text: 'x', replyTo: root } }),
    ).toThrow(ModelError);
    const link = model.link('serves', measure, goal);
    expect(() => model.create('comment', { parentId: link })).toThrow(/cannot be placed/);
    expect(() => model.create('comment')).toThrow(/needs a parent/);

    const quarterly = model.create('report', {
      content: { type: 'quarterly', date: '2028-03-31', notes: 'Neues Thema: Wohnen' },
    });
    const review = model.create('report', { content: { type: 'review', date: '2029-01-15' } });
    // Without a date, a report is dated on the day it is opened.
    const today = model.create('report');
    expect(model.get(today, 'report')?.date).toBe(new Date(1_000).toISOString().slice(0, 10));
    model.delete(today);
    const entry = model.create('statusEntry', {
      parentId: quarterly,
      content: { measureId: measure, status: 'atRisk', comment: 'Träger fehlt' },
    });
    model.create('goalReview', {
      parentId: review,
      content: { goalId: goal, result: 'partly', evidence: '40 von 100' },
    });
    // Entries go into the report of their type and name an existing measure or goal.
    expect(() =>
      model.create('statusEntry', { parentId: review, content: { measureId: measure } }),
    ).toThrow(/quarterly report/);
    expect(() =>
      model.create('goalReview', { parentId: review, content: { goalId: measure } }),
    ).toThrow(/not a goal/);
    expect(() => model.create('statusEntry', { parentId: quarterly })).toThrow(/does not exist/);

    // Deleting the measure keeps the status entry: it is history.
    model.delete(measure);
    const board = toPlainBoard(model.doc);
    expect(board.statusEntries.map((e) => e.id)).toEqual([entry]);
    expect(board.reports.map((r) => r.type)).toEqual(['quarterly', 'review']);
    expect(board.comments.map((c) => c.id)).toEqual([root, reply]);
    expect(board.goalReviews[0]).toMatchObject({ result: 'partly', evidence: '40 von 100' });
    // Deleting the goal takes its comments with it.
    expect(model.delete(goal)).toEqual(expect.arrayContaining([root, reply]));
  });

  it('keeps the press release as live text that survives export and import', () => {
    const { doc, model } = freshBoard();
    model.pressReleaseText().insert(0, 'Die Stadt A hat beschlossen …');
    expect(readPressRelease(doc)).toBe('Die Stadt A hat beschlossen …');
    const file = JSON.parse(JSON.stringify(exportBoard(doc)));
    const copy = new Y.Doc();
    importBoardDoc(copy, boardExportSchema.parse(file).board);
    expect(toPlainBoard(copy)).toEqual(toPlainBoard(doc));
    expect(new BoardModel(copy).pressReleaseText().toString()).toBe(
      'Die Stadt A hat beschlossen …',
    );
  });

  it('imports export files written before comments and reports existed', () => {
    const { doc } = freshBoard();
    const file = JSON.parse(JSON.stringify(exportBoard(doc))) as {
      board: Record<string, unknown>;
    };
    for (const key of ['comments', 'reports', 'statusEntries', 'goalReviews', 'pressRelease']) {
      delete file.board[key];
    }
    const parsed = boardExportSchema.parse(file);
    expect(parsed.board.reports).toEqual([]);
    expect(checkPlainBoard(parsed.board)).toEqual([]);
    expect(plainBoardSchema.safeParse(file.board).success).toBe(true);
  });

  it('lets participants comment in workshop steps and fill report entries in steps 9 and 10', () => {
    const { doc, model, goal, measure } = freshBoard();
    const quarterly = model.create('report', {
      content: { type: 'quarterly', date: '2028-03-31' },
    });
    const attempt = (edit: (m: BoardModel) => void, role: Role = 'participant') => {
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
      const before = new Y.Doc();
      Y.applyUpdate(before, Y.encodeStateAsUpdate(doc));
      const change: ChangeSummary = { meta: new Set(), items: new Set(), foreign: false };
      client.on('afterTransaction', (tr: Y.Transaction) => {
        const one = summarizeTransaction(client, tr);
        for (const key of one.meta) change.meta.add(key);
        for (const key of one.items) change.items.add(key);
        change.foreign ||= one.foreign;
      });
      edit(new BoardModel(client, { author: 'Alice', authorId: ALICE }));
      return authorizeChange({ role, authorId: ALICE, before, after: client, change });
    };
    const comment = (m: BoardModel) =>
      m.create('comment', { parentId: goal, content: { text: 'Gute Idee' } });
    model.setSession({ openStep: 7 });
    expect(attempt(comment).ok).toBe(false);
    for (const step of [2, 3, 4, 5, 6, 9, 10] as const) {
      model.setSession({ openStep: step });
      expect(attempt(comment)).toEqual({ ok: true });
    }
    model.setSession({ openStep: 9 });
    const entry = (m: BoardModel) =>
      m.create('statusEntry', { parentId: quarterly, content: { measureId: measure } });
    expect(attempt(entry)).toEqual({ ok: true });
    // Participants do not open reports themselves; the steering group does.
    const report = (m: BoardModel) =>
      m.create('report', { content: { type: 'quarterly', date: '2028-06-30' } });
    expect(attempt(report).ok).toBe(false);
    expect(attempt(report, 'steering')).toEqual({ ok: true });
    // The steering group may write the press release; participants may not.
    const press = (m: BoardModel) => m.pressReleaseText().insert(0, 'Pressemitteilung');
    expect(attempt(press, 'steering')).toEqual({ ok: true });
    expect(attempt(press).ok).toBe(false);
  });
});
