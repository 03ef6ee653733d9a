import type {
  BoardModel,
  Field,
  PlainBoard,
  Report,
  ReportType,
  VersionInfo,
} from '@werkraum/model';

/** Today as a calendar date (`YYYY-MM-DD`) in the person's own time zone. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The reports of one type, newest first (by date, then by creation). */
export function reportsOf(board: PlainBoard, type: ReportType): Report[] {
  return board.reports
    .filter((report) => report.type === type)
    .sort((a, b) => b.date.localeCompare(a.date) || b.createdAt - a.createdAt);
}

/** Starts a report (quarterly status or review) dated `date`; returns its id. */
export function startReport(model: BoardModel, type: ReportType, date: string): string {
  return model.create('report', { content: { type, date, notes: '', versionId: null } });
}

/** The field an item of the board belongs to (for grouping), or null. */
export function fieldById(board: PlainBoard): Map<string, Field> {
  return new Map(board.fields.map((field) => [field.id, field]));
}

/**
 * The versions a report can be compared with: quarterly reports and Zielerklärungen, newest
 * first, without the report's own version. The default is the newest of them that was recorded
 * before the report's own version (or the newest of all, while the report is not recorded).
 */
export function comparisonVersions(
  versions: readonly VersionInfo[],
  ownVersionId: string | null,
): { choices: VersionInfo[]; preferred: VersionInfo | null } {
  const sorted = versions
    .filter((v) => (v.kind === 'quarterly' || v.kind === 'zielerklaerung') && v.id !== ownVersionId)
    .sort((a, b) => b.createdAt - a.createdAt);
  const own = versions.find((v) => v.id === ownVersionId);
  const before = own ? sorted.filter((v) => v.createdAt <= own.createdAt) : sorted;
  return { choices: sorted, preferred: before[0] ?? sorted[0] ?? null };
}
