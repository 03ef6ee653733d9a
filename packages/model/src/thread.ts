import { itemIdSchema } from './ids.js';
import {
  plainBoardItems,
  type Comment,
  type GoalReview,
  type Goal,
  type Item,
  type Measure,
  type Milestone,
  type Need,
  type PlainBoard,
  type Report,
  type StatusEntry,
} from './schemas.js';
import type { VersionInfo } from './versions.js';

/**
 * The red thread through the process for one item: the need voiced in step 3, the goal of step 5
 * that takes it up, its milestones and measures, the decision of step 7, the quarterly reports of
 * step 9 and the review of step 10.
 */
export interface Thread {
  /** The item the thread was asked for. */
  focusId: string;
  needs: Need[];
  goals: Goal[];
  milestones: Milestone[];
  measures: Measure[];
  /** Goal declarations (oldest first) in which a goal or measure of the thread was decided. */
  decisions: { version: VersionInfo; goalIds: string[]; measureIds: string[] }[];
  /** Quarterly reports (date order) with their entries on measures of the thread. */
  statusReports: { report: Report; entries: StatusEntry[] }[];
  /** Review reports (date order) with their judgements on goals of the thread. */
  reviews: { report: Report; entries: GoalReview[] }[];
  /** Comments on the focus item (for a comment: on the item it is about), oldest first. */
  comments: Comment[];
}

interface Members {
  needs: Set<string>;
  goals: Set<string>;
  milestones: Set<string>;
  measures: Set<string>;
}

/**
 * The thread of `itemId` on `board`, or null when the item is missing or stands outside the
 * chain (a field, a stakeholder, a step, …). Upstream and downstream, never siblings: asking for
 * one measure shows the goals it serves, their needs and milestones, but not the other measures
 * of those goals. `versions` are the recorded versions with their boards; only goal declarations
 * are read.
 */
export function threadOf(
  board: PlainBoard,
  itemId: string,
  versions: readonly { info: VersionInfo; board: PlainBoard }[] = [],
): Thread | null {
  const id = itemIdSchema.safeParse(itemId);
  if (!id.success) return null;
  const items = new Map<string, Item>(plainBoardItems(board).map((i) => [i.id, i]));
  const focus = items.get(id.data);
  if (!focus) return null;

  const takenUpBy = board.links.filter((l) => l.type === 'takenUpBy');
  const serves = board.links.filter((l) => l.type === 'serves');
  const goalsOfNeed = (need: string) => takenUpBy.filter((l) => l.from === need).map((l) => l.to);
  const needsOfGoal = (goal: string) => takenUpBy.filter((l) => l.to === goal).map((l) => l.from);
  const measuresOfGoal = (goal: string) => serves.filter((l) => l.to === goal).map((l) => l.from);
  const goalsOfMeasure = (m: string) => serves.filter((l) => l.from === m).map((l) => l.to);
  const milestonesOfGoal = (goal: string) =>
    board.milestones.filter((m) => m.parentId === goal).map((m) => m.id);

  const members: Members = {
    needs: new Set(),
    goals: new Set(),
    milestones: new Set(),
    measures: new Set(),
  };
  const addGoalUpstream = (goal: string) => {
    members.goals.add(goal);
    for (const need of needsOfGoal(goal)) members.needs.add(need);
  };
  const addGoalWhole = (goal: string) => {
    addGoalUpstream(goal);
    for (const milestone of milestonesOfGoal(goal)) members.milestones.add(milestone);
    for (const measure of measuresOfGoal(goal)) members.measures.add(measure);
  };
  const addMeasure = (measure: string) => {
    // Kept even when the measure is gone, so that its history in reports stays in the thread.
    members.measures.add(measure);
    for (const goal of goalsOfMeasure(measure)) {
      addGoalUpstream(goal);
      for (const milestone of milestonesOfGoal(goal)) members.milestones.add(milestone);
    }
  };

  let anchor: Item = focus;
  if (anchor.kind === 'comment') {
    const parent = anchor.parentId === null ? undefined : items.get(anchor.parentId);
    if (!parent) return null;
    anchor = parent;
  }
  switch (anchor.kind) {
    case 'need':
      members.needs.add(anchor.id);
      for (const goal of goalsOfNeed(anchor.id)) {
        members.goals.add(goal);
        for (const milestone of milestonesOfGoal(goal)) members.milestones.add(milestone);
        for (const measure of measuresOfGoal(goal)) members.measures.add(measure);
      }
      break;
    case 'goal':
      addGoalWhole(anchor.id);
      break;
    case 'measure':
      addMeasure(anchor.id);
      break;
    case 'milestone':
      members.milestones.add(anchor.id);
      if (anchor.parentId !== null) addGoalUpstream(anchor.parentId);
      break;
    case 'statusEntry':
      addMeasure(anchor.measureId);
      break;
    case 'goalReview':
      // The goal may be gone; its id still finds the judgements on it.
      if (items.get(anchor.goalId)?.kind === 'goal') addGoalWhole(anchor.goalId);
      else members.goals.add(anchor.goalId);
      break;
    default:
      return null;
  }

  const pick = <T extends Item>(list: readonly T[], ids: Set<string>) =>
    list.filter((i) => ids.has(i.id));
  const decisions: Thread['decisions'] = [];
  const declarations = versions
    .filter((v) => v.info.kind === 'zielerklaerung')
    .sort((a, b) => a.info.createdAt - b.info.createdAt);
  for (const { info, board: frozen } of declarations) {
    const goalIds = frozen.goals
      .filter((g) => g.decided && members.goals.has(g.id))
      .map((g) => g.id);
    const measureIds = frozen.measures
      .filter((m) => m.decided && members.measures.has(m.id))
      .map((m) => m.id);
    if (goalIds.length > 0 || measureIds.length > 0) {
      decisions.push({ version: info, goalIds, measureIds });
    }
  }
  const reportsOf = (type: Report['type']) =>
    board.reports
      .filter((r) => r.type === type)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.createdAt - b.createdAt));
  const statusReports = reportsOf('quarterly')
    .map((report) => ({
      report,
      entries: board.statusEntries.filter(
        (e) => e.parentId === report.id && members.measures.has(e.measureId),
      ),
    }))
    .filter((r) => r.entries.length > 0);
  const reviews = reportsOf('review')
    .map((report) => ({
      report,
      entries: board.goalReviews.filter(
        (e) => e.parentId === report.id && members.goals.has(e.goalId),
      ),
    }))
    .filter((r) => r.entries.length > 0);

  return {
    focusId: focus.id,
    needs: pick(board.needs, members.needs),
    goals: pick(board.goals, members.goals),
    milestones: pick(board.milestones, members.milestones),
    measures: pick(board.measures, members.measures),
    decisions,
    statusReports,
    reviews,
    // For a comment, the conversation it is part of.
    comments: board.comments.filter((c) => c.parentId === anchor.id),
  };
}
