import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, initBoardDoc, toPlainBoard } from './board.js';
import { diffBoards } from './diff.js';
import { restoreItem } from './restore.js';
import {
  authorizeChange,
  deriveAuthorId,
  summarizeTransaction,
  type ChangeSummary,
} from './roles.js';
import type { PlainBoard } from './schemas.js';
import { isOverdue, searchBoard } from './search.js';
import { threadOf } from './thread.js';
import {
  boardFromSnapshot,
  newVersionId,
  snapshotBoard,
  zielerklaerungOf,
  type VersionInfo,
  type VersionKind,
} from './versions.js';

const AMINA = deriveAuthorId('amina-phone-secret-000000000001');

/**
 * One board run through the ten steps of the process, as a facilitator, the steering group and
 * participants would over two years. Versions are kept as the server keeps them: info + state.
 */
function walk() {
  let clock = Date.UTC(2027, 0, 10);
  const now = () => clock;
  const doc = new Y.Doc();
  initBoardDoc(doc, {
    municipality: 'Landkreis Musterland',
    title: 'Integrationsstrategie 2027–2030',
    languages: ['de', 'ar', 'uk'],
    createdAt: clock,
  });
  const facilitator = new BoardModel(doc, { author: 'Moderation', now });
  const versions: { info: VersionInfo; state: Uint8Array }[] = [];
  const record = (kind: VersionKind, name: string, reportId: string | null = null) => {
    const info: VersionInfo = {
      id: newVersionId(),
      kind,
      name,
      createdAt: clock,
      createdBy: 'Moderation',
      reportId,
    };
    versions.push({ info, state: snapshotBoard(doc) });
    if (reportId !== null) facilitator.update<'report'>(reportId, { versionId: info.id });
    return info;
  };
  /** A participant's phone: a replica whose changes the server checks before applying them. */
  const participant = (edit: (model: BoardModel) => string): string => {
    const phone = new Y.Doc();
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(doc));
    const change: ChangeSummary = { meta: new Set(), items: new Set(), foreign: false };
    phone.on('afterTransaction', (tr: Y.Transaction) => {
      const one = summarizeTransaction(phone, tr);
      for (const key of one.items) change.items.add(key);
      for (const key of one.meta) change.meta.add(key);
    });
    const id = edit(new BoardModel(phone, { author: 'Amina', authorId: AMINA, now }));
    const verdict = authorizeChange({
      role: 'participant',
      authorId: AMINA,
      before: doc,
      after: phone,
      change,
    });
    expect(verdict).toEqual({ ok: true });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(phone, Y.encodeStateVector(doc)));
    return id;
  };
  const days = (n: number) => {
    clock += n * 86_400_000;
  };

  // 1 — Gespräch mit kommunaler Spitze: support and the steering group.
  facilitator.update<'step'>('step-1', { status: 'done', notes: 'Landrätin unterstützt.' });
  facilitator.create('stakeholder', {
    content: { name: 'Sozialamt', type: 'administration', steering: true },
  });
  facilitator.create('stakeholder', {
    content: { name: 'Integrationsbeauftragte', type: 'administration', steering: true },
  });

  // 2 — Auftakttreffen: fields of action, stakeholder grid, workshop dates.
  days(14);
  const work = facilitator.create('field', { content: { title: 'Arbeit und Ausbildung' } });
  const language = facilitator.create('field', { content: { title: 'Sprache' } });
  facilitator.create('stakeholder', {
    content: { name: 'IHK', type: 'business', influence: 4, interest: 2 },
  });
  facilitator.update<'step'>('step-3', { date: '2027-03-01' });
  facilitator.update<'step'>('step-5', { date: '2027-05-10' });

  // 3 — Konsultationsworkshop: a refugee writes a need in Arabic, on her phone.
  days(30);
  facilitator.setSession({ openStep: 3 });
  const need = participant((m) =>
    m.create('need', {
      parentId: work,
      content: { text: 'الاعتراف بشهادتي كممرضة', lang: 'ar' },
    }),
  );
  facilitator.setTranslation<'need'>(need, 'text', 'de', 'Anerkennung meines Pflegeabschlusses');
  participant((m) =>
    m.create('comment', { parentId: need, content: { text: 'Das dauert jetzt 14 Monate.' } }),
  );
  facilitator.setSession({ openStep: null });
  record('session', 'Sitzung – Schritt 3');

  // 4 — Zweites Treffen: the fields are decided.
  days(20);
  facilitator.update<'field'>(work, { decided: true });
  facilitator.update<'field'>(language, { decided: true });

  // 5 — Analyseworkshop: Ist-Stand, a goal that takes up the need, milestone, measures.
  days(50);
  facilitator.setSession({ openStep: 5 });
  facilitator.create('istStand', {
    parentId: work,
    content: { text: 'Anerkennung dauert im Schnitt 14 Monate.' },
  });
  const goal = participant((m) =>
    m.create('goal', { parentId: work, content: { title: 'Anerkennung schneller' } }),
  );
  facilitator.link('takenUpBy', need, goal);
  const milestone = facilitator.create('milestone', {
    parentId: goal,
    content: { title: 'Anerkennungsberatung eröffnet', due: '2027-12-31' },
  });
  const lotsen = facilitator.create('measure', {
    parentId: work,
    content: { title: 'Anerkennungslotsen', owner: 'Jobcenter' },
  });
  const fair = facilitator.create('measure', { parentId: work, content: { title: 'Jobmesse' } });
  facilitator.link('serves', lotsen, goal);
  facilitator.link('serves', fair, goal);
  facilitator.setSession({ openStep: null });

  // 6 — Steuergruppe: the goal made concrete (checklist), measures refined.
  days(21);
  facilitator.update<'goal'>(goal, {
    title: 'Anerkennung in höchstens 6 Monaten',
    specific: true,
    measurable: true,
    owner: 'Amt für Integration',
    due: '2029-06-30',
  });
  facilitator.update<'measure'>(lotsen, { due: '2028-02-29', owner: 'Jobcenter Musterland' });

  // 7 — Gespräch mit kommunaler Spitze: decided, and the Zielerklärung is frozen.
  days(30);
  facilitator.update<'goal'>(goal, { decided: true });
  facilitator.update<'measure'>(lotsen, { decided: true, status: 'inProgress' });
  const declaration = record('zielerklaerung', 'Zielerklärung – Kreistag 09/2027');
  const frozenDeclaration = zielerklaerungOf(toPlainBoard(doc));

  // 8 — Präsentation: a press release drafted from the Zielerklärung.
  days(7);
  const decidedGoals = frozenDeclaration.fields.flatMap((f) =>
    f.goals.flatMap((g) => (g.goal ? [g.goal.title] : [])),
  );
  facilitator.pressReleaseText().insert(0, `Der Kreistag beschließt: ${decidedGoals.join(', ')}.`);

  // 9 — Quartalstreffen, twice: a status per measure, recorded as a dated report.
  days(90);
  const q1 = facilitator.create('report', {
    content: { type: 'quarterly', date: '2028-01-15', notes: 'Neues Thema: Wohnen' },
  });
  facilitator.create('statusEntry', {
    parentId: q1,
    content: { measureId: lotsen, status: 'onTrack', comment: 'Zwei Lotsen eingestellt.' },
  });
  record('quarterly', 'Quartalsbericht I/2028', q1);
  days(90);
  facilitator.setSession({ openStep: 9 });
  const q2 = facilitator.create('report', { content: { type: 'quarterly', date: '2028-04-15' } });
  const lateEntry = participant((m) =>
    m.create('statusEntry', {
      parentId: q2,
      content: { measureId: lotsen, status: 'late', comment: 'Stelle 2 unbesetzt.' },
    }),
  );
  facilitator.setSession({ openStep: null });
  record('quarterly', 'Quartalsbericht II/2028', q2);

  // 10 — Wirksamkeit überprüfen: the goal is judged; a new measure is decided.
  days(400);
  const review = facilitator.create('report', {
    content: { type: 'review', date: '2029-07-01', notes: 'Halbzeit' },
  });
  const judgement = facilitator.create('goalReview', {
    parentId: review,
    content: { goalId: goal, result: 'partly', evidence: 'Ø 8 Monate statt 14.' },
  });
  const mentoring = facilitator.create('measure', {
    parentId: work,
    content: { title: 'Mentoring in Kliniken', decided: true },
  });
  facilitator.link('serves', mentoring, goal);
  record('review', 'Wirksamkeitsprüfung 2029', review);

  const withBoards = () =>
    versions.map((v) => ({ info: v.info, board: boardFromSnapshot(v.state) }));
  return {
    doc,
    facilitator,
    versions,
    withBoards,
    declaration,
    frozenDeclaration,
    ids: { work, language, need, goal, milestone, lotsen, fair, mentoring, q1, q2, review },
    entries: { lateEntry, judgement },
  };
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe('the whole process on one board (issue #5, test 1)', () => {
  it('follows one need through all ten steps, and the thread shows the whole chain', () => {
    const { doc, withBoards, declaration, ids: id, entries } = walk();
    const live = toPlainBoard(doc);

    const thread = threadOf(live, id.need, withBoards());
    expect(thread).not.toBeNull();
    expect(ids(thread!.needs)).toEqual([id.need]);
    expect(ids(thread!.goals)).toEqual([id.goal]);
    expect(ids(thread!.milestones)).toEqual([id.milestone]);
    expect(ids(thread!.measures)).toEqual([id.lotsen, id.fair, id.mentoring]);
    expect(thread!.decisions).toEqual([
      { version: declaration, goalIds: [id.goal], measureIds: [id.lotsen] },
    ]);
    expect(
      thread!.statusReports.map((r) => [r.report.date, r.entries.map((e) => e.status)]),
    ).toEqual([
      ['2028-01-15', ['onTrack']],
      ['2028-04-15', ['late']],
    ]);
    expect(thread!.reviews.map((r) => r.entries.map((e) => [e.id, e.result]))).toEqual([
      [[entries.judgement, 'partly']],
    ]);
    expect(thread!.comments.map((c) => c.text)).toEqual(['Das dauert jetzt 14 Monate.']);

    // The same chain from the other end: the review entry leads back to the need.
    expect(ids(threadOf(live, entries.judgement, withBoards())!.needs)).toEqual([id.need]);
    // Reports are frozen as versions and point to them.
    expect(live.reports.every((r) => r.versionId !== null)).toBe(true);
    // Step 9's view: the late measure is overdue and found by owner and overdue.
    const lotsen = live.measures.find((m) => m.id === id.lotsen)!;
    expect(isOverdue(lotsen, '2028-04-15')).toBe(true);
    expect(
      searchBoard(live, { owner: 'jobcenter', overdue: true }, '2028-04-15').map((h) => h.item.id),
    ).toEqual([id.lotsen]);
    expect(live.pressRelease).toBe('Der Kreistag beschließt: Anerkennung in höchstens 6 Monaten.');
  });

  it('keeps the frozen Zielerklärung unchanged while the live board moves on', () => {
    const { facilitator, versions, declaration, frozenDeclaration, ids: id, doc } = walk();
    facilitator.update<'goal'>(id.goal, { title: 'Umbenannt', decided: false });
    facilitator.update<'measure'>(id.lotsen, { owner: 'Niemand' });
    facilitator.delete(id.milestone);
    const stored = versions.find((v) => v.info.id === declaration.id)!;
    const frozen = boardFromSnapshot(stored.state);
    expect(zielerklaerungOf(frozen)).toEqual(frozenDeclaration);
    expect(frozenDeclaration.fields[0]?.goals[0]).toMatchObject({
      goal: { title: 'Anerkennung in höchstens 6 Monaten', owner: 'Amt für Integration' },
      milestones: [{ title: 'Anerkennungsberatung eröffnet' }],
      measures: [{ title: 'Anerkennungslotsen', owner: 'Jobcenter Musterland' }],
    });
    // "What changed since the Zielerklärung" names the edits.
    const diff = diffBoards(frozen, toPlainBoard(doc));
    expect(diff.removed.map((i) => i.id)).toContain(id.milestone);
    expect(diff.changed.find((c) => c.after.id === id.goal)?.fields).toEqual(['decided', 'title']);
  });
});

describe('restoring a deleted field (issue #5, test 3)', () => {
  it('brings the field back from a version and the thread is whole again', () => {
    const { doc, facilitator, versions, withBoards, ids: id } = walk();
    const latest = versions.at(-1)!;
    const before: PlainBoard = toPlainBoard(doc);
    const threadBefore = threadOf(before, id.need, withBoards());

    facilitator.delete(id.work);
    const afterDelete = toPlainBoard(doc);
    expect(threadOf(afterDelete, id.need)).toBeNull();
    // The reports are history: their entries stay while the measure is gone.
    expect(afterDelete.statusEntries).toHaveLength(2);

    const restored = restoreItem(facilitator, boardFromSnapshot(latest.state), id.work);
    expect(restored).toEqual(expect.arrayContaining([id.work, id.need, id.goal, id.lotsen]));
    const after = toPlainBoard(doc);
    expect(after).toEqual(before);
    expect(threadOf(after, id.need, withBoards())).toEqual(threadBefore);
  });
});
