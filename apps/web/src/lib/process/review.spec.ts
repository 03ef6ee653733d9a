import { describe, expect, it } from 'vitest';
import { processBoard } from './fixture.spec-helper.js';
import { startReport } from './reports.js';
import {
  attendanceText,
  everyone,
  measuresSince,
  reviewedGoals,
  reviewTally,
  setGoalResult,
} from './review.js';

describe('review of the goals (step 10)', () => {
  it('lists the decided goals with their decided measures and records one result per goal', () => {
    const { model, ids } = processBoard();
    const report = startReport(model, 'review', '2028-01-15');
    let reviewed = reviewedGoals(model.toPlain(), report);
    expect(reviewed).toHaveLength(1);
    expect(reviewed[0]!.goals.map((g) => g.goal.id)).toEqual([ids.goal]);
    expect(reviewed[0]!.goals[0]!.measures.map((m) => m.id)).toEqual([ids.measure]);
    expect(reviewTally(reviewed)).toEqual({ reached: 0, partly: 0, notReached: 0, open: 1 });

    const entry = setGoalResult(model, model.toPlain(), report, ids.goal, 'partly');
    expect(setGoalResult(model, model.toPlain(), report, ids.goal, 'reached')).toBe(entry);
    reviewed = reviewedGoals(model.toPlain(), report);
    expect(reviewed[0]!.goals[0]!.entry?.result).toBe('reached');
    expect(reviewTally(reviewed)).toEqual({ reached: 1, partly: 0, notReached: 0, open: 0 });
  });

  it('finds the measures added since the review started', () => {
    let clock = 1_000;
    const { model, ids } = processBoard(() => clock);
    clock = 5_000;
    const added = model.create('measure', { parentId: ids.field, content: { title: 'Neu' } });
    expect(measuresSince(model.toPlain(), 5_000).map((m) => m.id)).toEqual([added]);
  });

  it('makes a re-invitation list per step, each name once, sorted', () => {
    const steps = [
      { step: 3, names: ['Zeynep', 'Amal', ' Amal '] },
      { step: 5, names: ['Jobcenter Musterland', 'Amal'] },
    ];
    expect(everyone(steps, 'de')).toEqual(['Amal', 'Jobcenter Musterland', 'Zeynep']);
    expect(attendanceText(steps, (n) => `Schritt ${n}`, 'de')).toBe(
      'Schritt 3\nAmal\nZeynep\n\nSchritt 5\nAmal\nJobcenter Musterland',
    );
    expect(attendanceText([{ step: 3, names: [] }], (n) => `Schritt ${n}`, 'de')).toBe('');
  });
});
