import { zielerklaerungOf, type VersionInfo } from '@werkraum/model';
import { describe, expect, it } from 'vitest';
import { commitmentGaps, decidedCounts, decisionCounts, zielerklaerungen } from './decision.js';
import { processBoard } from './fixture.spec-helper.js';

const version = (id: string, kind: VersionInfo['kind'], createdAt: number): VersionInfo => ({
  id: id.padEnd(16, 'A'),
  kind,
  name: id,
  createdAt,
  createdBy: '',
  reportId: null,
});

describe('decision (step 7)', () => {
  it('counts what is decided on the live board', () => {
    const { model } = processBoard();
    expect(decidedCounts(model.toPlain())).toEqual({
      goals: 1,
      goalsTotal: 2,
      measures: 2,
      measuresTotal: 3,
    });
  });

  it('counts goals and distinct measures of a Zielerklärung', () => {
    const { model } = processBoard();
    expect(decisionCounts(zielerklaerungOf(model.toPlain()))).toEqual({ goals: 1, measures: 2 });
  });

  it('names the decided measures that still lack an owner or a date', () => {
    const { model, ids } = processBoard();
    const gaps = commitmentGaps(zielerklaerungOf(model.toPlain()));
    expect(gaps.map((g) => [g.measure.id, g.gaps])).toEqual([[ids.loose, ['owner', 'due']]]);
  });

  it('lists only Zielerklärungen, newest first', () => {
    const list = zielerklaerungen([
      version('a', 'zielerklaerung', 1),
      version('b', 'session', 5),
      version('c', 'zielerklaerung', 3),
      version('d', 'quarterly', 4),
    ]);
    expect(list.map((v) => v.name)).toEqual(['c', 'a']);
  });
});
