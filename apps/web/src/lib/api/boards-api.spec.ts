import { describe, expect, it } from 'vitest';
import { ApiError, createBoard, getBoard } from './boards-api.js';

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
      fakeFetch(201, { id: 'abc', url: '/b/abc', websocketUrl: '/yjs', meta: {} }),
    );
    expect(created).toEqual({ id: 'abc', url: '/b/abc', websocketUrl: '/yjs' });
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
    const error = await getBoard('x', failing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isNetwork).toBe(true);
  });

  it('reports 404 for a missing board, even with a non-JSON body', async () => {
    const error = await getBoard('x', fakeFetch(404, 'Not Found')).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404 });
  });
});
