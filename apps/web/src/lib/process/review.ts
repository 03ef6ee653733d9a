import type {
  BoardModel,
  Field,
  Goal,
  GoalReview,
  Measure,
  PlainBoard,
  ReviewResult,
} from '@werkraum/model';
import type { AttendanceStep } from '$lib/api/process-api.js';

export interface ReviewedGoal {
  goal: Goal;
  /** This review's judgement of the goal, if given. */
  entry: GoalReview | undefined;
  /** The decided measures that serve the goal (the evidence usually comes from them). */
  measures: Measure[];
}

export interface ReviewedField {
  field: Field;
  goals: ReviewedGoal[];
}

/** The decided goals per field with their judgement in review `reportId`. */
export function reviewedGoals(board: PlainBoard, reportId: string): ReviewedField[] {
  const entries = new Map(
    board.goalReviews.filter((e) => e.parentId === reportId).map((e) => [e.goalId, e]),
  );
  const measureById = new Map(board.measures.map((m) => [m.id, m]));
  const serving = (goalId: string) =>
    board.links
      .filter((l) => l.type === 'serves' && l.to === goalId)
      .map((l) => measureById.get(l.from))
      .filter((m): m is Measure => m !== undefined && m.decided);
  return board.fields
    .map((field) => ({
      field,
      goals: board.goals
        .filter((g) => g.parentId === field.id && (g.decided || entries.has(g.id)))
        .map((goal) => ({ goal, entry: entries.get(goal.id), measures: serving(goal.id) })),
    }))
    .filter((f) => f.goals.length > 0);
}

/** Counts of a review's results (for the summary line). */
export function reviewTally(
  fields: readonly ReviewedField[],
): Record<ReviewResult | 'open', number> {
  const tally = { reached: 0, partly: 0, notReached: 0, open: 0 };
  for (const goal of fields.flatMap((f) => f.goals)) tally[goal.entry?.result ?? 'open'] += 1;
  return tally;
}

/** Sets a goal's result in a review: updates its entry or creates one. Returns the entry id. */
export function setGoalResult(
  model: BoardModel,
  board: PlainBoard,
  reportId: string,
  goalId: string,
  result: ReviewResult,
): string {
  const existing = board.goalReviews.find((e) => e.parentId === reportId && e.goalId === goalId);
  if (existing) {
    model.update<'goalReview'>(existing.id, { result });
    return existing.id;
  }
  return model.create('goalReview', {
    parentId: reportId,
    content: { goalId, result, evidence: '' },
  });
}

/** Measures decided since a date (created on or after it): the review's „new measures“. */
export function measuresSince(board: PlainBoard, since: number): Measure[] {
  return board.measures.filter((m) => m.createdAt >= since);
}

/** Everyone present in the consultation or analysis workshop, each once, sorted for `locale`. */
export function everyone(steps: readonly AttendanceStep[], locale: string): string[] {
  const names = new Set(steps.flatMap((s) => s.names.map((n) => n.trim()).filter(Boolean)));
  return [...names].sort((a, b) => a.localeCompare(b, locale));
}

/**
 * The re-invitation list as plain text to paste into an e-mail: per step a heading and one
 * name per line, then (if they differ) nothing more. Steps without names are left out.
 */
export function attendanceText(
  steps: readonly AttendanceStep[],
  heading: (step: number) => string,
  locale: string,
): string {
  return steps
    .filter((s) => s.names.length > 0)
    .map((s) => [heading(s.step), ...everyone([s], locale)].join('\n'))
    .join('\n\n');
}
