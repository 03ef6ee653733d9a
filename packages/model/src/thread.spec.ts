import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, initBoardDoc, toPlainBoard } from './board.js';
import { threadOf, type Thread } from './thread.js';
import { newVersionId, type VersionInfo } from './versions.js';

function board() {
  const doc = new Y.Doc();
  initBoardDoc(doc, { municipality: 'Stadt A', title: 'Plan', languages: ['de'], createdAt: 1 });
  let clock = 100;
  const model = new BoardModel(doc, { author: 'Moderation', now: () => clock++ });
  const field = model.create('field', { content: { title: 'Arbeit' } });
  const need = model.create('need', { parentId: field, content: { text: 'Abschluss anerkennen' } });
  const otherNeed = model.create('need', { parentId: field, content: { text: 'Kinderbetreuung' } });
  const goal = model.create('goal', { parentId: field, content: { title: 'Anerkennung' } });
  const sibling = model.create('goal', { parentId: field, content: { title: 'Praktika' } });
  const milestone = model.create('milestone', { parentId: goal, content: { title: 'Stelle' } });
  const otherMilestone = model.create('milestone', { parentId: goal, content: { title: 'Flyer' } });
  const measure = model.create('measure', { parentId: field, content: { title: 'Lotsen' } });
  const otherMeasure = model.create('measure', { parentId: field, content: { title: 'Kurs' } });
  const siblingMeasure = model.create('measure', { parentId: field, content: { title: 'Messe' } });
  model.link('takenUpBy', need, goal);
  model.link('takenUpBy', otherNeed, sibling);
  model.link('serves', measure, goal);
  model.link('serves', otherMeasure, goal);
  model.link('serves', siblingMeasure, sibling);
  const q2 = model.create('report', { content: { type: 'quarterly', date: '2028-06-30' } });
  const q1 = model.create('report', { content: { type: 'quarterly', date: '2028-03-31' } });
  const q1entry = model.create('statusEntry', {
    parentId: q1,
    content: { measureId: measure, status: 'atRisk' },
  });
  model.create('statusEntry', { parentId: q1, content: { measureId: siblingMeasure } });
  const q2entry = model.create('statusEntry', {
    parentId: q2,
    content: { measureId: measure, status: 'done' },
  });
  const review = model.create('report', { content: { type: 'review', date: '2029-01-10' } });
  const judgement = model.create('goalReview', {
    parentId: review,
    content: { goalId: goal, result: 'reached' },
  });
  const comment = model.create('comment', { parentId: measure, content: { text: 'Wer zahlt?' } });
  return {
    doc,
    model,
    ids: {
      field,
      need,
      goal,
      milestone,
      otherMilestone,
      measure,
      otherMeasure,
      q1,
      q2,
      q1entry,
      q2entry,
      review,
      judgement,
      comment,
    },
  };
}

/** The thread as ids, for readable expectations. */
function shape(thread: Thread | null) {
  if (!thread) return null;
  return {
    needs: thread.needs.map((i) => i.id),
    goals: thread.goals.map((i) => i.id),
    milestones: thread.milestones.map((i) => i.id),
    measures: thread.measures.map((i) => i.id),
    statusReports: thread.statusReports.map((r) => [r.report.id, r.entries.map((e) => e.id)]),
    reviews: thread.reviews.map((r) => [r.report.id, r.entries.map((e) => e.id)]),
  };
}

describe('threadOf', () => {
  it('follows a need downstream to goals, milestones, measures, reports and reviews', () => {
    const { doc, ids } = board();
    expect(shape(threadOf(toPlainBoard(doc), ids.need))).toEqual({
      needs: [ids.need],
      goals: [ids.goal],
      milestones: [ids.milestone, ids.otherMilestone],
      measures: [ids.measure, ids.otherMeasure],
      // Date order, not the order the reports were written in.
      statusReports: [
        [ids.q1, [ids.q1entry]],
        [ids.q2, [ids.q2entry]],
      ],
      reviews: [[ids.review, [ids.judgement]]],
    });
  });

  it('shows one measure with its goal upstream, but not the goal’s other measures', () => {
    const { doc, ids } = board();
    const thread = threadOf(toPlainBoard(doc), ids.measure);
    expect(shape(thread)).toMatchObject({
      needs: [ids.need],
      goals: [ids.goal],
      milestones: [ids.milestone, ids.otherMilestone],
      measures: [ids.measure],
    });
    expect(thread?.comments.map((c) => c.id)).toEqual([ids.comment]);
    // A milestone: its goal and the goal's needs, only this milestone.
    expect(shape(threadOf(toPlainBoard(doc), ids.milestone))).toMatchObject({
      needs: [ids.need],
      goals: [ids.goal],
      milestones: [ids.milestone],
      measures: [],
    });
  });

  it('leads from report entries and comments to the thread they belong to', () => {
    const { doc, ids } = board();
    const plain = toPlainBoard(doc);
    const fromEntry = threadOf(plain, ids.q1entry);
    expect(fromEntry?.focusId).toBe(ids.q1entry);
    expect(shape(fromEntry)).toEqual(shape(threadOf(plain, ids.measure)));
    expect(shape(threadOf(plain, ids.judgement))).toEqual(shape(threadOf(plain, ids.goal)));
    const fromComment = threadOf(plain, ids.comment);
    expect(fromComment?.measures.map((m) => m.id)).toEqual([ids.measure]);
    expect(fromComment?.comments.map((c) => c.id)).toEqual([ids.comment]);
  });

  it('keeps the history of a deleted measure and answers null outside the chain', () => {
    const { doc, model, ids } = board();
    model.delete(ids.measure);
    const plain = toPlainBoard(doc);
    const thread = threadOf(plain, ids.q2entry);
    expect(thread?.measures).toEqual([]);
    expect(thread?.statusReports.map((r) => r.entries.map((e) => e.id))).toEqual([
      [ids.q1entry],
      [ids.q2entry],
    ]);
    expect(threadOf(plain, ids.field)).toBeNull();
    expect(threadOf(plain, 'step-3')).toBeNull();
    expect(threadOf(plain, 'AAAAAAAAAAAAAAAA')).toBeNull();
    expect(threadOf(plain, '"><script>')).toBeNull();
  });

  it('names the goal declarations in which the thread was decided', () => {
    const { doc, model, ids } = board();
    const version = (name: string, kind: VersionInfo['kind'], createdAt: number) => ({
      info: { id: newVersionId(), kind, name, createdAt, createdBy: 'Moderation', reportId: null },
      board: toPlainBoard(doc),
    });
    const before = version('Entwurf', 'zielerklaerung', 1);
    model.update<'goal'>(ids.goal, { decided: true });
    model.update<'measure'>(ids.otherMeasure, { decided: true });
    const manual = version('Sicherung', 'manual', 2);
    const decision = version('Zielerklärung 2027', 'zielerklaerung', 3);
    const thread = threadOf(toPlainBoard(doc), ids.measure, [decision, manual, before]);
    // Only the goal is in this measure's thread; the other measure is a sibling.
    expect(thread?.decisions).toEqual([
      { version: decision.info, goalIds: [ids.goal], measureIds: [] },
    ]);
  });
});
