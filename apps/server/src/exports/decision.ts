import type { Zielerklaerung } from '@werkraum/model';
import { germanDateOf, isRtlText } from './labels.js';

/** The decided part of a board (the model's `zielerklaerungOf`). */
export type DecidedContent = Zielerklaerung;

/** What the decision paper (DOCX and PDF) is made of. */
export interface DecisionPaper {
  municipality: string;
  boardTitle: string;
  /** The Zielerklärung version: its name and time of recording. */
  /** The version: its name, time of recording and kind (default 'zielerklaerung'). */
  version: { name: string; createdAt: number; kind?: string };
  zielerklaerung: DecidedContent;
  /** Date printed as "erstellt am"; default: now. */
  now?: Date;
}

/** A text of an item as printed: the original, its direction, and the German translation if any. */
export interface PrintedText {
  text: string;
  rtl: boolean;
  /** The German translation (translations.de[field]) when it differs from the original. */
  de: string | null;
}

type Translatable = { translations: Record<string, Record<string, string>> };

export function printed<T extends Translatable>(item: T, field: keyof T & string): PrintedText {
  const text = String(item[field] ?? '');
  const de = item.translations.de?.[field]?.trim() ?? '';
  return { text, rtl: isRtlText(text), de: de !== '' && de !== text.trim() ? de : null };
}

/** The body that decides: Kreistag for a (Land)kreis, Gemeinderat for a Gemeinde, else Stadtrat. */
export function councilOf(municipality: string): string {
  if (/kreis/i.test(municipality)) return 'Kreistag';
  if (/^(Orts)?gemeinde\b|^Markt\b|^Samtgemeinde\b|^Verbandsgemeinde\b/i.test(municipality.trim()))
    return 'Gemeinderat';
  if (/^Stadt\b|stadt\b/i.test(municipality.trim())) return 'Stadtrat';
  return 'Stadtrat / Kreistag';
}

export interface PaperCounts {
  goals: number;
  milestones: number;
  measures: number;
}

export function countsOf(content: DecidedContent): PaperCounts {
  let goals = 0;
  let milestones = 0;
  let measures = 0;
  for (const field of content.fields) {
    for (const bucket of field.goals) {
      if (bucket.goal) goals++;
      milestones += bucket.milestones.length;
      measures += bucket.measures.length;
    }
  }
  return { goals, milestones, measures };
}

/** The German sentences both renderers print, so DOCX and PDF say the same. */
export function paperTexts(paper: DecisionPaper): {
  kind: string;
  council: string;
  versionLine: string;
  proposal: string;
  summary: string;
  empty: string;
  footer: string;
} {
  const council = councilOf(paper.municipality);
  const counts = countsOf(paper.zielerklaerung);
  const versionDate = germanDateOf(paper.version.createdAt);
  const title = paper.boardTitle.trim() || 'Integrationsstrategie';
  const isZe = (paper.version.kind ?? 'zielerklaerung') === 'zielerklaerung';
  return {
    kind: 'Beschlussvorlage',
    council,
    versionLine: `${isZe ? 'Zielerklärung' : 'Version'} „${paper.version.name}“ vom ${versionDate}`,
    proposal:
      `Der ${council} beschließt die ` +
      `folgenden Ziele, Meilensteine und Maßnahmen der „${title}“ (${isZe ? 'Zielerklärung' : 'Stand'} vom ` +
      `${versionDate}) und beauftragt die Verwaltung mit der Umsetzung durch die genannten ` +
      'Verantwortlichen bis zu den genannten Terminen.',
    summary: `${counts.goals} ${counts.goals === 1 ? 'Ziel' : 'Ziele'}, ${counts.milestones} ${
      counts.milestones === 1 ? 'Meilenstein' : 'Meilensteine'
    }, ${counts.measures} ${counts.measures === 1 ? 'Maßnahme' : 'Maßnahmen'}.`,
    empty: 'Die Zielerklärung enthält keine beschlossenen Ziele oder Maßnahmen.',
    footer: `Erstellt mit Werkraum am ${germanDateOf(paper.now ?? new Date())}.`,
  };
}

export const NO_GOAL_HEADING = 'Weitere beschlossene Maßnahmen (ohne beschlossenes Ziel)';
export const MEASURE_HEADERS = ['Maßnahme', 'Verantwortlich', 'Fällig', 'Status'] as const;
