import type { Field, Goal, IstStand, Measure, Milestone, PlainBoard } from '@werkraum/model';

export interface GoalView {
  goal: Goal;
  milestones: Milestone[];
  /** Measures that serve this goal (a `serves` link), from any field. */
  measures: Measure[];
}

export interface FieldView {
  field: Field;
  istStand: IstStand[];
  goals: GoalView[];
  /** Measures of this field that serve no goal yet. */
  unlinkedMeasures: Measure[];
}

function groupByParent<T extends { parentId: string | null }>(
  items: readonly T[],
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    if (item.parentId === null) continue;
    const list = out.get(item.parentId);
    if (list) list.push(item);
    else out.set(item.parentId, [item]);
  }
  return out;
}

/**
 * The board arranged the way the page shows it: per field its Ist-Stand, its goals with their
 * milestones and the measures serving them, and the field's measures that serve no goal.
 * Item order within each list is the board's display order.
 */
export function buildFieldViews(board: PlainBoard): FieldView[] {
  const istStand = groupByParent(board.istStand);
  const goals = groupByParent(board.goals);
  const milestones = groupByParent(board.milestones);
  const measures = groupByParent(board.measures);
  const measureById = new Map(board.measures.map((m) => [m.id, m]));
  const servedBy = new Map<string, Measure[]>();
  const serving = new Set<string>();
  // Measures under a goal follow the measures' own order, not the order the links were made in.
  const measureRank = new Map(board.measures.map((m, i) => [m.id, i]));
  for (const link of board.links) {
    if (link.type !== 'serves') continue;
    const measure = measureById.get(link.from);
    if (!measure) continue;
    serving.add(measure.id);
    const list = servedBy.get(link.to) ?? [];
    if (!list.some((m) => m.id === measure.id)) list.push(measure);
    servedBy.set(link.to, list);
  }
  for (const list of servedBy.values()) {
    list.sort((a, b) => (measureRank.get(a.id) ?? 0) - (measureRank.get(b.id) ?? 0));
  }
  return board.fields.map((field) => ({
    field,
    istStand: istStand.get(field.id) ?? [],
    goals: (goals.get(field.id) ?? []).map((goal) => ({
      goal,
      milestones: milestones.get(goal.id) ?? [],
      measures: servedBy.get(goal.id) ?? [],
    })),
    unlinkedMeasures: (measures.get(field.id) ?? []).filter((m) => !serving.has(m.id)),
  }));
}

/**
 * Where to move an item one place up or down among its siblings, as the `beforeId` that
 * `BoardModel.move` takes (null = to the end). Undefined when it is already at that edge.
 */
export function moveTarget(
  siblingIds: readonly string[],
  id: string,
  direction: 'up' | 'down',
): { beforeId: string | null } | undefined {
  const index = siblingIds.indexOf(id);
  if (index === -1) return undefined;
  if (direction === 'up') {
    if (index === 0) return undefined;
    return { beforeId: siblingIds[index - 1] ?? null };
  }
  if (index === siblingIds.length - 1) return undefined;
  return { beforeId: siblingIds[index + 2] ?? null };
}
