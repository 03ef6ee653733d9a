import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardModel,
  ModelError,
  initBoardDoc,
  isBoardDoc,
  readItems,
  toPlainBoard,
} from './board.js';
import { PROCESS_STEPS } from './process.js';
import { plainBoardSchema } from './schemas.js';

const META = {
  municipality: 'Landkreis Musterland',
  title: 'Integrationsstrategie 2027–2030',
  languages: ['de', 'ar'],
  createdAt: 1_800_000_000_000,
};

/** Three replicas of one board that exchange updates only when `sync()` is called. */
function replicas(count = 3) {
  const origin = new Y.Doc();
  initBoardDoc(origin, META);
  const state = Y.encodeStateAsUpdate(origin);
  const docs = Array.from({ length: count }, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    return doc;
  });
  const models = docs.map((doc, i) => new BoardModel(doc, { author: `Person ${i + 1}` }));
  const sync = () => {
    for (const a of docs) {
      for (const b of docs) {
        if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
      }
    }
  };
  const expectConverged = () => {
    const boards = docs.map((doc) => toPlainBoard(doc));
    for (const board of boards.slice(1)) expect(board).toEqual(boards[0]);
    for (const doc of docs.slice(1)) {
      expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(docs[0] as Y.Doc));
    }
    return boards[0] as ReturnType<typeof toPlainBoard>;
  };
  return { docs, models, sync, expectConverged } as const;
}

function freshBoard() {
  const doc = new Y.Doc();
  initBoardDoc(doc, META);
  return { doc, model: new BoardModel(doc, { author: 'Moderation' }) };
}

describe('initBoardDoc', () => {
  it('creates the meta and the ten process steps in three phases', () => {
    const { doc, model } = freshBoard();
    expect(isBoardDoc(doc)).toBe(true);
    const board = toPlainBoard(doc);
    expect(board.meta).toEqual(META);
    expect(board.steps.map((s) => [s.number, s.phase, s.status, s.date])).toEqual(
      PROCESS_STEPS.map((s) => [s.number, s.phase, 'planned', null]),
    );
    expect(model.get('step-5', 'step')?.phase).toBe(2);
    expect(board.fields).toEqual([]);
  });

  it('rejects invalid meta and leaves the doc empty', () => {
    const doc = new Y.Doc();
    expect(() => initBoardDoc(doc, { ...META, title: '   ' })).toThrow();
    expect(isBoardDoc(doc)).toBe(false);
  });
});

