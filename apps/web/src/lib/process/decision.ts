import type { Measure, PlainBoard, VersionInfo, Zielerklaerung } from '@werkraum/model';

/** The Zielerklärungen recorded on a board, newest first. */
export function zielerklaerungen(versions: readonly VersionInfo[]): VersionInfo[] {
  return versions
    .filter((version) => version.kind === 'zielerklaerung')
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** How many goals and measures a Zielerklärung holds. */
export function decisionCounts(declaration: Zielerklaerung): { goals: number; measures: number } {
  let goals = 0;
  const measures = new Set<string>();
  for (const entry of declaration.fields) {
    for (const bucket of entry.goals) {
      if (bucket.goal) goals += 1;
      for (const measure of bucket.measures) measures.add(measure.id);
    }
  }
  return { goals, measures: measures.size };
}

/** What a decided measure still lacks to say „who does what by when“. */
export type Gap = 'owner' | 'due';

/** Decided measures (each once) without an owner or a due date, with what they lack. */
export function commitmentGaps(declaration: Zielerklaerung): { measure: Measure; gaps: Gap[] }[] {
  const seen = new Set<string>();
  const out: { measure: Measure; gaps: Gap[] }[] = [];
  for (const entry of declaration.fields) {
    for (const bucket of entry.goals) {
      for (const measure of bucket.measures) {
        if (seen.has(measure.id)) continue;
        seen.add(measure.id);
        const gaps: Gap[] = [];
        if (!measure.owner.trim()) gaps.push('owner');
        if (!measure.due) gaps.push('due');
        if (gaps.length > 0) out.push({ measure, gaps });
      }
    }
  }
  return out;
}

/** The decided state of a field's goals and measures at a glance (the step-7 header). */
export function decidedCounts(board: PlainBoard): {
  goals: number;
  goalsTotal: number;
  measures: number;
  measuresTotal: number;
} {
  return {
    goals: board.goals.filter((g) => g.decided).length,
    goalsTotal: board.goals.length,
    measures: board.measures.filter((x) => x.decided).length,
    measuresTotal: board.measures.length,
  };
}
