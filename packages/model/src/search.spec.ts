import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, initBoardDoc, toPlainBoard } from './board.js';
import { isOverdue, searchBoard } from './search.js';

const TODAY = '2027-06-15';

function board() {
  const doc = new Y.Doc();
  initBoardDoc(doc, { municipality: 'Stadt A', title: 'Plan', languages: ['de'], createdAt: 1 });
  const model = new BoardModel(doc, { author: 'Moderation' });
  const work = model.create('field', { content: { title: 'Arbeit', decided: true } });
  const school = model.create('field', { content: { title: 'Schule' } });
  const goal = model.create('goal', {
    parentId: work,
    content: {
      title: 'Berufsabschlüsse anerkennen',
      owner: 'Amt für Integration',
      due: '2027-01-31',
    },
  });
  const late = model.create('measure', {
    parentId: work,
    content: { title: 'Lotsen für Anerkennung', owner: 'Jobcenter Nord', due: '2027-05-31' },
  });
  const done = model.create('measure', {
    parentId: work,
    content: { title: 'Infoabend', owner: 'VHS', due: '2027-05-01', status: 'done', decided: true },
  });
  const future = model.create('measure', {
    parentId: school,
    content: { title: 'Übergänge Schule–Beruf', owner: 'jobcenter süd', due: '2027-09-01' },
  });
  const milestone = model.create('milestone', {
    parentId: goal,
    content: { title: 'Beratungsstelle eröffnet', due: '2027-03-01' },
  });
  // Typed on a Mac: "ä" as "a" + combining diaeresis (NFD).
  const need = model.create('need', {
    parentId: school,
    content: { text: 'Nachhilfe fu\u0308r Kinder in der Grundschule', lang: 'de' },
  });
  model.setTranslation<'need'>(need, 'text', 'ar', 'دروس تقوية للأطفال');
  const arabic = model.create('need', {
    parentId: school,
    content: { text: 'مدرسة قريبة من السكن', lang: 'ar' },
  });
  model.link('serves', late, goal);
  const comment = model.create('comment', {
    parentId: late,
    content: { text: 'Wer bezahlt die LOTSEN?' },
  });
  return {
    plain: toPlainBoard(doc),
    ids: { work, school, goal, late, done, future, milestone, need, arabic, comment },
  };
}

const ids = (hits: { item: { id: string } }[]) => hits.map((h) => h.item.id);

describe('isOverdue', () => {
  it('is late after the due day unless finished', () => {
    const { plain, ids: id } = board();
    const [goal] = plain.goals;
    const measure = (mid: string) => plain.measures.find((m) => m.id === mid);
    const [late, done, future] = [measure(id.late), measure(id.done), measure(id.future)];
    expect(isOverdue(late!, TODAY)).toBe(true);
    expect(isOverdue(late!, '2027-05-31')).toBe(false); // due today is not late yet
    expect(isOverdue(done!, TODAY)).toBe(false);
    expect(isOverdue({ ...late!, status: 'dropped' }, TODAY)).toBe(false);
    expect(isOverdue(future!, TODAY)).toBe(false);
    expect(isOverdue({ ...late!, due: null }, TODAY)).toBe(false);
    expect(isOverdue(plain.milestones[0]!, TODAY)).toBe(true);
    expect(isOverdue({ ...plain.milestones[0]!, done: true }, TODAY)).toBe(false);
    expect(isOverdue(goal!, TODAY)).toBe(true);
    expect(() => isOverdue(late!, '15.06.2027')).toThrow();
  });
});

describe('searchBoard', () => {
  it('finds words in any case, in decomposed umlauts, translations and right-to-left text', () => {
    const { plain, ids: id } = board();
    expect(ids(searchBoard(plain, { text: 'lotsen' }, TODAY))).toEqual([id.late, id.comment]);
    expect(ids(searchBoard(plain, { text: 'FÜR KINDER' }, TODAY))).toEqual([id.need]);
    expect(ids(searchBoard(plain, { text: 'تقوية' }, TODAY))).toEqual([id.need]);
    const [hit] = searchBoard(plain, { text: 'قريبة' }, TODAY);
    expect(hit).toMatchObject({ fieldId: id.school, snippet: 'مدرسة قريبة من السكن' });
    // ä is not a: an accent is part of the word.
    expect(searchBoard(plain, { text: 'Ubergange' }, TODAY)).toEqual([]);
    // Words typed into the search box are text, not patterns.
    expect(searchBoard(plain, { text: '.*' }, TODAY)).toEqual([]);
  });

  it('filters by owner, status, field, decided, kinds and overdue, all together', () => {
    const { plain, ids: id } = board();
    // Measures of different fields have no order among each other; compare as sets.
    expect(ids(searchBoard(plain, { owner: 'JOBCENTER' }, TODAY)).sort()).toEqual(
      [id.late, id.future].sort(),
    );
    expect(ids(searchBoard(plain, { owner: 'integration' }, TODAY))).toEqual([id.goal]);
    expect(ids(searchBoard(plain, { status: 'done' }, TODAY))).toEqual([id.done]);
    expect(ids(searchBoard(plain, { decided: true }, TODAY))).toEqual([id.work, id.done]);
    expect(ids(searchBoard(plain, { overdue: true }, TODAY))).toEqual([
      id.goal,
      id.milestone,
      id.late,
    ]);
    expect(
      ids(searchBoard(plain, { overdue: true, kinds: ['measure'], fieldId: id.work }, TODAY)),
    ).toEqual([id.late]);
    expect(ids(searchBoard(plain, { fieldId: id.school, kinds: ['need'] }, TODAY))).toEqual([
      id.need,
      id.arabic,
    ]);
    // A comment belongs to the field of the item it is about.
    expect(searchBoard(plain, { kinds: ['comment'] }, TODAY)[0]?.fieldId).toBe(id.work);
  });

  it('cuts long texts into a snippet around the match', () => {
    const doc = new Y.Doc();
    initBoardDoc(doc, { municipality: 'A', title: 'B', languages: ['de'], createdAt: 1 });
    const model = new BoardModel(doc);
    const field = model.create('field', { content: { title: 'Kinder' } });
    const text = `${'Vorwort '.repeat(30)}Hier steht das Stichwort Kita-Platz und ${'Nachwort '.repeat(30)}`;
    model.create('istStand', { parentId: field, content: { text } });
    const [hit] = searchBoard(toPlainBoard(doc), { text: 'kita-platz' }, TODAY);
    expect(hit?.snippet.startsWith('…')).toBe(true);
    expect(hit?.snippet.endsWith('…')).toBe(true);
    expect(hit?.snippet).toContain('Kita-Platz');
    expect(hit!.snippet.length).toBeLessThan(110);
    // Without words, the start of the text.
    const [first] = searchBoard(toPlainBoard(doc), { kinds: ['istStand'] }, TODAY);
    expect(first?.snippet.startsWith('Vorwort Vorwort')).toBe(true);
  });

  it('refuses malformed queries and days', () => {
    const { plain } = board();
    expect(() => searchBoard(plain, { text: 'x'.repeat(201) }, TODAY)).toThrow();
    expect(() => searchBoard(plain, { fieldId: '../../etc' }, TODAY)).toThrow();
    expect(() => searchBoard(plain, {}, '2027-02-30')).toThrow();
  });
});
