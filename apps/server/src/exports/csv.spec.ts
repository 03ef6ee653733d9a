import { MEASURE_CSV_COLUMNS, parseCsv, parseMeasuresCsv } from '@werkraum/model';
import { describe, expect, it } from 'vitest';
import { musterlandBoard } from '../testing/export-fixtures.js';
import { renderMeasuresCsv } from './csv.js';

const HEADERS = MEASURE_CSV_COLUMNS.map((c) => c.headers[0]);

describe('renderMeasuresCsv', () => {
  it('starts with a BOM, uses ; by default and the German headers the import reads', () => {
    const { board } = musterlandBoard();
    const plain = board();
    const csv = renderMeasuresCsv(plain);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const firstLine = csv.slice(1, csv.indexOf('\r\n'));
    expect(firstLine).toBe('Handlungsfeld;Maßnahme;Verantwortlich;Fällig;Status;Beschreibung;Ziel');
    const rows = parseCsv(csv, ';');
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(plain.measures.length + 1);
    const lotse = rows.find((r) => r[1] === 'Lotsenstelle für Anerkennungsverfahren im Jobcenter')!;
    expect(lotse[0]).toBe('Arbeit und Ausbildung');
    expect(lotse[2]).toBe('Jobcenter Musterland');
    expect(lotse[3]).toBe('2027-11-30');
    expect(lotse[4]).toBe('geplant');
    expect(lotse[6]).toBe(
      'Die Dauer der Anerkennungsverfahren sinkt bis 2029 auf höchstens 4 Monate.',
    );
    // Umlauts and typographic quotes intact.
    expect(
      rows.some((r) => r[1] === 'Ausbildungsbörse „Handwerk trifft Zukunft“ zweimal jährlich'),
    ).toBe(true);
    expect(rows.some((r) => r[2] === 'Ausländerbehörde & Integrationsbeauftragte')).toBe(true);
  });

  it('writes , on request and quotes cells with separators, quotes and line breaks', () => {
    const { board, model } = musterlandBoard();
    const field = board().fields[0]!;
    model.create('measure', {
      parentId: field.id,
      content: {
        title: 'Kurs "Deutsch im Alltag", Teil 2; mit Pause',
        owner: 'Müller, Öztürk',
        description: 'Zeile 1\nZeile 2',
        due: '2027-05-31',
      },
    });
    const csv = renderMeasuresCsv(board(), { separator: ',' });
    expect(csv.slice(1, csv.indexOf('\r\n'))).toBe(
      'Handlungsfeld,Maßnahme,Verantwortlich,Fällig,Status,Beschreibung,Ziel',
    );
    expect(csv).toContain('"Kurs ""Deutsch im Alltag"", Teil 2; mit Pause","Müller, Öztürk"');
    const row = parseCsv(csv, ',').find((r) => r[1]?.startsWith('Kurs "Deutsch'))!;
    expect(row).toEqual([
      field.title,
      'Kurs "Deutsch im Alltag", Teil 2; mit Pause',
      'Müller, Öztürk',
      '2027-05-31',
      'geplant',
      'Zeile 1\nZeile 2',
      '',
    ]);
    // With ';' the comma needs no quotes, the semicolon does.
    const semicolon = renderMeasuresCsv(board());
    expect(semicolon).toContain(';"Kurs ""Deutsch im Alltag"", Teil 2; mit Pause";Müller, Öztürk;');
  });

  it('guards cells that Excel would run as a formula', () => {
    const { board, model } = musterlandBoard();
    const field = board().fields[0]!;
    const titles = [
      '=HYPERLINK("http://evil.example","klick")',
      '+49 Hotline',
      '-Kurs',
      '@SUM(A1)',
    ];
    for (const title of titles) {
      model.create('measure', { parentId: field.id, content: { title, owner: '=1+1' } });
    }
    const csv = renderMeasuresCsv(board());
    const rows = parseCsv(csv, ';');
    for (const title of titles) {
      const row = rows.find((r) => r[1] === `'${title}`);
      expect(row, title).toBeDefined();
      expect(row![2]).toBe("'=1+1");
    }
    // No cell of the file starts with a formula character.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('imports again into the same measures', () => {
    const { board } = musterlandBoard();
    const plain = board();
    const { rows, errors } = parseMeasuresCsv(renderMeasuresCsv(plain, { separator: ',' }), plain);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(plain.measures.length);
    const byTitle = new Map(rows.map((r) => [r.title, r]));
    for (const measure of plain.measures) {
      const row = byTitle.get(measure.title)!;
      expect(row, measure.title).toBeDefined();
      expect(row.fieldId).toBe(measure.parentId);
      expect(row.owner).toBe(measure.owner);
      expect(row.due).toBe(measure.due);
      expect(row.status).toBe(measure.status);
    }
  });
});
