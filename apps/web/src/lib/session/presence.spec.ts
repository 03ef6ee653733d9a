import { describe, expect, it } from 'vitest';
import { countPeople, groupByRole, normalizeCounts, visibleCounts } from './presence.js';
import type { PresencePerson } from './protocol.js';

const person = (id: string, name: string, role: PresencePerson['role']): PresencePerson => ({
  id,
  name,
  role,
  color: '#1f5fa8',
  editing: null,
});

describe('presence', () => {
  it('groups people by role in a fixed order and sorts names', () => {
    const groups = groupByRole([
      person('1', 'Zora', 'participant'),
      person('2', 'Beamer', 'viewer'),
      person('3', 'Anna', 'participant'),
      person('4', 'Mod', 'facilitator'),
    ]);
    expect(groups.map((g) => g.role)).toEqual(['facilitator', 'participant', 'viewer']);
    expect(groups[1]?.people.map((p) => p.name)).toEqual(['Anna', 'Zora']);
  });

  it('counts people per role', () => {
    expect(
      countPeople([
        person('1', 'A', 'participant'),
        person('2', 'B', 'participant'),
        person('3', 'C', 'steering'),
      ]),
    ).toEqual({ facilitator: 0, steering: 1, participant: 2, viewer: 0, total: 3 });
  });

  it('normalizes counts from the wire', () => {
    expect(normalizeCounts({ participant: 3, viewer: -1, steering: 'x', total: 1 })).toEqual({
      facilitator: 0,
      steering: 0,
      participant: 3,
      viewer: 0,
      total: 3,
    });
    expect(normalizeCounts(undefined).total).toBe(0);
  });

  it('always shows the participant count, other roles only when present', () => {
    expect(
      visibleCounts({ facilitator: 1, steering: 0, participant: 0, viewer: 0, total: 1 }),
    ).toEqual([
      { role: 'facilitator', count: 1 },
      { role: 'participant', count: 0 },
    ]);
  });
});
