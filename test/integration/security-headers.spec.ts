import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, tokens, type CreatedBoard } from '../support/server.js';

function directives(csp: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

/** Opens a WebSocket with an Origin header; resolves 'open' or the HTTP status of the refusal. */
function upgrade(url: string, origin: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', () => undefined);
  });
}

describe('security headers and origin checks', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = await startServer({ serveWeb: true });
    board = await server.createBoard();
  });
  afterAll(() => server?.close());

  it.each(['/', '/datenschutz', '/b/BOARD'])(
    'page %s: CSP without inline scripts, no framing, no referrer',
    async (path) => {
      const response = await fetch(`${server.url}${path.replace('BOARD', board.id)}`);
      expect(response.status).toBe(200);
      const csp = directives(response.headers.get('content-security-policy'));
      const scripts = csp.get('script-src') ?? csp.get('default-src') ?? [];
      expect(scripts).toContain("'self'");
      expect(scripts).not.toContain("'unsafe-inline'");
      expect(scripts).not.toContain("'unsafe-eval'");
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      // No third-party hosts anywhere in the policy.
      for (const values of csp.values()) for (const v of values) expect(v).not.toMatch(/^https?:/);
    },
  );

  it('API responses forbid everything but JSON', async () => {
    const response = await fetch(`${server.url}/api/health`);
    const csp = directives(response.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses WebSocket upgrades from foreign origins and accepts the own origin', async () => {
    const t = tokens(board);
    const yjs = `${server.wsUrl}/${board.id}?token=${t.viewer}`;
    expect(await upgrade(yjs, 'https://evil.example')).toBe(403);
    expect(await upgrade(yjs, server.url)).toBe('open');
    const socketIo = `${server.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    // engine.io answers every refused upgrade with 400.
    expect(await upgrade(socketIo, 'https://evil.example')).toBe(400);
    expect(await upgrade(socketIo, server.url)).toBe('open');
  });
});
