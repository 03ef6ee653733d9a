import {
  isOverdue,
  type BoardModel,
  type Field,
  type Measure,
  type PlainBoard,
  type StatusEntry,
  type TrackingStatus,
} from '@werkraum/model';

export interface TrackedMeasure {
  measure: Measure;
  /** This report's entry for the measure, if someone set a status. */
  entry: StatusEntry | undefined;
  /** The entry of the newest earlier quarterly report, for comparison. */
  previous: StatusEntry | undefined;
  overdue: boolean;
}

export interface TrackedField {
  /** null: entries whose measure was deleted since (they stay visible as history). */
  field: Field | null;
  measures: TrackedMeasure[];
  /** Entries of this report for measures that are no longer on the board. */
  orphans: StatusEntry[];
}

/**
 * The decided measures per field with their status entry in report `reportId`, the previous
 * quarter's entry and whether they are overdue on `today`. Entries for deleted measures are
 * listed at the end (field null).
 */
export function trackedMeasures(
  board: PlainBoard,
  reportId: string,
  today: string,
): TrackedField[] {
  const report = board.reports.find((r) => r.id === reportId);
  const earlier = board.reports
    .filter(
      (r) =>
        r.type === 'quarterly' &&
        r.id !== reportId &&
        (!report ||
          r.date < report.date ||
          (r.date === report.date && r.createdAt < report.createdAt)),
    )
    .sort((a, b) => b.date.localeCompare(a.date) || b.createdAt - a.createdAt);
  const entriesOf = (id: string) => board.statusEntries.filter((e) => e.parentId === id);
  const own = entriesOf(reportId);
  const previousByMeasure = new Map<string, StatusEntry>();
  for (const r of earlier) {
    for (const entry of entriesOf(r.id)) {
      if (!previousByMeasure.has(entry.measureId)) previousByMeasure.set(entry.measureId, entry);
    }
  }
  const ownByMeasure = new Map(own.map((e) => [e.measureId, e]));
  const out: TrackedField[] = [];
  for (const field of board.fields) {
    const measures = board.measures
      .filter((m) => m.parentId === field.id && (m.decided || ownByMeasure.has(m.id)))
      .map((measure) => ({
        measure,
        entry: ownByMeasure.get(measure.id),
        previous: previousByMeasure.get(measure.id),
        overdue: isOverdue(measure, today),
      }));
    if (measures.length > 0) out.push({ field, measures, orphans: [] });
  }
  const known = new Set(board.measures.map((m) => m.id));
  const orphans = own.filter((e) => !known.has(e.measureId));
  if (orphans.length > 0) out.push({ field: null, measures: [], orphans });
  return out;
}

/** How many of a report's tracked measures have a status, and how many are overdue. */
export function trackingProgress(fields: readonly TrackedField[]): {
  total: number;
  assessed: number;
  overdue: number;
} {
  const all = fields.flatMap((f) => f.measures);
  return {
    total: all.length,
    assessed: all.filter((m) => m.entry).length,
    overdue: all.filter((m) => m.overdue).length,
  };
}

/** A status to suggest before anyone chose: done when the measure is done, late when overdue. */
export function suggestedStatus(tracked: TrackedMeasure): TrackingStatus {
  if (tracked.measure.status === 'done') return 'done';
  if (tracked.overdue) return 'late';
  return tracked.previous?.status ?? 'onTrack';
}

/**
 * Sets the status of a measure in a report: updates its entry or creates one (one entry per
 * measure and report). Returns the entry's id.
 */
export function setMeasureStatus(
  model: BoardModel,
  board: PlainBoard,
  reportId: string,
  measureId: string,
  status: TrackingStatus,
): string {
  const existing = board.statusEntries.find(
    (e) => e.parentId === reportId && e.measureId === measureId,
  );
  if (existing) {
    model.update<'statusEntry'>(existing.id, { status });
    return existing.id;
  }
  return model.create('statusEntry', {
    parentId: reportId,
    content: { measureId, status, comment: '' },
  });
}
