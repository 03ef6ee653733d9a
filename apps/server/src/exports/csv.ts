import { measuresToCsvRows, toCsv, type CsvSeparator, type PlainBoard } from '@werkraum/model';

/**
 * The board's measures as CSV for Excel: UTF-8 with a byte order mark (so that Excel reads the
 * umlauts right), `;` (what German Excel expects) or `,`, CRLF. The columns and headers are the
 * ones the CSV import reads (`measuresToCsvRows` of the model), so the file can be imported
 * again; cells that would start a formula are guarded with an apostrophe (`toCsv`).
 */
export function renderMeasuresCsv(
  board: PlainBoard,
  options: { separator?: CsvSeparator } = {},
): string {
  return `\uFEFF${toCsv(measuresToCsvRows(board), options.separator ?? ';')}`;
}
