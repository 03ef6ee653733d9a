import type {
  BoardModel,
  Field,
  Goal,
  Need,
  PlainBoard,
  Stakeholder,
  StepNumber,
} from '@werkraum/model';

/** Influence and interest are rated 1 (low) to 5 (high). */
export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

/** Where a stakeholder sits in the influence/interest grid. */
export interface GridPosition {
  influence: number;
  interest: number;
}

/**
 * Where an arrow key moves a stakeholder in the grid: up and down change the influence (up =
 * more), the sideways arrows the interest — towards the end of the line is more, so in a
 * right-to-left layout ArrowLeft raises it. Null for other keys and at the grid's edge.
 */
export function gridStep(
  position: GridPosition,
  key: string,
  dir: 'ltr' | 'rtl' = 'ltr',
): GridPosition | null {
  const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
  const backward = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
  let { influence, interest } = position;
  if (key === 'ArrowUp') influence += 1;
  else if (key === 'ArrowDown') influence -= 1;
  else if (key === forward) interest += 1;
  else if (key === backward) interest -= 1;
  else return null;
  const valid = (n: number) => n >= RATINGS[0] && n <= RATINGS[RATINGS.length - 1]!;
  if (!valid(influence) || !valid(interest)) return null;
  return { influence, interest };
}

/** The key of a grid cell in `gridCells`. */
export function cellKey(position: GridPosition): string {
  return `${position.influence}:${position.interest}`;
}

/** Stakeholders by grid cell (`cellKey`), each cell in the board's order. */
export function gridCells(stakeholders: readonly Stakeholder[]): Map<string, Stakeholder[]> {
  const cells = new Map<string, Stakeholder[]>();
  for (const stakeholder of stakeholders) {
    const key = cellKey(stakeholder);
    const cell = cells.get(key);
    if (cell) cell.push(stakeholder);
    else cells.set(key, [stakeholder]);
  }
  return cells;
}

/** The steering group (step 1) and the other stakeholders who could join it. */
export function steeringGroup(stakeholders: readonly Stakeholder[]): {
  members: Stakeholder[];
  others: Stakeholder[];
} {
  return {
    members: stakeholders.filter((s) => s.steering),
    others: stakeholders.filter((s) => !s.steering),
  };
}

/** The needs of one field of action (or, with `field` null, those not assigned yet). */
export interface NeedCluster {
  field: Field | null;
  needs: Need[];
}

/**
 * The consultation's needs clustered by field of action: first the needs without a field, then
 * one cluster per field in the board's order (also empty ones, so that needs can be moved there).
 */
export function needsByField(board: Pick<PlainBoard, 'fields' | 'needs'>): NeedCluster[] {
  const fieldIds = new Set(board.fields.map((f) => f.id));
  const unassigned = board.needs.filter((n) => n.parentId === null || !fieldIds.has(n.parentId));
  return [
    { field: null, needs: unassigned },
    ...board.fields.map((field) => ({
      field,
      needs: board.needs.filter((n) => n.parentId === field.id),
    })),
  ];
}

/** The steering group's checklist of a goal (step 6). */
export interface GoalChecklist {
  specific: boolean;
  measurable: boolean;
  owner: boolean;
  due: boolean;
}

export const CHECKLIST_KEYS = ['specific', 'measurable', 'owner', 'due'] as const;

export function goalChecklist(
  goal: Pick<Goal, 'specific' | 'measurable' | 'owner' | 'due'>,
): GoalChecklist {
  return {
    specific: goal.specific,
    measurable: goal.measurable,
    owner: goal.owner.trim() !== '',
    due: goal.due !== null,
  };
}

/** How many of the checklist's points are met. */
export function checklistCount(checklist: GoalChecklist): number {
  return CHECKLIST_KEYS.filter((key) => checklist[key]).length;
}

export type GoalPatch = Partial<Pick<Goal, 'owner' | 'due' | 'specific' | 'measurable'>>;

/**
 * The process steps' domain actions (steps 1–6): the steering group, the stakeholder grid,
 * decided fields, the goals' checklist and the workshop dates. Like `BoardActions`, every
 * failure is reported in one place instead of thrown at the component.
 */
export class ProcessActions {
  readonly #model: BoardModel;
  readonly #report: (error: unknown) => void;

  constructor(model: BoardModel, report: (error: unknown) => void) {
    this.#model = model;
    this.#report = report;
  }

  #run<T>(action: () => T): T | undefined {
    try {
      return action();
    } catch (error) {
      this.#report(error);
      return undefined;
    }
  }

  /** A new stakeholder who is a member of the steering group from the start. */
  addSteeringMember(name: string): string | undefined {
    return this.#run(() =>
      this.#model.create('stakeholder', { content: { name, steering: true } }),
    );
  }

  setSteering(stakeholderId: string, steering: boolean): void {
    this.#run(() => this.#model.update<'stakeholder'>(stakeholderId, { steering }));
  }

  /** Puts a stakeholder into a cell of the influence/interest grid (both ratings in one step). */
  placeStakeholder(stakeholderId: string, position: GridPosition): void {
    this.#run(() =>
      this.#model.update<'stakeholder'>(stakeholderId, {
        influence: position.influence,
        interest: position.interest,
      }),
    );
  }

  /**
   * Moves a stakeholder one cell by an arrow key (`gridStep`); returns the new position, or null
   * when the key does not move it (another key, the grid's edge, or the change failed).
   */
  moveStakeholder(stakeholderId: string, key: string, dir: 'ltr' | 'rtl'): GridPosition | null {
    const stakeholder = this.#model.get(stakeholderId, 'stakeholder');
    if (!stakeholder) return null;
    const target = gridStep(stakeholder, key, dir);
    if (!target) return null;
    let moved = false;
    this.#run(() => {
      this.#model.update<'stakeholder'>(stakeholderId, target);
      moved = true;
    });
    return moved ? target : null;
  }

  /** The steering group decides (or reopens) a field of action (step 4). */
  setFieldDecided(fieldId: string, decided: boolean): void {
    this.#run(() => this.#model.update<'field'>(fieldId, { decided }));
  }

  /** Updates the goal's checklist values; the owner is trimmed (empty: nobody named yet). */
  updateGoal(goalId: string, patch: GoalPatch): void {
    const clean: GoalPatch = { ...patch };
    if (clean.owner !== undefined) clean.owner = clean.owner.trim().slice(0, 200);
    if (clean.due === '') clean.due = null;
    this.#run(() => this.#model.update<'goal'>(goalId, clean));
  }

  /** Sets (or, with null or '', clears) the date of a process step. */
  setStepDate(step: StepNumber, date: string | null): void {
    this.#run(() => this.#model.update<'step'>(`step-${step}`, { date: date || null }));
  }
}
