import { z } from 'zod';
import { ModelError, type BoardModel } from './board.js';
import { itemIdSchema } from './ids.js';
import {
  isoDateSchema,
  measureSchema,
  measureStatusSchema,
  plainBoardSchema,
  type MeasureStatus,
  type PlainBoard,
} from './schemas.js';

export const CSV_SEPARATORS = [';', ','] as const;
export const csvSeparatorSchema = z.enum(CSV_SEPARATORS);
export type CsvSeparator = z.infer<typeof csvSeparatorSchema>;

/** Longest CSV text read (a few thousand measures fit easily). */
const MAX_CSV_CHARS = 5_000_000;
const csvTextSchema = z.string().max(MAX_CSV_CHARS, 'The file is too large.');

/**
 * The separator of a file from its header line: the one that occurs more often outside quotes.
 * German spreadsheet programs write ';', most others ','; on a tie ';' wins, because a German
 * header such as "Maßnahme" never contains either.
 */
function detectSeparator(text: string): CsvSeparator {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ';') semicolons++;
    else if (!quoted && char === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

/**
 * Reads CSV as RFC 4180 describes it: quoted cells may hold separators, line breaks and doubled
 * quotes; lines end in CRLF, LF or CR; a byte order mark is dropped. Every line is a row, empty
 * ones too (as `['']`), so that row i of the result is row i + 1 of the spreadsheet. A quote left
 * open runs to the end of the text rather than losing it.
 */
export function parseCsv(text: string, separator?: CsvSeparator): string[][] {
  const input = csvTextSchema.parse(text).replace(/^\uFEFF/, '');
  const sep =
    separator === undefined ? detectSeparator(input) : csvSeparatorSchema.parse(separator);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = '';
  };
  while (i < input.length) {
    const char = input[i] as string;
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        cell += char;
      }
      i++;
      continue;
    }
    if (char === '"' && cell === '') quoted = true;
    else if (char === sep) {
      row.push(cell);
      cell = '';
    } else if (char === '\r' || char === '\n') {
      endRow();
      if (char === '\r' && input[i + 1] === '\n') i++;
    } else cell += char;
    i++;
  }
  // A last line without a line break is a row; a final line break does not start one.
  if (cell !== '' || row.length > 0 || quoted) endRow();
  return rows;
}

/** Cells that spreadsheet programs would run as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Writes rows as CSV with CRLF line ends, quoting cells that need it. Cells starting like a
 * formula get a leading apostrophe, so that a title such as `=HYPERLINK(…)` typed on the board
 * stays text when the file is opened in a spreadsheet; `parseMeasuresCsv` removes it again.
 * No byte order mark: the caller adds '\uFEFF' for files meant for Excel.
 */
export function toCsv(rows: string[][], separator: CsvSeparator): string {
  const sep = csvSeparatorSchema.parse(separator);
  const valid = z.array(z.array(z.string())).parse(rows);
  const quote = (raw: string): string => {
    const value = FORMULA_START.test(raw) ? `'${raw}` : raw;
    const needsQuotes =
      value.includes(sep) ||
      value.includes('"') ||
      value.includes('\n') ||
      value.includes('\r') ||
      value !== value.trim();
    return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
  };
  return valid.map((row) => `${row.map(quote).join(sep)}\r\n`).join('');
}

