import { ROLES, type Role } from '@werkraum/model';
import type { PresenceCounts, PresencePerson } from './protocol.js';

export const EMPTY_COUNTS: PresenceCounts = {
  facilitator: 0,
  steering: 0,
  participant: 0,
  viewer: 0,
  total: 0,
};

/** Order of the roles in lists: who runs the session first, the beamer last. */
const ROLE_ORDER: Record<Role, number> = { facilitator: 0, steering: 1, participant: 2, viewer: 3 };

export interface PresenceGroup {
  role: Role;
  people: PresencePerson[];
}

/** People grouped by role (roles without anyone left out), each group sorted by name. */
export function groupByRole(people: readonly PresencePerson[]): PresenceGroup[] {
  const groups = new Map<Role, PresencePerson[]>();
  for (const person of people) {
    const list = groups.get(person.role) ?? [];
    list.push(person);
    groups.set(person.role, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => ROLE_ORDER[a] - ROLE_ORDER[b])
    .map(([role, list]) => ({
      role,
      people: list.sort((a, b) => a.name.localeCompare(b.name, 'de') || a.id.localeCompare(b.id)),
    }));
}

/**
 * Counts per role as the server sent them; missing or broken numbers count as 0 and the total
 * is never less than the sum of the roles.
 */
export function normalizeCounts(
  raw: Partial<Record<keyof PresenceCounts, unknown>> | undefined,
): PresenceCounts {
  const count = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
  const counts = { ...EMPTY_COUNTS };
  let sum = 0;
  for (const role of ROLES) {
    counts[role] = count(raw?.[role]);
    sum += counts[role];
  }
  counts.total = Math.max(sum, count(raw?.total));
  return counts;
}

/** Counts worked out from a list (when the server sent people). */
export function countPeople(people: readonly PresencePerson[]): PresenceCounts {
  const counts = { ...EMPTY_COUNTS };
  for (const person of people) counts[person.role] += 1;
  counts.total = people.length;
  return counts;
}

/** The roles worth showing a count for: always participants, others when someone is there. */
export function visibleCounts(counts: PresenceCounts): { role: Role; count: number }[] {
  return ROLES.filter((role) => role === 'participant' || counts[role] > 0).map((role) => ({
    role,
    count: counts[role],
  }));
}
