import type { VersionInfo } from '@werkraum/model';
import { describe, expect, it } from 'vitest';
import { comparisonVersions, todayIso } from './reports.js';

const version = (name: string, kind: VersionInfo['kind'], createdAt: number): VersionInfo => ({
  id: name.padEnd(16, 'x'),
  kind,
  name,
  createdAt,
  createdBy: '',
  reportId: null,
});

describe('reports', () => {
  it("gives today's date in the local calendar", () => {
    expect(todayIso(new Date(2027, 0, 5, 23, 30))).toBe('2027-01-05');
  });

  it('compares a new report with the last quarter, else with the Zielerklärung', () => {
    const z = version('ziel', 'zielerklaerung', 1);
    const q1 = version('q1', 'quarterly', 2);
    const q2 = version('q2', 'quarterly', 3);
    const s = version('sitzung', 'session', 4);
    expect(comparisonVersions([z], null).preferred).toBe(z);
    const all = comparisonVersions([s, q2, q1, z], null);
    expect(all.choices.map((v) => v.name)).toEqual(['q2', 'q1', 'ziel']);
    expect(all.preferred).toBe(q2);
    // A recorded report compares with what came before its own version.
    expect(comparisonVersions([s, q2, q1, z], q2.id).preferred).toBe(q1);
    expect(comparisonVersions([], null).preferred).toBeNull();
  });
});