/** Undoes the formula guard of `toCsv`. */
function unguard(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/**
 * The columns of the measures CSV, each with the headers it is recognised by: the German header
 * (written by the export) first, then the keys. Only field and title are required.
 */
export const MEASURE_CSV_COLUMNS = [
  { key: 'field', headers: ['Handlungsfeld', 'field'], required: true },
  { key: 'title', headers: ['Maßnahme', 'Massnahme', 'title'], required: true },
  { key: 'owner', headers: ['Verantwortlich', 'owner'], required: false },
  { key: 'due', headers: ['Fällig', 'Faellig', 'due'], required: false },
  { key: 'status', headers: ['Status', 'status'], required: false },
  { key: 'description', headers: ['Beschreibung', 'description'], required: false },
  { key: 'goal', headers: ['Ziel', 'goal'], required: false },
] as const;
export type MeasureCsvColumn = (typeof MEASURE_CSV_COLUMNS)[number]['key'];

/** How the CSV writes each status; the import also reads the keys. */
export const MEASURE_STATUS_CSV: { readonly [S in MeasureStatus]: string } = {
  planned: 'geplant',
  inProgress: 'in Arbeit',
  done: 'erledigt',
  dropped: 'verworfen',
};

/** One good row of a measures CSV, ready for `importMeasures`. */
export const measureImportRowSchema = z.object({
  /** Row number in the spreadsheet (the header is row 1). */
  row: z.number().int().min(2),
  fieldId: itemIdSchema,
  /** Goals the measure serves (the Ziel column may name several, one per line). */
  goalIds: z.array(itemIdSchema).max(50),
  title: measureSchema.shape.title.refine((t) => t.trim() !== ''),
  owner: measureSchema.shape.owner,
  description: measureSchema.shape.description,
  due: isoDateSchema.nullable(),
  status: measureStatusSchema,
});
export type MeasureImportRow = z.infer<typeof measureImportRowSchema>;

export type MeasureCsvErrorCode =
  | 'empty'
  | 'missingColumn'
  | 'missingValue'
  | 'unknownField'
  | 'unknownGoal'
  | 'badDate'
  | 'badStatus'
  | 'tooLong';

export interface MeasureCsvError {
  /** Row number in the spreadsheet (the header is row 1). */
  row: number;
  /** The column's header as written in the file (or its German header when missing). */
  column?: string;
  /** For translation in the web app; `message` is the German text. */
  code: MeasureCsvErrorCode;
  message: string;
}

/** Case-insensitive comparison of titles and headers: trimmed, NFC, inner spaces collapsed. */
function fold(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** `2027-05-31` or `31.05.2027` (also `1.5.2027`) → `2027-05-31`; null when not a real date. */
function readDate(value: string): string | null {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const iso = german
    ? `${german[3]}-${(german[2] as string).padStart(2, '0')}-${(german[1] as string).padStart(2, '0')}`
    : value;
  return isoDateSchema.safeParse(iso).success ? iso : null;
}

function readStatus(value: string): MeasureStatus | null {
  const wanted = fold(value);
  for (const status of measureStatusSchema.options) {
    if (fold(status) === wanted || fold(MEASURE_STATUS_CSV[status]) === wanted) return status;
  }
  return null;
}

const LIMITS = { title: 500, owner: 200, description: 20_000 } as const;

/**
 * Reads a measures CSV (for example the plan of a department kept in Excel) against a board.
 * Fields and goals are found by title among the board's; a row with an unknown field, a bad date
 * or status is reported with its spreadsheet row number and left out, the good rows are still
 * returned. Empty rows are skipped.
 */
export function parseMeasuresCsv(
  text: string,
  board: PlainBoard,
): { rows: MeasureImportRow[]; errors: MeasureCsvError[] } {
  const plain = plainBoardSchema.parse(board);
  const table = parseCsv(text);
  const rows: MeasureImportRow[] = [];
  const errors: MeasureCsvError[] = [];
  const header = table[0];
  if (header === undefined || header.every((c) => c.trim() === '')) {
    errors.push({ row: 1, code: 'empty', message: 'Die Datei ist leer.' });
    return { rows, errors };
  }
  const columnIndex = new Map<MeasureCsvColumn, number>();
  const columnName = new Map<MeasureCsvColumn, string>();
  for (const column of MEASURE_CSV_COLUMNS) {
    const names = column.headers.map(fold);
    const index = header.findIndex((cell) => names.includes(fold(cell)));
    if (index !== -1) {
      columnIndex.set(column.key, index);
      columnName.set(column.key, (header[index] as string).trim());
    } else if (column.required) {
      errors.push({
        row: 1,
        column: column.headers[0],
        code: 'missingColumn',
        message: `Die Spalte „${column.headers[0]}“ fehlt.`,
      });
    }
  }
  if (errors.length > 0) return { rows, errors };

  const fieldsByTitle = new Map<string, string>();
  for (const field of plain.fields) {
    const key = fold(field.title);
    if (!fieldsByTitle.has(key)) fieldsByTitle.set(key, field.id);
  }

  table.slice(1).forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const cell = (key: MeasureCsvColumn): string => {
      const at = columnIndex.get(key);
      return at === undefined ? '' : unguard(cells[at] ?? '').trim();
    };
    const fail = (key: MeasureCsvColumn, code: MeasureCsvErrorCode, message: string) => {
      const column = MEASURE_CSV_COLUMNS.find((c) => c.key === key);
      errors.push({ row, column: columnName.get(key) ?? column?.headers[0], code, message });
    };
    const before = errors.length;

    const fieldTitle = cell('field');
    const fieldId = fieldsByTitle.get(fold(fieldTitle));
    if (fieldTitle === '') fail('field', 'missingValue', 'Das Handlungsfeld fehlt.');
    else if (fieldId === undefined) {
      fail(
        'field',
        'unknownField',
        `Das Handlungsfeld „${fieldTitle}“ gibt es auf dem Board nicht.`,
      );
    }
    const title = cell('title');
    if (title === '') fail('title', 'missingValue', 'Der Titel der Maßnahme fehlt.');
    for (const key of ['title', 'owner', 'description'] as const) {
      if (cell(key).length > LIMITS[key]) {
        fail(key, 'tooLong', `Höchstens ${LIMITS[key]} Zeichen.`);
      }
    }
    const dueText = cell('due');
    const due = dueText === '' ? null : readDate(dueText);
    if (dueText !== '' && due === null) {
      fail('due', 'badDate', `„${dueText}“ ist kein Datum wie 31.05.2027 oder 2027-05-31.`);
    }
    const statusText = cell('status');
    const status = statusText === '' ? 'planned' : readStatus(statusText);
    if (status === null) {
      fail(
        'status',
        'badStatus',
        `„${statusText}“ ist kein Status (geplant, in Arbeit, erledigt, verworfen).`,
      );
    }
    // One goal per line of the cell; a goal in the measure's own field wins over a namesake.
    const goalIds: string[] = [];
    for (const goalTitle of cell('goal').split(/\r\n|\r|\n/)) {
      const wanted = fold(goalTitle);
      if (wanted === '') continue;
      const matches = plain.goals.filter((g) => fold(g.title) === wanted);
      const goal = matches.find((g) => g.parentId === fieldId) ?? matches[0];
      if (goal === undefined) {
        fail('goal', 'unknownGoal', `Das Ziel „${goalTitle.trim()}“ gibt es auf dem Board nicht.`);
      } else if (!goalIds.includes(goal.id)) goalIds.push(goal.id);
    }
    if (errors.length > before || fieldId === undefined || status === null) return;
    rows.push({
      row,
      fieldId,
      goalIds,
      title,
      owner: cell('owner'),
      description: cell('description'),
      due,
      status,
    });
  });
  return { rows, errors };
}

