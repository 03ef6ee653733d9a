import type {
  MeasureStatus,
  ReportType,
  ReviewResult,
  StakeholderType,
  StepStatus,
  TrackingStatus,
} from '@werkraum/model';

/**
 * German labels of the server's exports (decision paper, calendar, CSV, Markdown). The web app
 * has its own catalogues (apps/web/src/lib/i18n); these mirror its German wording, because a
 * Beschlussvorlage for the Stadtrat or Kreistag is written in German.
 */
export const STEP_LABELS_DE: Readonly<Record<number, string>> = {
  1: 'Gespräch mit kommunaler Spitze',
  2: 'Auftakttreffen der Steuergruppe',
  3: 'Konsultationsworkshop',
  4: 'Zweites Treffen der Steuergruppe',
  5: 'Analyseworkshop',
  6: 'Treffen der Steuergruppe',
  7: 'Gespräch mit kommunaler Spitze',
  8: 'Präsentation der Ergebnisse',
  9: 'Quartalstreffen der Steuergruppe',
  10: 'Wirksamkeit überprüfen',
};

export const STEP_STATUS_DE: Readonly<Record<StepStatus, string>> = {
  planned: 'geplant',
  active: 'läuft',
  done: 'erledigt',
};

/** Also the words the CSV import reads back (see `parseMeasuresCsv` in the model). */
export const MEASURE_STATUS_DE: Readonly<Record<MeasureStatus, string>> = {
  planned: 'geplant',
  inProgress: 'in Arbeit',
  done: 'erledigt',
  dropped: 'verworfen',
};

export const STAKEHOLDER_TYPE_DE: Readonly<Record<StakeholderType, string>> = {
  administration: 'Verwaltung',
  politics: 'Politik',
  civilSociety: 'Zivilgesellschaft',
  migrantOrganisation: 'Migrantenselbstorganisation',
  business: 'Wirtschaft',
  education: 'Bildung',
  other: 'Sonstige',
};

export const TRACKING_STATUS_DE: Readonly<Record<TrackingStatus, string>> = {
  onTrack: 'im Plan',
  atRisk: 'gefährdet',
  late: 'verspätet',
  done: 'erledigt',
};

export const REVIEW_RESULT_DE: Readonly<Record<ReviewResult, string>> = {
  reached: 'erreicht',
  partly: 'teilweise erreicht',
  notReached: 'nicht erreicht',
};

export const REPORT_TYPE_DE: Readonly<Record<ReportType, string>> = {
  quarterly: 'Quartalsbericht',
  review: 'Wirksamkeitsprüfung',
};

export function stepLabel(number: number): string {
  return `Schritt ${number}: ${STEP_LABELS_DE[number] ?? ''}`.trim();
}

/** `2027-10-01` → `01.10.2027` (German date); '' for null. */
export function germanDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

/** A timestamp as a German date, in the time zone of German municipalities. */
export function germanDateOf(time: number | Date): string {
  return new Intl.DateTimeFormat('de-DE', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Berlin',
  }).format(time);
}

/** Languages written right to left (by primary subtag). */
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'ckb', 'yi', 'dv', 'sd', 'ug']);

export function isRtlLanguage(lang: string | undefined): boolean {
  if (!lang) return false;
  return RTL_LANGUAGES.has(lang.split('-')[0]!.toLowerCase());
}

/**
 * Whether a text is mainly right to left: its first strong character is Hebrew/Arabic script
 * (as the Unicode bidi algorithm decides a paragraph's direction).
 */
export function isRtlText(text: string): boolean {
  const strong =
    /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]|[\p{L}]/u.exec(
      text,
    );
  if (!strong) return false;
  return /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u.test(
    strong[0],
  );
}
