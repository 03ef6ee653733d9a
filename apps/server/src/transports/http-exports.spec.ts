import { BoardModel, parseCsv, type Role } from '@werkraum/model';
import JSZip from 'jszip';
import { PDFParse } from 'pdf-parse';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, musterlandBoard } from '../testing/export-fixtures.js';
import { makeTempDir, startTestServer, type TestServer } from '../testing/helpers.js';
import type { CreatedBoardBody } from './http.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EXPORTS = ['decision.docx', 'decision.pdf', 'measures.csv', 'board.md'] as const;

async function docxText(body: ArrayBuffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) =>
      m[1]!
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&apos;/g, "'"),
    )
    .join('\n');
}

describe('export routes', () => {
  let cleanup: () => Promise<void>;
  let t: TestServer;
  let boardId: string;
  const fixture = musterlandBoard();

  const get = (path: string, role: Role | null = 'facilitator') =>
    t.api(`/api/boards/${boardId}/exports/${path}`, { role, boardId });

  beforeAll(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    t = await startTestServer({ dataDir: temp.dir, chromiumPath: CHROMIUM });
    const res = await fetch(`${t.url}/api/boards/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        format: 'werkraum.board',
        version: 1,
        exportedAt: new Date().toISOString(),
        board: fixture.board(),
      }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as CreatedBoardBody;
    t.adopt(created);
    boardId = created.id;
  });
  afterAll(async () => {
    await t?.close();
    await cleanup?.();
  });

  it('needs a link: 401 without, 403 for participant and viewer, 400 for a bad board id', async () => {
    for (const file of EXPORTS) {
      const none = await get(file, null);
      expect(none.status, file).toBe(401);
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      for (const role of ['participant', 'viewer'] as const) {
        const res = await get(file, role);
        expect(res.status, `${file} ${role}`).toBe(403);
      }
    }
    const bad = await t.api('/api/boards/not-a-board/exports/board.md', { role: null });
    expect(bad.status).toBe(400);
  });

  it('answers 409 for the decision paper while there is no Zielerklärung', async () => {
    for (const file of ['decision.docx', 'decision.pdf']) {
      const res = await get(file);
      expect(res.status, file).toBe(409);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('conflict');
      expect(body.error.message).toContain('Zielerklärung');
    }
  });

  it('exports the live board as Markdown and CSV for facilitator and steering', async () => {
    for (const role of ['facilitator', 'steering'] as const) {
      const md = await get('board.md', role);
      expect(md.status).toBe(200);
      expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      expect(md.headers.get('content-disposition')).toMatch(
        /^attachment; filename="werkraum-landkreis-musterland-integrationsstrategie-fuer-[a-z0-9-]*-\d{4}-\d{2}-\d{2}\.md"$/,
      );
      const text = await md.text();
      expect(text).toContain('### Handlungsfeld: Sprache und Bildung');
      expect(text).toContain(`\\<img src=x onerror=alert('xss')\\>`);

      const csv = await get('measures.csv', role);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toMatch(/\.csv"$/);
      const bytes = new Uint8Array(await csv.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(new TextDecoder().decode(bytes), ';');
      expect(rows[0]![0]).toBe('Handlungsfeld');
      expect(rows).toHaveLength(fixture.board().measures.length + 1);
    }
    const comma = await get('measures.csv?separator=comma');
    // Response.text() decodes UTF-8 and drops the BOM.
    const text = await comma.text();
    expect(text.slice(0, text.indexOf('\r\n'))).toBe(
      'Handlungsfeld,Maßnahme,Verantwortlich,Fällig,Status,Beschreibung,Ziel',
    );
    expect((await get('measures.csv?separator=tab')).status).toBe(400);
  });

  it('validates ?version= (400) and answers 404 for an unknown version', async () => {
    for (const file of EXPORTS) {
      const bad = await get(`${file}?version=../../etc`);
      expect(bad.status, file).toBe(400);
      const body = (await bad.json()) as { error: { issues: { path: string }[] } };
      expect(body.error.issues[0]!.path).toBe('version');
      expect((await get(`${file}?version=a&version=b`)).status, file).toBe(400);
      const unknown = await get(`${file}?version=AAAAAAAAAAAAAAAA`);
      expect(unknown.status, file).toBe(404);
    }
  });

  describe('with a recorded Zielerklärung', () => {
    let versionId: string;
    const lotse = 'Lotsenstelle für Anerkennungsverfahren im Jobcenter';

    beforeAll(async () => {
      const info = await t.server.versions.record(boardId, {
        kind: 'zielerklaerung',
        name: 'Beschluss der Landrätin',
        createdBy: 'Test',
      });
      versionId = info.id;
      // The live board moves on after the decision.
      // Import keeps the ids.
      const measure = fixture.board().measures.find((m) => m.title === lotse)!;
      await t.server.rooms.change(boardId, (room) =>
        new BoardModel(room.doc).setText(measure.id, 'title', `GEÄNDERT ${lotse}`),
      );
    });

    it('writes the DOCX of the newest Zielerklärung, frozen as decided', async () => {
      const res = await get('decision.docx', 'steering');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="werkraum-landkreis-musterland-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.docx"$/,
      );
      const text = await docxText(await res.arrayBuffer());
      expect(text).toContain('Beschluss der Landrätin');
      expect(text).toContain(lotse);
      expect(text).not.toContain('GEÄNDERT');
      expect(text).toContain('Jobcenter Musterland');
      expect(text).toContain('30.11.2027');
      expect(text).toContain(HOSTILE);
      expect(text).not.toContain('Fahrtkostenzuschuss');
      // The same with the version named.
      const named = await get(`decision.docx?version=${versionId}`);
      expect(named.status).toBe(200);
      expect(await docxText(await named.arrayBuffer())).toContain(lotse);
    });

    it('exports CSV and Markdown of the live board by default and of the version on request', async () => {
      expect(await (await get('board.md')).text()).toContain(`GEÄNDERT ${lotse}`);
      expect(await (await get('measures.csv')).text()).toContain(`GEÄNDERT ${lotse}`);
      const md = await (await get(`board.md?version=${versionId}`)).text();
      expect(md).not.toContain('GEÄNDERT');
      expect(md).toContain('Version „Beschluss der Landrätin“');
      const csv = await (await get(`measures.csv?version=${versionId}&separator=comma`)).text();
      expect(csv).not.toContain('GEÄNDERT');
      expect(csv).toContain(lotse);
    });

    it.skipIf(!existsSync(CHROMIUM))('prints the PDF with the system Chromium', async () => {
      const res = await get('decision.pdf');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toMatch(/\.pdf"$/);
      const parser = new PDFParse({ data: new Uint8Array(await res.arrayBuffer()) });
      try {
        const result = await parser.getText();
        expect(result.total).toBeGreaterThanOrEqual(1);
        const flat = result.text.replace(/\s+/g, ' ');
        expect(flat).toContain(lotse);
        expect(flat).toContain('Jobcenter Musterland');
        expect(flat).toContain('Gemeinsame Warteliste von VHS und freien Trägern');
      } finally {
        await parser.destroy();
      }
    });
  });
});

describe('PDF export without Chromium', () => {
  let cleanup: () => Promise<void>;
  let t: TestServer;

  beforeAll(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    t = await startTestServer({ dataDir: temp.dir, chromiumPath: '/nonexistent/chromium' });
  });
  afterAll(async () => {
    await t?.close();
    await cleanup?.();
  });

  it('answers 503 with a clear message', async () => {
    const boardId = await t.createBoard({ municipality: 'Stadt Beispiel', title: 'Plan' });
    await t.server.versions.record(boardId, {
      kind: 'zielerklaerung',
      name: 'Zielerklärung',
      createdBy: '',
    });
    const res = await t.api(`/api/boards/${boardId}/exports/decision.pdf`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unavailable');
    expect(body.error.message).toContain('Chromium was not found at /nonexistent/chromium');
    // The other exports still work.
    expect((await t.api(`/api/boards/${boardId}/exports/decision.docx`)).status).toBe(200);
  });
});