describe('BoardModel CRUD', () => {
  it('creates, reads, updates and deletes every kind of item', () => {
    const { model } = freshBoard();
    const field = model.create('field', { content: { title: 'Sprache und Bildung' } });
    const ist = model.create('istStand', {
      parentId: field,
      content: { text: 'VHS zu 95 % ausgelastet' },
    });
    const goal = model.create('goal', { parentId: field, content: { title: 'Kurs in 6 Wochen' } });
    const milestone = model.create('milestone', {
      parentId: goal,
      content: { title: 'Zwei Standorte', due: '2027-12-31' },
    });
    const measure = model.create('measure', {
      parentId: field,
      content: { title: 'Kinderbetreuung', owner: 'VHS', due: '2027-10-01', status: 'inProgress' },
    });
    const need = model.create('need', {
      parentId: field,
      content: { text: 'نحتاج إلى دورات لغة', lang: 'ar' },
    });
    const stakeholder = model.create('stakeholder', {
      content: { name: 'Jobcenter', type: 'administration', influence: 5, interest: 4 },
    });
    const serves = model.link('serves', measure, goal);
    const takenUp = model.link('takenUpBy', need, goal);

    expect(model.get(measure, 'measure')).toMatchObject({
      kind: 'measure',
      parentId: field,
      title: 'Kinderbetreuung',
      owner: 'VHS',
      due: '2027-10-01',
      status: 'inProgress',
      decided: false,
      createdBy: 'Moderation',
    });
    model.update<'measure'>(measure, { decided: true, status: 'done', owner: 'VHS Musterland' });
    model.update<'milestone'>(milestone, { done: true, due: null });
    model.update<'step'>('step-3', { status: 'done', date: '2027-03-10', notes: 'Bürgerhaus Süd' });
    model.setText<'istStand'>(ist, 'text', 'VHS zu 97 % ausgelastet');

    const board = model.toPlain();
    expect(board.measures[0]).toMatchObject({
      decided: true,
      status: 'done',
      owner: 'VHS Musterland',
    });
    expect(board.milestones[0]).toMatchObject({ done: true, due: null });
    expect(board.steps[2]).toMatchObject({
      status: 'done',
      date: '2027-03-10',
      notes: 'Bürgerhaus Süd',
    });
    expect(board.istStand[0]?.text).toBe('VHS zu 97 % ausgelastet');
    expect(board.needs[0]).toMatchObject({ lang: 'ar', text: 'نحتاج إلى دورات لغة' });
    expect(board.stakeholders[0]).toMatchObject({ id: stakeholder, influence: 5 });
    expect(board.links.map((l) => l.id).sort()).toEqual([serves, takenUp].sort());
    expect(model.link('serves', measure, goal)).toBe(serves);

    expect(model.dependents(field).sort()).toEqual(
      [ist, goal, milestone, measure, need, serves, takenUp].sort(),
    );
    const removed = model.delete(field);
    expect(removed).toHaveLength(8);
    const after = model.toPlain();
    expect([after.fields, after.goals, after.milestones, after.measures, after.links]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
    expect(after.stakeholders).toHaveLength(1);
  });

  it('keeps display order and inserts before a given sibling', () => {
    const { model } = freshBoard();
    const a = model.create('field', { content: { title: 'A' } });
    const c = model.create('field', { content: { title: 'C' } });
    model.create('field', { content: { title: 'B' }, beforeId: c });
    model.create('field', { content: { title: 'Start' }, beforeId: a });
    expect(model.list('field').map((f) => f.title)).toEqual(['Start', 'A', 'B', 'C']);
  });

  it('moves items within and between parents', () => {
    const { model } = freshBoard();
    const f1 = model.create('field', { content: { title: 'Wohnen' } });
    const f2 = model.create('field', { content: { title: 'Arbeit' } });
    const g1 = model.create('goal', { parentId: f1, content: { title: 'g1' } });
    const g2 = model.create('goal', { parentId: f1, content: { title: 'g2' } });
    const m = model.create('milestone', { parentId: g1, content: { title: 'm' } });
    model.move(g2, { beforeId: g1 });
    expect(model.list('goal', f1).map((g) => g.title)).toEqual(['g2', 'g1']);
    model.move(g1, { parentId: f2 });
    expect(model.list('goal', f2).map((g) => g.id)).toEqual([g1]);
    expect(model.get(m, 'milestone')?.parentId).toBe(g1);
    expect(model.toPlain().milestones).toHaveLength(1);
    model.move(f2, { beforeId: f1 });
    expect(model.list('field').map((f) => f.title)).toEqual(['Arbeit', 'Wohnen']);
  });

  it('refuses invalid content, wrong parents and fixed items without changing anything', () => {
    const { doc, model } = freshBoard();
    const field = model.create('field', { content: { title: 'Gesundheit' } });
    const measure = model.create('measure', {
      parentId: field,
      content: { title: 'Dolmetschpool' },
    });
    const before = Y.encodeStateAsUpdate(doc);
    const attempts: (() => unknown)[] = [
      () => model.create('goal', {}),
      () => model.create('milestone', { parentId: field }),
      () => model.create('goal', { parentId: 'nonexistent00000' }),
      () => model.update<'measure'>(measure, { due: '2027-02-30' }),
      () => model.update<'measure'>(measure, { status: 'finished' as never }),
      () => model.update<'measure'>(measure, { title: 'x'.repeat(501) }),
      () => model.update<'step'>('step-1', { number: 4 }),
      () => model.delete('step-1'),
      () => model.move(field, { parentId: measure }),
      () => model.link('serves', field, measure),
      () => model.update('nonexistent00000', {}),
      () => model.setMeta({ title: 'x'.repeat(201) }),
    ];
    for (const attempt of attempts) expect(attempt).toThrow();
    expect(() => model.delete('step-1')).toThrow(ModelError);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('edits the board meta as collaborative text', () => {
    const { model } = freshBoard();
    model.setMeta({ title: 'Integrationsstrategie 2027–2031', municipality: 'Stadt Musterstadt' });
    expect(model.meta()).toMatchObject({
      title: 'Integrationsstrategie 2027–2031',
      municipality: 'Stadt Musterstadt',
    });
    expect(model.metaText('title').toString()).toBe('Integrationsstrategie 2027–2031');
    // Someone clears the title to retype it: the board still reads.
    model.setMeta({ title: '' });
    expect(model.toPlain().meta.title).toBe('');
  });
});

describe('convergence of three replicas', () => {
  it('converges on concurrent edits of every kind of item', () => {
    const { models, sync, expectConverged } = replicas();
    const [a, b, c] = models as [BoardModel, BoardModel, BoardModel];
    const field = a.create('field', { content: { title: 'Wohnen' } });
    sync();
    const goal = b.create('goal', { parentId: field, content: { title: 'Wohnungen' } });
    sync();
    const measure = c.create('measure', { parentId: field, content: { title: 'Wohnungsbörse' } });
    const milestone = a.create('milestone', { parentId: goal, content: { title: 'Börse online' } });
    const ist = b.create('istStand', { parentId: field, content: { text: '300 Menschen in GU' } });
    const need = c.create('need', {
      parentId: field,
      content: { text: 'Допомога з житлом', lang: 'uk' },
    });
    const stakeholder = a.create('stakeholder', { content: { name: 'Wohnungsbau' } });
    sync();
    // Everyone edits everything at once.
    const edits: [BoardModel, () => void][] = [
      [a, () => a.update<'measure'>(measure, { status: 'inProgress', owner: 'Sozialamt' })],
      [b, () => b.update<'measure'>(measure, { due: '2028-01-01', decided: true })],
      [c, () => c.update<'milestone'>(milestone, { due: '2027-06-30' })],
      [a, () => a.update<'milestone'>(milestone, { done: true })],
      [b, () => b.update<'stakeholder'>(stakeholder, { influence: 4, type: 'business' })],
      [c, () => c.update<'stakeholder'>(stakeholder, { interest: 2 })],
      [a, () => a.update<'step'>('step-5', { date: '2027-05-05', status: 'active' })],
      [b, () => b.update<'step'>('step-5', { notes: 'Raum 2.14' })],
      [c, () => c.setText<'istStand'>(ist, 'text', '300 Menschen in Gemeinschaftsunterkünften')],
      [a, () => a.setText<'need'>(need, 'text', 'Потрібна допомога з житлом')],
      [b, () => b.link('serves', measure, goal)],
      [c, () => c.link('takenUpBy', need, goal)],
      [a, () => a.update<'field'>(field, { description: 'Handlungsfeld 3' })],
      [c, () => c.update<'goal'>(goal, { description: 'bis 2029' })],
    ];
    for (const [, edit] of edits) edit();
    sync();
    const board = expectConverged();
    expect(board.measures[0]).toMatchObject({
      owner: 'Sozialamt',
      status: 'inProgress',
      due: '2028-01-01',
      decided: true,
    });
    expect(board.milestones[0]).toMatchObject({ due: '2027-06-30', done: true });
    expect(board.stakeholders[0]).toMatchObject({ influence: 4, interest: 2, type: 'business' });
    expect(board.steps[4]).toMatchObject({
      date: '2027-05-05',
      status: 'active',
      notes: 'Raum 2.14',
    });
    expect(board.links).toHaveLength(2);
    expect(board.fields[0]?.description).toBe('Handlungsfeld 3');
  });

  it('keeps the letters of three people typing in the same card', () => {
    const { models, sync, expectConverged } = replicas();
    const [a, b, c] = models as [BoardModel, BoardModel, BoardModel];
    const field = a.create('field', { content: { title: 'Arbeit' } });
    const goal = a.create('goal', { parentId: field, content: { title: 'Anerkennung schneller' } });
    sync();
    // Keystroke by keystroke, each on their own replica, never synced in between.
    const type = (m: BoardModel, insertAt: (s: string) => number, word: string) => {
      const start = insertAt(m.get(goal, 'goal')?.title ?? '');
      [...word].forEach((ch, i) => {
        const current = m.get(goal, 'goal')?.title ?? '';
        const at = start + i;
        m.setText<'goal'>(goal, 'title', current.slice(0, at) + ch + current.slice(at));
      });
    };
    type(a, () => 0, 'Ziel: ');
    type(b, (s) => s.length, ' bis 2029');
    type(c, (s) => s.indexOf(' schneller'), ' deutlich');
    sync();
    const title = expectConverged().goals[0]?.title;
    expect(title).toContain('Ziel: ');
    expect(title).toContain(' bis 2029');
    expect(title).toContain(' deutlich');
    expect(title?.replace('Ziel: ', '').replace(' bis 2029', '').replace(' deutlich', '')).toBe(
      'Anerkennung schneller',
    );
  });

  it('lets a delete win over a concurrent edit and drops orphans everywhere alike', () => {
    const { models, sync, expectConverged } = replicas();
    const [a, b, c] = models as [BoardModel, BoardModel, BoardModel];
    const field = a.create('field', { content: { title: 'Gesundheit' } });
    const goal = a.create('goal', { parentId: field, content: { title: 'Dolmetschpool' } });
    const keep = a.create('field', { content: { title: 'Teilhabe' } });
    sync();
    a.delete(field);
    b.setText<'goal'>(goal, 'title', 'Dolmetschpool für Arztpraxen');
    c.create('milestone', { parentId: goal, content: { title: 'Pool gegründet' } });
    const measure = c.create('measure', { parentId: field, content: { title: 'Sprachmittler' } });
    sync();
    const board = expectConverged();
    expect(board.fields.map((f) => f.id)).toEqual([keep]);
    expect(board.goals).toEqual([]);
    expect(board.milestones).toEqual([]);
    expect(board.measures).toEqual([]);
    // The orphaned measure is in the doc but invisible, on every replica.
    expect(readItems(models[1]!.doc).invalid).toContainEqual({ id: measure, reason: 'orphaned' });
  });

  it('converges when the same item is moved concurrently to different places', () => {
    const { models, sync, expectConverged } = replicas();
    const [a, b, c] = models as [BoardModel, BoardModel, BoardModel];
    const f1 = a.create('field', { content: { title: 'F1' } });
    const f2 = a.create('field', { content: { title: 'F2' } });
    const f3 = a.create('field', { content: { title: 'F3' } });
    const goal = a.create('goal', { parentId: f1, content: { title: 'wandert' } });
    const other = a.create('goal', { parentId: f2, content: { title: 'bleibt' } });
    sync();
    b.move(goal, { parentId: f2, beforeId: other });
    c.move(goal, { parentId: f3 });
    a.move(f3, { beforeId: f1 });
    sync();
    const board = expectConverged();
    const moved = board.goals.find((g) => g.id === goal);
    expect([f2, f3]).toContain(moved?.parentId);
    expect(board.fields.map((f) => f.title)).toEqual(['F3', 'F1', 'F2']);
    expect(board.goals).toHaveLength(2);
  });

  it('orders concurrent inserts at the same place the same way everywhere', () => {
    const { models, sync, expectConverged } = replicas();
    const [a, b, c] = models as [BoardModel, BoardModel, BoardModel];
    const first = a.create('field', { content: { title: 'erstes' } });
    sync();
    a.create('field', { content: { title: 'a' }, beforeId: first });
    b.create('field', { content: { title: 'b' }, beforeId: first });
    c.create('field', { content: { title: 'c' }, beforeId: first });
    sync();
    const board = expectConverged();
    expect(board.fields).toHaveLength(4);
    expect(board.fields.at(-1)?.title).toBe('erstes');
    // Inserting before an item that shares its order key with its neighbour still works.
    const y = board.fields[1]!;
    a.create('field', { content: { title: 'davor' }, beforeId: y.id });
    const titles = a.list('field').map((f) => f.title);
    expect(titles.indexOf('davor')).toBeLessThan(titles.indexOf(y.title));
    expect(titles).toHaveLength(5);
  });
});

describe('validation of what arrives over the wire', () => {
  it('drops items that another client wrote in an invalid shape', () => {
    const { doc, model } = freshBoard();
    const field = model.create('field', { content: { title: 'Ok' } });
    const items = doc.getMap<Y.Map<unknown>>('items');
    doc.transact(() => {
      const bad = new Y.Map<unknown>();
      bad.set('kind', 'goal');
      bad.set('parentId', field);
      bad.set('order', 'a0');
      bad.set('title', 42);
      items.set('badbadbadbadbad1', bad);
      const loop = new Y.Map<unknown>();
      items.set('loop000000000001', loop);
      loop.set('kind', 'measure');
      loop.set('parentId', 'loop000000000001');
    });
    const board = toPlainBoard(doc);
    expect(plainBoardSchema.safeParse(board).success).toBe(true);
    expect(board.goals).toEqual([]);
    expect(board.fields).toHaveLength(1);
    expect(
      readItems(doc)
        .invalid.map((i) => i.id)
        .sort(),
    ).toEqual(['badbadbadbadbad1', 'loop000000000001']);
  });
});

describe('undo', () => {
  it('undoes only the local person’s own changes', () => {
    const { docs, models, sync } = replicas(2);
    const [a, b] = models as [BoardModel, BoardModel];
    const field = a.create('field', { content: { title: 'Wohnen' } });
    sync();
    const undo = new Y.UndoManager(b.sharedTypes);
    const mine = b.create('goal', { parentId: field, content: { title: 'mein Ziel' } });
    // A remote change arrives with a non-null origin (as the provider applies it).
    const theirs = a.create('goal', { parentId: field, content: { title: 'ihr Ziel' } });
    Y.applyUpdate(
      docs[1]!,
      Y.encodeStateAsUpdate(docs[0]!, Y.encodeStateVector(docs[1]!)),
      'remote',
    );
    undo.undo();
    expect(b.get(mine)).toBeUndefined();
    expect(b.get(theirs, 'goal')?.title).toBe('ihr Ziel');
    undo.redo();
    expect(b.get(mine, 'goal')?.title).toBe('mein Ziel');
  });
});

describe('translations', () => {
  it('carries translations of an item’s texts, added concurrently by several people', () => {
    const { models, sync, expectConverged } = replicas();
    const [a, b, c] = models as [BoardModel, BoardModel, BoardModel];
    const need = a.create('need', {
      content: { text: 'نحتاج إلى دورات لغة مع رعاية للأطفال', lang: 'ar' },
    });
    sync();
    b.setTranslation<'need'>(need, 'text', 'de', 'Wir brauchen Sprachkurse mit Kinderbetreuung');
    c.setTranslation<'need'>(need, 'text', 'en', 'We need language courses with childcare');
    sync();
    const board = expectConverged();
    expect(board.needs[0]?.translations).toEqual({
      de: { text: 'Wir brauchen Sprachkurse mit Kinderbetreuung' },
      en: { text: 'We need language courses with childcare' },
    });
    // Two people correcting the same translation keep both letters.
    b.setTranslation<'need'>(
      need,
      'text',
      'de',
      'Wir brauchen dringend Sprachkurse mit Kinderbetreuung',
    );
    c.setTranslation<'need'>(
      need,
      'text',
      'de',
      'Wir brauchen Sprachkurse mit Kinderbetreuung vor Ort',
    );
    sync();
    expect(expectConverged().needs[0]?.translations.de?.text).toBe(
      'Wir brauchen dringend Sprachkurse mit Kinderbetreuung vor Ort',
    );
    expect(a.translationText<'need'>(need, 'text', 'en')?.toString()).toBe(
      'We need language courses with childcare',
    );
    a.setTranslation<'need'>(need, 'text', 'en', '');
    sync();
    expect(expectConverged().needs[0]?.translations).toEqual({
      de: { text: 'Wir brauchen dringend Sprachkurse mit Kinderbetreuung vor Ort' },
    });
    expect(() => a.setTranslation<'need'>(need, 'title' as never, 'de', 'x')).toThrow(ModelError);
    expect(() => a.setTranslation<'need'>(need, 'text', 'Deutsch', 'x')).toThrow();
  });
});
