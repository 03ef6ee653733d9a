import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardModel, ModelError, initBoardDoc, toPlainBoard } from './board.js';
import {
  MEASURE_CSV_COLUMNS,
  importMeasures,
  measuresToCsvRows,
  parseCsv,
  parseMeasuresCsv,
  toCsv,
} from './csv.js';

function board() {
  const doc = new Y.Doc();
  initBoardDoc(doc, { municipality: 'Stadt Ö', title: 'Plan', languages: ['de'], createdAt: 1 });
  const model = new BoardModel(doc, { author: 'Moderation' });
  const work = model.create('field', { content: { title: 'Arbeit und Ausbildung' } });
  const language = model.create('field', { content: { title: 'Sprache' } });
  const goal = model.create('goal', {
    parentId: work,
    content: { title: 'Anerkennung in drei Monaten' },
  });
  // A namesake in another field: the measure's own field wins.
  const namesake = model.create('goal', {
    parentId: language,
    content: { title: 'Anerkennung in drei Monaten' },
  });
  return { doc, model, work, language, goal, namesake };
}

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, line breaks in cells, CRLF and a byte order mark', () => {
    const text = '\uFEFFa;b;c\r\n"x;y";"er sagte ""ja""";"zwei\r\nZeilen"\r\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x;y', 'er sagte "ja"', 'zwei\r\nZeilen'],
    ]);
  });

  it('detects the separator from the header line and keeps empty lines as rows', () => {
    expect(parseCsv('Maßnahme,Status\nKurs,"geplant, bald"\n\nLotsen,erledigt')).toEqual([
      ['Maßnahme', 'Status'],
      ['Kurs', 'geplant, bald'],
      [''],
      ['Lotsen', 'erledigt'],
    ]);
    // Commas inside quotes in the header do not count.
    expect(parseCsv('"a,b,c";d\n1;2')[1]).toEqual(['1', '2']);
    expect(parseCsv('a;b\r1;2\r')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('keeps the rest of the text when a quote is never closed', () => {
    expect(parseCsv('a;b\n"offen;bis\nzum Ende', ';')).toEqual([
      ['a', 'b'],
      ['offen;bis\nzum Ende'],
    ]);
  });
});

describe('toCsv', () => {
  it('round-trips hostile, right-to-left and umlaut text through parseCsv', () => {
    const rows = [
      ['Titel', 'Notiz'],
      ['Übergänge für Schüler:innen', 'تعليم اللغة للكبار'],
      ['"zitiert"; mit Semikolon', 'zwei\nZeilen'],
      ['  Leerzeichen  ', 'آموزش زبان, فارسی'],
      ['<script>alert(1)</script>', '\u202Eevil\u202C'],
    ];
    for (const separator of [';', ','] as const) {
      const text = toCsv(rows, separator);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.startsWith('\uFEFF')).toBe(false);
      expect(parseCsv(text, separator)).toEqual(rows);
    }
  });

  it('keeps formulas from running when the file is opened in a spreadsheet', () => {
    const text = toCsv([['=HYPERLINK("http://x","klick")', '+1', '-2', '@SUM(A1)', 'ok']], ';');
    const [cells] = parseCsv(text, ';');
    expect(cells?.slice(0, 4).every((c) => c.startsWith("'"))).toBe(true);
    expect(cells?.[4]).toBe('ok');
  });
});

