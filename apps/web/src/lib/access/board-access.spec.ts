import { describe, expect, it } from 'vitest';
import { resolveBoardAccess } from './board-access.js';

const INFO = {
  id: 'B',
  municipality: 'M',
  title: 'T',
  languages: ['de'],
  createdAt: 1,
  updatedAt: 1,
  role: 'participant',
  permissions: { edit: 'participation', runSession: false, manageBoard: false, exportBoard: false },
};

/** A server that knows board B with the tokens given (token → role). */
function server(tokens: Record<string, string>, status = 200): typeof fetch {
  return (async (path: string, init?: RequestInit) => {
    if (status !== 200) return new Response('{}', { status });
    if (!String(path).endsWith('/B')) {
      return new Response(JSON.stringify({ error: { code: 'not_found', message: '' } }), {
        status: 404,
      });
    }
    const auth = new Headers(init?.headers).get('authorization') ?? '';
    const role = tokens[auth.replace('Bearer ', '')];
    if (!role) {
      return new Response(JSON.stringify({ error: { code: 'unauthorized', message: '' } }), {
        status: 401,
      });
    }
    return new Response(JSON.stringify({ ...INFO, role }), { status: 200 });
  }) as typeof fetch;
}

describe('opening a board', () => {
  it('uses the link’s token first', async () => {
    const access = await resolveBoardAccess({
      boardId: 'B',
      fragmentToken: 'v',
      storedToken: 'p',
      fetch: server({ v: 'viewer', p: 'participant' }),
    });
    expect(access).toMatchObject({ kind: 'ok', token: 'v', source: 'fragment' });
    expect(access.kind === 'ok' && access.info.role).toBe('viewer');
  });

  it('falls back to the remembered token when the link’s token was revoked', async () => {
    const access = await resolveBoardAccess({
      boardId: 'B',
      fragmentToken: 'old',
      storedToken: 'p',
      fetch: server({ p: 'participant' }),
    });
    expect(access).toMatchObject({ kind: 'ok', token: 'p', source: 'stored' });
  });

  it('tells a revoked link, a missing token and an unknown board apart', async () => {
    const fetch = server({ p: 'participant' });
    expect(
      await resolveBoardAccess({ boardId: 'B', fragmentToken: 'x', storedToken: 'y', fetch }),
    ).toEqual({ kind: 'revoked' });
    expect(
      await resolveBoardAccess({
        boardId: 'B',
        fragmentToken: null,
        storedToken: undefined,
        fetch,
      }),
    ).toEqual({ kind: 'missing' });
    expect(
      await resolveBoardAccess({ boardId: 'C', fragmentToken: 'p', storedToken: undefined, fetch }),
    ).toEqual({ kind: 'notFound' });
  });

  it('reports a deleted board and a server failure', async () => {
    expect(
      await resolveBoardAccess({
        boardId: 'B',
        fragmentToken: 'p',
        storedToken: undefined,
        fetch: server({}, 410),
      }),
    ).toEqual({ kind: 'deleted' });
    const failed = await resolveBoardAccess({
      boardId: 'B',
      fragmentToken: 'p',
      storedToken: undefined,
      fetch: server({}, 503),
    });
    expect(failed.kind).toBe('failed');
  });
});
