import { describe, expect, it } from 'vitest';
import { ApiError } from './boards-api.js';
import {
  getAttendance,
  getPublicPage,
  getPublication,
  getVersion,
  listVersions,
  publish,
  recordVersion,
  unpublish,
} from './process-api.js';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch that answers `status`/`body` and remembers what it was asked. */
function fake(status: number, body: unknown) {
  const calls: Call[] = [];
  const fetcher = (async (url: string, init: RequestInit = {}) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    return new Response(status === 204 ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  return { fetcher, calls };
}

const version = {
  id: 'AAAAAAAAAAAAAAAA',
  kind: 'zielerklaerung',
  name: 'Zielerklärung vom 25.11.2026',
  createdAt: 1_764_000_000_000,
  createdBy: '',
  reportId: null,
};

describe('process api', () => {
  it('lists versions with the link token and checks their shape', async () => {
    const { fetcher, calls } = fake(200, { versions: [version] });
    const list = await listVersions('board1', { token: 'tok', fetch: fetcher });
    expect(list).toEqual([version]);
    expect(calls[0]).toMatchObject({
      url: '/api/boards/board1/versions',
      headers: { authorization: 'Bearer tok' },
    });
    const broken = fake(200, { versions: [{ ...version, kind: 'whatever' }] });
    await expect(listVersions('board1', { fetch: broken.fetcher })).rejects.toMatchObject({
      code: 'bad_response',
    });
  });

  it('records a version; the report id only when given', async () => {
    const { fetcher, calls } = fake(201, { version });
    await recordVersion('b', { kind: 'zielerklaerung', name: 'Z' }, { token: 't', fetch: fetcher });
    expect(calls[0]).toMatchObject({ method: 'POST', body: { kind: 'zielerklaerung', name: 'Z' } });
    await recordVersion(
      'b',
      { kind: 'quarterly', name: 'Q', reportId: 'RRRRRRRRRRRRRRRR' },
      { fetch: fetcher },
    );
    expect(calls[1]!.body).toEqual({ kind: 'quarterly', name: 'Q', reportId: 'RRRRRRRRRRRRRRRR' });
    // Who recorded it, when the person is not anonymous.
    await recordVersion(
      'b',
      { kind: 'manual', name: 'M', createdBy: ' Amira K. ' },
      { fetch: fetcher },
    );
    expect(calls[2]!.body).toEqual({ kind: 'manual', name: 'M', createdBy: 'Amira K.' });
    await recordVersion('b', { kind: 'manual', name: 'M', createdBy: '  ' }, { fetch: fetcher });
    expect(calls[3]!.body).toEqual({ kind: 'manual', name: 'M' });
  });

  it("turns the server's error into an ApiError", async () => {
    const { fetcher } = fake(403, { error: { code: 'forbidden', message: 'Nicht erlaubt.' } });
    const error = await recordVersion('b', { kind: 'manual', name: 'x' }, { fetch: fetcher }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden', message: 'Nicht erlaubt.' });
  });

  it('rejects a version answer without a valid board', async () => {
    const { fetcher } = fake(200, { version, board: { meta: {} } });
    await expect(getVersion('b', version.id, { fetch: fetcher })).rejects.toMatchObject({
      code: 'bad_response',
    });
  });

  it('reads, makes and withdraws the publication', async () => {
    const publication = {
      boardId: 'b',
      publicId: 'PPPPPPPPPPPPPPPPPPPPPP',
      versionId: version.id,
      title: 'Integrationsstrategie',
      text: 'Text',
      publishedAt: 5,
    };
    expect(
      await getPublication('b', { fetch: fake(200, { publication: null, url: null }).fetcher }),
    ).toBeNull();
    const put = fake(200, { publication, url: '/p/PPPPPPPPPPPPPPPPPPPPPP' });
    const result = await publish(
      'b',
      { versionId: version.id, title: 'Integrationsstrategie', text: 'Text' },
      { token: 't', fetch: put.fetcher },
    );
    expect(result).toEqual({ publication, url: '/p/PPPPPPPPPPPPPPPPPPPPPP' });
    expect(put.calls[0]).toMatchObject({ method: 'PUT', url: '/api/boards/b/publication' });
    const del = fake(204, null);
    await unpublish('b', { fetch: del.fetcher });
    expect(del.calls[0]!.method).toBe('DELETE');
  });

  it('reads the public page without a token', async () => {
    const { fetcher, calls } = fake(200, {
      municipality: 'Landkreis Musterland',
      title: 'Integrationsstrategie',
      text: 'Text',
      publishedAt: 5,
      zielerklaerung: { fields: [] },
      version: { name: 'Zielerklärung', createdAt: 4 },
    });
    const page = await getPublicPage('PPPPPPPPPPPPPPPPPPPPPP', { fetch: fetcher });
    expect(page.version).toEqual({ name: 'Zielerklärung', createdAt: 4 });
    expect(calls[0]!.headers.authorization).toBeUndefined();
    const gone = fake(404, { error: { code: 'not_found', message: 'Nicht gefunden' } });
    await expect(getPublicPage('x', { fetch: gone.fetcher })).rejects.toMatchObject({
      status: 404,
    });
    const malformed = fake(200, {
      municipality: 'M',
      title: 'T',
      text: '',
      publishedAt: 1,
      zielerklaerung: { fields: [{}] },
      version: { name: 'n', createdAt: 1 },
    });
    await expect(getPublicPage('x', { fetch: malformed.fetcher })).rejects.toMatchObject({
      code: 'bad_response',
    });
  });

  it('reads the attendance lists', async () => {
    const { fetcher } = fake(200, {
      steps: [
        { step: 3, names: ['Amal', 7] },
        { step: 5, names: [] },
      ],
    });
    expect(await getAttendance('b', { fetch: fetcher })).toEqual([
      { step: 3, names: ['Amal'] },
      { step: 5, names: [] },
    ]);
  });
});
