import type { Zielerklaerung } from '@werkraum/model';
import type { Locale } from '$lib/i18n/locales.js';
import { m } from '$lib/paraglide/messages.js';

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

/**
 * The template in a language (default: the page's): the catalogue's `publication_template_*`
 * messages, with the variants for a missing title, owner, due date or contact.
 */
export function pressReleaseTemplate(locale?: Locale): PressReleaseTemplate {
  const o = locale ? { locale } : {};
  return {
    headline: (municipality, title) =>
      title
        ? m.publication_template_headline({ municipality, title }, o)
        : m.publication_template_headlineGeneric({ municipality }, o),
    intro: (municipality, date, goals, measures) =>
      m.publication_template_intro({ municipality, date, goals, measures }, o),
    field: (title) => m.publication_template_field({ title }, o),
    goal: (title) => m.publication_template_goal({ title }, o),
    measure: (title, owner, due) =>
      owner && due
        ? m.publication_template_measureOwnerDue({ title, owner, due }, o)
        : owner
          ? m.publication_template_measureOwner({ title, owner }, o)
          : due
            ? m.publication_template_measureDue({ title, due }, o)
            : m.publication_template_measurePlain({ title }, o),
    otherMeasures: m.publication_template_otherMeasures({}, o),
    untitled: m.publication_template_untitled({}, o),
    outro: (municipality) =>
      municipality
        ? m.publication_template_outro({ municipality }, o)
        : m.publication_template_outroNoContact({}, o),
  };
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
