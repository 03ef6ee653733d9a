import { describe, expect, it } from 'vitest';
import { processBoard } from './fixture.spec-helper.js';
import {
  setMeasureStatus,
  suggestedStatus,
  trackedMeasures,
  trackingProgress,
} from './quarterly.js';
import { reportsOf, startReport } from './reports.js';

describe('quarterly status report (step 9)', () => {
  it('tracks the decided measures, flags overdue ones and keeps one entry per measure', () => {
    const { model, ids } = processBoard();
    const report = startReport(model, 'quarterly', '2027-07-01');
    let board = model.toPlain();
    let tracked = trackedMeasures(board, report, '2027-07-01');
    expect(tracked).toHaveLength(1);
    expect(tracked[0]!.measures.map((t) => t.measure.id)).toEqual([ids.measure, ids.loose]);
    // Due 2027-05-31, not done: overdue on 1 July.
    expect(tracked[0]!.measures[0]!.overdue).toBe(true);
    expect(tracked[0]!.measures[1]!.overdue).toBe(false);
    expect(suggestedStatus(tracked[0]!.measures[0]!)).toBe('late');

    const entry = setMeasureStatus(model, board, report, ids.measure, 'atRisk');
    board = model.toPlain();
    expect(setMeasureStatus(model, board, report, ids.measure, 'late')).toBe(entry);
    board = model.toPlain();
    expect(board.statusEntries).toHaveLength(1);
    expect(board.statusEntries[0]).toMatchObject({
      parentId: report,
      measureId: ids.measure,
      status: 'late',
    });
    tracked = trackedMeasures(board, report, '2027-07-01');
    expect(trackingProgress(tracked)).toEqual({ total: 2, assessed: 1, overdue: 1 });
  });

  it("shows the previous quarter's status and keeps entries of deleted measures", () => {
    const { model, ids } = processBoard();
    const first = startReport(model, 'quarterly', '2027-04-01');
    setMeasureStatus(model, model.toPlain(), first, ids.measure, 'onTrack');
    setMeasureStatus(model, model.toPlain(), first, ids.loose, 'atRisk');
    const second = startReport(model, 'quarterly', '2027-07-01');
    setMeasureStatus(model, model.toPlain(), second, ids.loose, 'done');
    model.delete(ids.loose);
    const board = model.toPlain();
    expect(reportsOf(board, 'quarterly').map((r) => r.id)).toEqual([second, first]);
    const tracked = trackedMeasures(board, second, '2027-04-15');
    expect(tracked[0]!.measures[0]!.previous?.status).toBe('onTrack');
    expect(tracked.at(-1)!.field).toBeNull();
    expect(tracked.at(-1)!.orphans.map((e) => e.status)).toEqual(['done']);
  });
});
