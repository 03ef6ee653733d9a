import JSZip from 'jszip';
import { zielerklaerungOf } from '@werkraum/model';
import { describe, expect, it } from 'vitest';
import {
  ARABIC_MEASURE,
  ARABIC_MEASURE_DE,
  FARSI_GOAL,
  FARSI_GOAL_DE,
  HOSTILE,
  musterlandBoard,
} from '../testing/export-fixtures.js';
import { councilOf, type DecisionPaper } from './decision.js';
import { renderDecisionDocx } from './docx.js';

/** The text of word/document.xml with XML entities decoded (runs joined per paragraph). */
async function documentXml(
  file: Buffer,
): Promise<{ xml: string; text: string; paragraphs: string[] }> {
  const zip = await JSZip.loadAsync(file);
  const xml = await zip.file('word/document.xml')!.async('string');
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    decode([...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  );
  return { xml, text: paragraphs.join('\n'), paragraphs };
}

function paper(): { paper: DecisionPaper; measures: ReturnType<typeof musterlandBoard> } {
  const fixture = musterlandBoard();
  const board = fixture.board();
  return {
    paper: {
      municipality: board.meta.municipality,
      boardTitle: board.meta.title,
      version: { name: 'Beschluss Steuergruppe Juni', createdAt: Date.UTC(2027, 5, 14, 10) },
      zielerklaerung: zielerklaerungOf(board),
      now: new Date(Date.UTC(2027, 5, 20)),
    },
    measures: fixture,
  };
}

describe('renderDecisionDocx', () => {
  it('writes a Word file with the decided measures, owners, German dates and statuses', async () => {
    const { paper: p, measures: fixture } = paper();
    const file = await renderDecisionDocx(p);
    expect(file.subarray(0, 2).toString()).toBe('PK');
    const { text, paragraphs } = await documentXml(file);

    expect(text).toContain('Beschlussvorlage');
    expect(text).toContain('Landkreis Musterland');
    expect(text).toContain('Integrationsstrategie für Geflüchtete 2027–2030');
    expect(text).toContain('Zielerklärung „Beschluss Steuergruppe Juni“ vom 14.06.2027');
    expect(text).toContain('Der Kreistag beschließt');

    const board = fixture.board();
    const decided = board.measures.filter((m) => m.decided);
    expect(decided.length).toBeGreaterThanOrEqual(7);
    for (const measure of decided) {
      expect(paragraphs, measure.title).toContain(measure.title);
      expect(paragraphs).toContain(measure.owner);
      const [y, m, d] = measure.due!.split('-');
      expect(paragraphs).toContain(`${d}.${m}.${y}`);
    }
    // A row reads: title, owner, German date, German status.
    const lotse = paragraphs.indexOf('Lotsenstelle für Anerkennungsverfahren im Jobcenter');
    expect(paragraphs.slice(lotse, lotse + 4)).toEqual([
      'Lotsenstelle für Anerkennungsverfahren im Jobcenter',
      'Jobcenter Musterland',
      '30.11.2027',
      'geplant',
    ]);
    expect(text).toContain('in Arbeit');
    // Umlauts, ß and typographic quotes intact.
    expect(text).toContain('Gemeinsame Warteliste von VHS und freien Trägern');
    expect(text).toContain('Ausbildungsbörse „Handwerk trifft Zukunft“ zweimal jährlich');
    expect(text).toContain('Ausländerbehörde');
    // The hostile string is text in the XML, not markup.
    expect(paragraphs).toContain(HOSTILE);

    // Undecided measures and goals are not in the paper.
    for (const measure of board.measures.filter((m) => !m.decided)) {
      expect(text).not.toContain(measure.title);
    }
    expect(text).not.toContain('Niemand lebt länger als 9 Monate');
    // Milestones of decided goals with their dates.
    expect(text).toContain('Zwei zusätzliche Kursstandorte im Nordkreis eröffnet – bis 31.12.2027');
  });

  it('writes Arabic and Farsi as right-to-left paragraphs with the German translation beneath', async () => {
    const { paper: p } = paper();
    const { xml, paragraphs } = await documentXml(await renderDecisionDocx(p));
    const arabic = paragraphs.indexOf(ARABIC_MEASURE);
    expect(arabic).toBeGreaterThan(-1);
    expect(paragraphs[arabic + 1]).toBe(`Deutsch: ${ARABIC_MEASURE_DE}`);
    const farsi = paragraphs.indexOf(`Ziel: ${FARSI_GOAL}`);
    expect(farsi).toBeGreaterThan(-1);
    expect(paragraphs[farsi + 1]).toBe(`Deutsch: ${FARSI_GOAL_DE}`);
    // The paragraph holding the Arabic text is bidirectional, its run right to left.
    const paragraph = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
      .map((m) => m[0])
      .find((p) => p.includes(ARABIC_MEASURE))!;
    expect(paragraph).toContain('<w:bidi/>');
    expect(paragraph).toContain('<w:rtl/>');
    // German paragraphs are not.
    const german = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
      .map((m) => m[0])
      .find((p) => p.includes('Jobcenter Musterland'))!;
    expect(german).not.toContain('<w:bidi/>');
  });

  it('says so when nothing is decided', async () => {
    const { paper: p } = paper();
    const { text } = await documentXml(
      await renderDecisionDocx({ ...p, zielerklaerung: { fields: [] } }),
    );
    expect(text).toContain('Die Zielerklärung enthält keine beschlossenen Ziele oder Maßnahmen.');
    expect(text).toContain('0 Ziele, 0 Meilensteine, 0 Maßnahmen.');
  });

  it('names the council by the kind of municipality', () => {
    expect(councilOf('Landkreis Musterland')).toBe('Kreistag');
    expect(councilOf('Kreis Lippe')).toBe('Kreistag');
    expect(councilOf('Stadt Musterstadt')).toBe('Stadtrat');
    expect(councilOf('Gemeinde Beispielheim')).toBe('Gemeinderat');
    expect(councilOf('Musterhausen')).toBe('Stadtrat / Kreistag');
  });
});
