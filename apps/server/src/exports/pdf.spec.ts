import { existsSync } from 'node:fs';
import { zielerklaerungOf } from '@werkraum/model';
import { PDFParse } from 'pdf-parse';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { HOSTILE, musterlandBoard } from '../testing/export-fixtures.js';
import type { DecisionPaper } from './decision.js';
import {
  ChromiumUnavailableError,
  PdfPrinter,
  PrinterBusyError,
  escapeHtml,
  renderDecisionHtml,
  renderDecisionPdf,
} from './pdf.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function paperOf(): { paper: DecisionPaper; fixture: ReturnType<typeof musterlandBoard> } {
  const fixture = musterlandBoard();
  const board = fixture.board();
  return {
    fixture,
    paper: {
      municipality: board.meta.municipality,
      boardTitle: board.meta.title,
      version: { name: 'Zielerklärung 2027', createdAt: Date.UTC(2027, 5, 14, 10) },
      zielerklaerung: zielerklaerungOf(board),
      now: new Date(Date.UTC(2027, 5, 20)),
    },
  };
}

async function pdfText(file: Buffer): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: new Uint8Array(file) });
  try {
    const result = await parser.getText();
    return { text: result.text, pages: result.total };
  } finally {
    await parser.destroy();
  }
}

describe('renderDecisionHtml', () => {
  it('escapes every user text, so the hostile string is text', () => {
    const { paper } = paperOf();
    const html = renderDecisionHtml(paper);
    expect(html).not.toContain('<img');
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(escapeHtml(HOSTILE)).toBe(
      '&#60;img src=x onerror=alert(&#39;xss&#39;)&#62; Sprechstunde vor Ort in den Gemeinden',
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    // Right-to-left text is marked as such.
    expect(html).toMatch(/<p dir="rtl"><bdi>دروس لغة/);
    expect(html).toContain('@page { size: A4;');
  });

  it('escapes the board title and municipality too', () => {
    const { paper } = paperOf();
    const html = renderDecisionHtml({
      ...paper,
      municipality: '<script>alert(1)</script>',
      boardTitle: '"><iframe src=//evil>',
    });
    expect(html).not.toMatch(/<script>alert/);
    expect(html).not.toContain('<iframe');
  });
});

describe.skipIf(!existsSync(CHROMIUM))('renderDecisionPdf (system Chromium)', () => {
  const printer = new PdfPrinter({ chromiumPath: CHROMIUM, idleCloseMs: 1_000 });
  afterAll(() => printer.close());

  it('prints the decided measures with owners, dates and umlauts', async () => {
    const { paper, fixture } = paperOf();
    const file = await renderDecisionPdf(paper, printer);
    expect(file.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await pdfText(file);
    expect(pages).toBeGreaterThanOrEqual(1);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Beschlussvorlage');
    expect(flat).toContain('Landkreis Musterland');
    expect(flat).toContain('Der Kreistag beschließt');
    for (const measure of fixture.board().measures.filter((m) => m.decided)) {
      if (/[\u0600-\u06ff]/.test(measure.title)) continue;
      expect(flat, measure.title).toContain(measure.title.replace(/\s+/g, ' '));
      expect(flat).toContain(measure.owner);
    }
    expect(flat).toContain('Gemeinsame Warteliste von VHS und freien Trägern');
    expect(flat).toContain('Ausländerbehörde');
    expect(flat).toContain('30.11.2027');
    expect(flat).toContain('in Arbeit');
    // The hostile string printed as text.
    expect(flat).toContain("<img src=x onerror=alert('xss')>");
    // Undecided measures are not there.
    expect(flat).not.toContain('Fahrtkostenzuschuss');
    expect(flat).toMatch(/Seite 1 von \d+/);
  });

  it('prints one paper at a time and answers every caller', async () => {
    const { paper } = paperOf();
    const files = await Promise.all([
      renderDecisionPdf(paper, printer),
      renderDecisionPdf({ ...paper, zielerklaerung: { fields: [] } }, printer),
    ]);
    const empty = await pdfText(files[1]);
    expect(empty.text).toContain('Die Zielerklärung enthält keine beschlossenen Ziele');
    expect((await pdfText(files[0])).pages).toBeGreaterThan(empty.pages - 1);
  });

  it('loads nothing from the network and runs no script', async () => {
    let requests = 0;
    const server = await import('node:http').then(({ createServer }) =>
      createServer((_req, res) => {
        requests++;
        res.end('x');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const file = await printer.print(
        `<!doctype html><html><body><p>Hallo</p><img src="http://127.0.0.1:${port}/a.png">` +
          `<link rel="stylesheet" href="http://127.0.0.1:${port}/a.css">` +
          `<script>document.body.textContent = 'SCRIPT RAN'</script></body></html>`,
      );
      const { text } = await pdfText(file);
      expect(text).toContain('Hallo');
      expect(text).not.toContain('SCRIPT RAN');
      expect(requests).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe.skipIf(!existsSync(CHROMIUM))('PdfPrinter queue', () => {
  it('refuses prints beyond the queue with PrinterBusyError', async () => {
    const printer = new PdfPrinter({ chromiumPath: CHROMIUM, maxQueued: 0 });
    try {
      const first = printer.print('<p>eins</p>');
      const second = printer.print('<p>zwei</p>').catch((e: unknown) => e);
      expect(await second).toBeInstanceOf(PrinterBusyError);
      expect((await first).subarray(0, 5).toString()).toBe('%PDF-');
      // Once the first is done, the next one is taken.
      expect((await printer.print('<p>drei</p>')).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await printer.close();
    }
  });
});

describe('chromiumPath config', () => {
  it('defaults to /usr/bin/chromium and is read from CHROMIUM_PATH', () => {
    expect(loadConfig().chromiumPath).toBe('/usr/bin/chromium');
    expect(loadConfig({ env: { CHROMIUM_PATH: '/opt/chromium/chrome' } }).chromiumPath).toBe(
      '/opt/chromium/chrome',
    );
  });
});

describe('PdfPrinter without Chromium', () => {
  it('rejects with a clear ChromiumUnavailableError', async () => {
    const printer = new PdfPrinter({ chromiumPath: '/nonexistent/chromium' });
    expect(printer.available).toBe(false);
    const { paper } = paperOf();
    const error = await renderDecisionPdf(paper, printer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChromiumUnavailableError);
    expect((error as Error).message).toContain('/nonexistent/chromium');
    await printer.close();
  });
});
