import { describe, expect, it } from 'vitest';
import { ApiError, createBoard, getBoard, rotateLink } from './boards-api.js';

function fakeFetch(status: number, body: unknown): typeof fetch {
  return (async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    })) as typeof fetch;
}

describe('boards api', () => {
  it('returns the created board', async () => {
    const created = await createBoard(
      { municipality: 'M', title: 'T' },
      fakeFetch(201, {
        id: 'abc',
        role: 'facilitator',
        links: {
          facilitator: { token: 'ftok', url: '/b/abc#ftok' },
          participant: { token: 'ptok', url: '/b/abc#ptok' },
          viewer: { token: 42 },
        },
        meta: { municipality: 'M', title: 'T' },
      }),
    );
    expect(created).toEqual({
      id: 'abc',
      role: 'facilitator',
      links: {
        facilitator: { token: 'ftok', url: '/b/abc#ftok' },
        participant: { token: 'ptok', url: '/b/abc#ptok' },
      },
      municipality: 'M',
      title: 'T',
    });
  });

  it("turns the server's error body into an ApiError with its message and issues", async () => {
    const error = await createBoard(
      { municipality: '', title: 'T' },
      fakeFetch(400, {
        error: {
          code: 'invalid_input',
          message: 'Bitte den Namen der Kommune angeben.',
          issues: [{ path: ['municipality'], message: 'Bitte den Namen der Kommune angeben.' }],
        },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid_input',
      message: 'Bitte den Namen der Kommune angeben.',
      issues: [{ path: ['municipality'] }],
    });
  });

  it('accepts issue paths as dotted strings too', async () => {
    const error = await createBoard(
      { municipality: '', title: 'T' },
      fakeFetch(400, {
        error: {
          code: 'bad_request',
          message: 'Invalid board data',
          issues: [{ path: 'municipality', message: 'Bitte den Namen der Kommune angeben.' }],
        },
      }),
    ).catch((e: unknown) => e);
    expect((error as ApiError).issues).toEqual([
      { path: ['municipality'], message: 'Bitte den Namen der Kommune angeben.' },
    ]);
  });

  it('reports a network failure as status 0', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const error = await getBoard('x', { fetch: failing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isNetwork).toBe(true);
  });

  it('reports 404 for a missing board, even with a non-JSON body', async () => {
    const error = await getBoard('x', { fetch: fakeFetch(404, 'Not Found') }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 404 });
  });

  it('sends the link token and reads role, permissions and retention', async () => {
    let seen: Headers | undefined;
    const fetcher = (async (_path: string, init?: RequestInit) => {
      seen = new Headers(init?.headers);
      return new Response(
        JSON.stringify({
          id: 'abc',
          municipality: 'M',
          title: 'T',
          languages: ['de'],
          createdAt: 1,
          updatedAt: 2,
          role: 'participant',
          permissions: { edit: 'participation', runSession: false },
          deleteAfter: '2028-05-03T00:00:00.000Z',
        }),
        { status: 200 },
      );
    }) as typeof fetch;
    const info = await getBoard('abc', { token: 'secret', fetch: fetcher });
    expect(seen?.get('authorization')).toBe('Bearer secret');
    expect(info).toMatchObject({
      role: 'participant',
      permissions: {
        edit: 'participation',
        runSession: false,
        manageBoard: false,
        exportBoard: false,
      },
      deleteAfter: Date.parse('2028-05-03T00:00:00.000Z'),
    });
  });

  it('reports a revoked link as 401 and reads a rotated link', async () => {
    const error = await getBoard('x', {
      token: 'old',
      fetch: fakeFetch(401, { error: { code: 'unauthorized', message: 'nope' } }),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
    const link = await rotateLink('x', 'viewer', {
      token: 't',
      fetch: fakeFetch(200, { role: 'viewer', token: 'new', url: '/b/x#new' }),
    });
    expect(link).toEqual({ token: 'new', url: '/b/x#new' });
  });
});