describe('parseMeasuresCsv', () => {
  it('reads a German spreadsheet: umlaut headers, German dates and statuses, any case', () => {
    const { doc, work, goal } = board();
    const text = [
      'Handlungsfeld;Maßnahme;Verantwortlich;Fällig;Status;Beschreibung;Ziel',
      ' arbeit und ausbildung ;Lotsenprogramm;Jobcenter;31.05.2027;In Arbeit;"Mit ""Paten""";anerkennung in drei monaten',
      'Arbeit und Ausbildung;Sprachkurs am Abend;VHS;2027-9-1;;;',
    ].join('\r\n');
    const { rows, errors } = parseMeasuresCsv(text, toPlainBoard(doc));
    expect(rows).toEqual([
      {
        row: 2,
        fieldId: work,
        goalIds: [goal],
        title: 'Lotsenprogramm',
        owner: 'Jobcenter',
        description: 'Mit "Paten"',
        due: '2027-05-31',
        status: 'inProgress',
      },
    ]);
    expect(errors).toEqual([
      { row: 3, column: 'Fällig', code: 'badDate', message: expect.stringContaining('2027-9-1') },
    ]);
  });

  it('reports bad rows with their spreadsheet row numbers and still returns the good ones', () => {
    const { doc, language } = board();
    const text = [
      'field,title,owner,due,status',
      'Wohnen,Mietberatung,,,',
      '',
      'Sprache,Kita-Sprachkurs,,1.2.2028,erledigt',
      'Sprache,,VHS,,',
      'Sprache,Elterncafé,,30.02.2028,',
      'Sprache,Patenschaften,,,irgendwann',
      'Sprache,Dolmetscherpool,,,verworfen',
    ].join('\n');
    const { rows, errors } = parseMeasuresCsv(text, toPlainBoard(doc));
    expect(rows.map((r) => [r.row, r.title, r.fieldId, r.due, r.status])).toEqual([
      [4, 'Kita-Sprachkurs', language, '2028-02-01', 'done'],
      [8, 'Dolmetscherpool', language, null, 'dropped'],
    ]);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'field', 'unknownField'],
      [5, 'title', 'missingValue'],
      [6, 'due', 'badDate'],
      [7, 'status', 'badStatus'],
    ]);
    expect(errors[0]?.message).toBe('Das Handlungsfeld „Wohnen“ gibt es auf dem Board nicht.');
  });

  it('refuses a file without the required columns, naming them', () => {
    const { doc } = board();
    expect(parseMeasuresCsv('Titel;Status\nKurs;geplant', toPlainBoard(doc)).errors).toEqual([
      expect.objectContaining({ row: 1, column: 'Handlungsfeld', code: 'missingColumn' }),
      expect.objectContaining({ row: 1, column: 'Maßnahme', code: 'missingColumn' }),
    ]);
    expect(parseMeasuresCsv('\uFEFF', toPlainBoard(doc)).errors[0]?.code).toBe('empty');
  });

  it('matches goals in the measure’s own field first and reports unknown goals', () => {
    const { doc, goal, namesake } = board();
    const text =
      'Handlungsfeld;Maßnahme;Ziel\nSprache;Kurs;Anerkennung in drei Monaten\nArbeit und Ausbildung;Beratung;"Anerkennung in drei Monaten\nGibt es nicht"';
    const { rows, errors } = parseMeasuresCsv(text, toPlainBoard(doc));
    expect(rows.map((r) => r.goalIds)).toEqual([[namesake]]);
    expect(errors).toEqual([
      expect.objectContaining({ row: 3, column: 'Ziel', code: 'unknownGoal' }),
    ]);
    expect(goal).not.toBe(namesake);
  });
});

describe('importMeasures and measuresToCsvRows', () => {
  it('exports measures in the import columns, so a re-import gives the same measures', () => {
    const { doc, model, work, goal } = board();
    const measure = model.create('measure', {
      parentId: work,
      content: {
        title: '=Lotsen; "Paten" für Geflüchtete',
        owner: 'مكتب الاندماج',
        description: 'Zeile 1\nZeile 2',
        due: '2027-05-31',
        status: 'inProgress',
      },
    });
    model.link('serves', measure, goal);
    const rows = measuresToCsvRows(toPlainBoard(doc));
    expect(rows[0]).toEqual(MEASURE_CSV_COLUMNS.map((c) => c.headers[0]));
    expect(rows[1]).toEqual([
      'Arbeit und Ausbildung',
      '=Lotsen; "Paten" für Geflüchtete',
      'مكتب الاندماج',
      '2027-05-31',
      'in Arbeit',
      'Zeile 1\nZeile 2',
      'Anerkennung in drei Monaten',
    ]);
    const file = `\uFEFF${toCsv(rows, ';')}`;
    model.delete(measure);
    const parsed = parseMeasuresCsv(file, toPlainBoard(doc));
    expect(parsed.errors).toEqual([]);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const [id] = importMeasures(model, parsed.rows);
    // One transaction: one undo step, one update on the wire.
    expect(updates).toHaveLength(1);
    expect(model.get(id as string, 'measure')).toMatchObject({
      title: '=Lotsen; "Paten" für Geflüchtete',
      owner: 'مكتب الاندماج',
      description: 'Zeile 1\nZeile 2',
      due: '2027-05-31',
      status: 'inProgress',
      decided: false,
    });
    expect(model.linksOf(id as string).map((l) => [l.type, l.to])).toEqual([['serves', goal]]);
  });

  it('writes nothing when a field was deleted between reading and importing', () => {
    const { doc, model, work, language } = board();
    const { rows } = parseMeasuresCsv(
      'Handlungsfeld;Maßnahme\nSprache;Kurs\nArbeit und Ausbildung;Beratung',
      toPlainBoard(doc),
    );
    model.delete(work);
    expect(() => importMeasures(model, rows)).toThrow(ModelError);
    expect(model.list('measure', language)).toEqual([]);
    expect(() => importMeasures(model, [{ ...rows[0]!, title: ' ' }])).toThrow();
  });
});
