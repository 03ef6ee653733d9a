import { BoardModel } from '@werkraum/model';
import type { CreatedBoardBody } from './http.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeTempDir,
  startTestServer,
  waitFor,
  waitForSynced,
  type TestServer,
} from '../testing/helpers.js';

describe('HTTP API', () => {
  let cleanup: () => Promise<void>;
  let t: TestServer;

  beforeAll(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    t = await startTestServer({ dataDir: temp.dir, maxHttpBodyBytes: 2_000 });
  });
  afterAll(async () => {
    await t.close();
    await cleanup();
  });

  const post = (body: string, contentType = 'application/json') =>
    fetch(`${t.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });

  it('POST /api/boards creates a board (201) and GET returns it', async () => {
    const res = await post(
      JSON.stringify({
        municipality: '  Stadt Beispiel ',
        title: 'Strategie',
        languages: ['de', 'uk'],
      }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = (await res.json()) as CreatedBoardBody;
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body).toMatchObject({
      role: 'facilitator',
      meta: { municipality: 'Stadt Beispiel', title: 'Strategie', languages: ['de', 'uk'] },
    });
    expect(res.headers.get('location')).toBe(`/api/boards/${body.id}`);

    const got = await fetch(`${t.url}/api/boards/${body.id}`, {
      headers: { authorization: `Bearer ${body.links.facilitator.token}` },
    });
    expect(got.status).toBe(200);
    const board = (await got.json()) as Record<string, unknown>;
    expect(board).toMatchObject({
      id: body.id,
      municipality: 'Stadt Beispiel',
      title: 'Strategie',
      languages: ['de', 'uk'],
      role: 'facilitator',
    });
    expect(typeof board.createdAt).toBe('number');
    expect(typeof board.updatedAt).toBe('number');
  });

  it('defaults languages to ["de"]', async () => {
    const res = await post(JSON.stringify({ municipality: 'Kreis', title: 'T' }));
    expect(((await res.json()) as { meta: { languages: string[] } }).meta.languages).toEqual([
      'de',
    ]);
  });

  it('GET reflects a title edited live in the document', async () => {
    const id = await t.createBoard({ title: 'Alt' });
    const provider = t.provider(id);
    await waitForSynced(provider);
    new BoardModel(provider.doc).setMeta({ title: 'Neu' });
    await waitFor(async () => {
      const board = (await (await t.api(`/api/boards/${id}`)).json()) as { title: string };
      expect(board.title).toBe('Neu');
    });
    provider.destroy();
  });

  it('rejects invalid board data with 400 and issues', async () => {
    const res = await post(JSON.stringify({ municipality: '', title: 42 }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.issues.map((issue) => issue.path).sort()).toEqual(['municipality', 'title']);
  });

  it('rejects invalid JSON with 400, a non-JSON body with 400 and a too large body with 413', async () => {
    const invalid = await post('{"municipality":');
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { code: string } }).error.code).toBe('bad_request');

    expect((await post('municipality=x', 'application/x-www-form-urlencoded')).status).toBe(400);

    const large = await post(JSON.stringify({ municipality: 'x'.repeat(3_000), title: 't' }));
    expect(large.status).toBe(413);
    expect(await large.json()).toEqual({
      error: { code: 'payload_too_large', message: expect.any(String) },
    });
  });

  it('answers 401 for unknown boards, 400 for malformed ids, 404 JSON for unknown routes', async () => {
    const unknown = await fetch(`${t.url}/api/boards/${'A'.repeat(22)}`);
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unauthorized');

    const malformed = await fetch(`${t.url}/api/boards/x!y`);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe(
      'bad_request',
    );

    for (const path of ['/api/nope', '/api/boards', '/nothing-here']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
    }
  });

  it('GET /api/health reports status and counts', async () => {
    const res = await fetch(`${t.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      boardsLoaded: expect.any(Number),
      connections: expect.any(Number),
      sessions: expect.any(Number),
      uptimeSeconds: expect.any(Number),
    });
  });
});