/**
 * Creates the measures of `rows` (from `parseMeasuresCsv`) with their `serves` links, in one
 * transaction so that one undo removes the whole import. Checks first that every field and goal
 * still exists: a Yjs transaction cannot be rolled back halfway.
 */
export function importMeasures(model: BoardModel, rows: MeasureImportRow[]): string[] {
  const valid = z.array(measureImportRowSchema).max(10_000).parse(rows);
  for (const row of valid) {
    if (!model.get(row.fieldId, 'field')) {
      throw new ModelError('not_found', `Row ${row.row}: the field no longer exists.`);
    }
    for (const goalId of row.goalIds) {
      if (!model.get(goalId, 'goal')) {
        throw new ModelError('not_found', `Row ${row.row}: the goal no longer exists.`);
      }
    }
  }
  const ids: string[] = [];
  model.doc.transact(() => {
    for (const row of valid) {
      const id = model.create('measure', {
        parentId: row.fieldId,
        content: {
          title: row.title,
          owner: row.owner,
          description: row.description,
          due: row.due,
          status: row.status,
          decided: false,
        },
      });
      for (const goalId of row.goalIds) model.link('serves', id, goalId);
      ids.push(id);
    }
  });
  return ids;
}

/**
 * The measures of a board as CSV rows, header first, in the columns `parseMeasuresCsv` reads:
 * exporting and importing again gives the same measures. Dates as YYYY-MM-DD, statuses in
 * German, the goals a measure serves one per line of the Ziel cell.
 */
export function measuresToCsvRows(board: PlainBoard): string[][] {
  const plain = plainBoardSchema.parse(board);
  const fieldTitle = new Map(plain.fields.map((f) => [f.id, f.title]));
  const goalTitle = new Map(plain.goals.map((g) => [g.id, g.title]));
  const rows: string[][] = [MEASURE_CSV_COLUMNS.map((c) => c.headers[0])];
  // Measures in the order of their fields, as on the board.
  const fieldOrder = new Map(plain.fields.map((f, i) => [f.id, i]));
  const measures = [...plain.measures].sort(
    (a, b) => (fieldOrder.get(a.parentId ?? '') ?? 0) - (fieldOrder.get(b.parentId ?? '') ?? 0),
  );
  for (const measure of measures) {
    const goals = plain.links
      .filter((l) => l.type === 'serves' && l.from === measure.id)
      .map((l) => goalTitle.get(l.to))
      .filter((t): t is string => t !== undefined);
    const values: { readonly [K in MeasureCsvColumn]: string } = {
      field: fieldTitle.get(measure.parentId ?? '') ?? '',
      title: measure.title,
      owner: measure.owner,
      due: measure.due ?? '',
      status: MEASURE_STATUS_CSV[measure.status],
      description: measure.description,
      goal: goals.join('\n'),
    };
    rows.push(MEASURE_CSV_COLUMNS.map((c) => values[c.key]));
  }
  return rows;
}
