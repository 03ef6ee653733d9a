import { m } from '$lib/paraglide/messages.js';
import { PROCESS_STEPS, type PlainBoard } from '@werkraum/model';
import type { FieldView } from '$lib/board/board-view.js';

/** A short, human name of any item on the board (for focus, presence and vote results). */
export function itemLabel(board: PlainBoard | null, id: string): string {
  if (!board) return '';
  const field = board.fields.find((f) => f.id === id);
  if (field) return field.title.trim() || m.fields_untitled();
  const goal = board.goals.find((g) => g.id === id);
  if (goal) return goal.title.trim() || m.goals_untitled();
  const measure = board.measures.find((x) => x.id === id);
  if (measure) return measure.title.trim() || m.measures_titleLabel();
  const ist = board.istStand.find((x) => x.id === id);
  if (ist) return ist.text.trim() || m.istStand_heading();
  const milestone = board.milestones.find((x) => x.id === id);
  if (milestone) return milestone.title.trim() || m.milestones_titleLabel();
  const need = board.needs.find((x) => x.id === id);
  if (need) return need.text.trim() || m.needs_heading();
  const stakeholder = board.stakeholders.find((x) => x.id === id);
  if (stakeholder) return stakeholder.name.trim() || m.stakeholders_nameLabel();
  const step = board.steps.find((x) => x.id === id);
  if (step) {
    const meta = PROCESS_STEPS.find((p) => p.number === step.number);
    return meta
      ? m.session_stepOption({ n: step.number, label: m[`timeline_steps_${meta.key}`]() })
      : id;
  }
  return '';
}

/** The votable items of a field in display order: Ist-Stand, goals, measures (each once). */
export function votableIds(view: FieldView | undefined): string[] {
  if (!view) return [];
  const ids = [
    ...view.istStand.map((x) => x.id),
    ...view.goals.map((g) => g.goal.id),
    ...view.goals.flatMap((g) =>
      g.measures.filter((x) => x.parentId === view.field.id).map((x) => x.id),
    ),
    ...view.unlinkedMeasures.map((x) => x.id),
  ];
  return [...new Set(ids)];
}
