import type { Zielerklaerung } from '@werkraum/model';

/** The wording of a press-release draft (in the catalogue: `publication.template`). */
export interface PressReleaseTemplate {
  headline: (municipality: string, title: string) => string;
  intro: (municipality: string, date: string, goals: number, measures: number) => string;
  field: (title: string) => string;
  goal: (title: string) => string;
  /** A measure line; `owner` and `due` are '' when unknown. */
  measure: (title: string, owner: string, due: string) => string;
  /** Heading of the measures that serve no decided goal. */
  otherMeasures: string;
  untitled: string;
  outro: (municipality: string) => string;
}

export interface PressReleaseContext {
  municipality: string;
  title: string;
  /** The date of the decision, already formatted for the reader. */
  date: string;
  /** Formats a measure's due date (`YYYY-MM-DD`). */
  formatDate: (isoDate: string) => string;
}

/**
 * A press-release draft from a Zielerklärung: headline, a paragraph on the decision, then per
 * field of action its decided goals and the measures with who does them by when. Plain text
 * (paragraphs separated by blank lines) for the live draft that people edit before publishing.
 */
export function pressReleaseDraft(
  declaration: Zielerklaerung,
  context: PressReleaseContext,
  template: PressReleaseTemplate,
): string {
  const name = (title: string) => title.trim() || template.untitled;
  let goals = 0;
  const measureIds = new Set<string>();
  const sections: string[] = [];
  for (const entry of declaration.fields) {
    const lines: string[] = [];
    for (const bucket of entry.goals) {
      if (bucket.goal) {
        goals += 1;
        lines.push(template.goal(name(bucket.goal.title)));
      } else if (bucket.measures.length > 0) {
        lines.push(template.otherMeasures);
      }
      for (const measure of bucket.measures) {
        measureIds.add(measure.id);
        lines.push(
          template.measure(
            name(measure.title),
            measure.owner.trim(),
            measure.due ? context.formatDate(measure.due) : '',
          ),
        );
      }
    }
    if (lines.length === 0) continue;
    sections.push([template.field(name(entry.field.title)), ...lines].join('\n'));
  }
  return [
    template.headline(context.municipality.trim(), context.title.trim()),
    template.intro(context.municipality.trim(), context.date, goals, measureIds.size),
    ...sections,
    template.outro(context.municipality.trim()),
  ].join('\n\n');
}
