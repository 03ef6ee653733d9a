import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, initBoardDoc, readSession } from './board.js';
import { DEFAULT_SESSION } from './schemas.js';
import {
  MAX_TIMER_MS,
  addTime,
  estimateClockOffset,
  pauseTimer,
  resetTimer,
  resumeTimer,
  startTimer,
  timerRemainingMs,
} from './session.js';

const MIN = 60_000;

describe('session timer', () => {
  it('runs, pauses, resumes, gains minutes and resets on the server clock', () => {
    let timer = startTimer(10 * MIN, 1_000);
    expect(timer).toEqual({ status: 'running', durationMs: 10 * MIN, endsAt: 1_000 + 10 * MIN });
    expect(timerRemainingMs(timer, 1_000 + 4 * MIN)).toBe(6 * MIN);
    timer = pauseTimer(timer, 1_000 + 4 * MIN);
    expect(timerRemainingMs(timer, 1_000 + 60 * MIN)).toBe(6 * MIN);
    timer = resumeTimer(timer, 100 * MIN);
    expect(timerRemainingMs(timer, 101 * MIN)).toBe(5 * MIN);
    timer = addTime(timer, 2 * MIN, 101 * MIN);
    expect(timerRemainingMs(timer, 101 * MIN)).toBe(7 * MIN);
    expect(timer.durationMs).toBe(12 * MIN);
    expect(timerRemainingMs(timer, 200 * MIN)).toBe(0);
    expect(resetTimer(timer)).toEqual({ status: 'idle', durationMs: 12 * MIN });
    expect(timerRemainingMs(startTimer(10 * 60 * MIN, 0), 0)).toBe(MAX_TIMER_MS);
    expect(timerRemainingMs(addTime(startTimer(MIN, 0), -5 * MIN, 0), 0)).toBe(0);
  });

  it('estimates the offset to the server clock from a round trip', () => {
    // The client clock is 120 s ahead; the round trip took 40 ms.
    const { offsetMs, roundTripMs } = estimateClockOffset({
      sentAt: 1_000_120_000,
      serverTime: 1_000_000_020,
      receivedAt: 1_000_120_040,
    });
    expect(roundTripMs).toBe(40);
    expect(offsetMs).toBe(-120_000);
  });
});

describe('session settings', () => {
  it('reads defaults, keeps valid values and ignores a broken one', () => {
    const doc = new Y.Doc();
    initBoardDoc(doc, { municipality: 'A', title: 'B', languages: ['de'], createdAt: 1 });
    const model = new BoardModel(doc);
    expect(model.session()).toEqual(DEFAULT_SESSION);
    model.setSession({
      agenda: 'Ziele formulieren',
      lock: { board: false, fields: [] },
      collect: true,
    });
    doc.getMap('meta').set('timer', { status: 'running' });
    expect(readSession(doc)).toEqual({
      ...DEFAULT_SESSION,
      agenda: 'Ziele formulieren',
      collect: true,
    });
    expect(() => model.setSession({ agenda: 'x'.repeat(201) })).toThrow();
  });

  it('finds the field of any item', () => {
    const doc = new Y.Doc();
    initBoardDoc(doc, { municipality: 'A', title: 'B', languages: ['de'], createdAt: 1 });
    const model = new BoardModel(doc);
    const field = model.create('field', { content: { title: 'F' } });
    const goal = model.create('goal', { parentId: field });
    const milestone = model.create('milestone', { parentId: goal });
    const measure = model.create('measure', { parentId: field });
    const link = model.link('serves', measure, goal);
    const stakeholder = model.create('stakeholder', {});
    expect([field, goal, milestone, measure, link].map((id) => model.fieldOf(id))).toEqual(
      Array(5).fill(field),
    );
    expect(model.fieldOf(stakeholder)).toBeNull();
    expect(model.fieldOf('step-1')).toBeNull();
  });
});
