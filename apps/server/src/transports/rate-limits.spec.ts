import { afterEach, describe, expect, it } from 'vitest';
import { io as connectClient, type Socket } from 'socket.io-client';
import { defaultConfig } from '../config.js';
import { SessionEvent } from '../protocol.js';
import {
  makeTempDir,
  sleep,
  startTestServer,
  waitFor,
  type TestServer,
} from '../testing/helpers.js';
import type { WerkraumServerOptions } from '../server.js';
import type { ApiErrorBody } from './http.js';
import type { JoinAck, PresenceState } from './socketio.js';

describe('rate limits', () => {
  const cleanups: (() => Promise<void>)[] = [];
  const clients: Socket[] = [];

  const start = async (options: WerkraumServerOptions = {}): Promise<TestServer> => {
    const temp = await makeTempDir();
    const t = await startTestServer({ dataDir: temp.dir, ...options });
    cleanups.push(async () => {
      await t.close();
      await temp.cleanup();
    });
    return t;
  };
  const client = (t: TestServer, boardId: string): Socket => {
    const socket = connectClient(t.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { boardId, token: t.token(boardId) },
    });
    clients.push(socket);
    return socket;
  };
  const connected = (socket: Socket): Promise<void> =>
    socket.connected
      ? Promise.resolve()
      : new Promise((resolve) => socket.once('connect', () => resolve()));

  afterEach(async () => {
    for (const socket of clients.splice(0)) socket.disconnect();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  describe('socket.io (default limits)', () => {
    it('refuses events over the limit with a rate_limited ack, without running them', async () => {
      const t = await start();
      const boardId = await t.createBoard();
      const flooder = client(t, boardId);
      await connected(flooder);
      const burst = defaultConfig.socketRateLimitBurst;
      const acks = await Promise.all(
        Array.from(
          { length: burst + 5 },
          (_, i) =>
            new Promise<JoinAck>((resolve) =>
              // Invalid payloads (cheap), except the last: a valid presence update over the limit.
              i === burst + 4
                ? flooder.emit(
                    SessionEvent.PresenceUpdate,
                    { name: 'Flut', color: '#123456', editing: null },
                    resolve,
                  )
                : flooder.emit(SessionEvent.Join, 'x', resolve),
            ),
        ),
      );
      const codes = acks.map((ack) => (ack.ok ? 'ok' : ack.error.code));
      expect(codes.filter((code) => code === 'bad_request').length).toBeGreaterThanOrEqual(burst);
      expect(codes.at(-1)).toBe('rate_limited');
      expect(acks.at(-1)).toEqual({
        ok: false,
        error: { code: 'rate_limited', message: expect.any(String) },
      });

      // The refused update did not run: the flooder is still "Gast". Other sockets are not
      // affected by this one's limit.
      const other = client(t, boardId);
      const states: PresenceState[] = [];
      other.on(SessionEvent.PresenceState, (state: PresenceState) => states.push(state));
      const joined = (await other.timeout(5_000).emitWithAck(SessionEvent.Join, {})) as JoinAck;
      expect(joined).toMatchObject({ ok: true, participants: 2 });
      await waitFor(() =>
        expect(states.at(-1)?.people?.map((p) => p.name)).toEqual(['Gast', 'Gast']),
      );

      // The bucket refills: after a pause the flooder is served again.
      await sleep(200);
      const later = (await flooder.timeout(5_000).emitWithAck(SessionEvent.Join, {})) as JoinAck;
      expect(later).toMatchObject({ ok: true, participants: 2 });
      expect(flooder.connected).toBe(true);
    });

    it('disconnects a socket that keeps flooding', async () => {
      const t = await start();
      const boardId = await t.createBoard();
      const flooder = client(t, boardId);
      await connected(flooder);
      const disconnected = new Promise<string>((resolve) =>
        flooder.once('disconnect', (reason) => resolve(reason)),
      );
      const codes: string[] = [];
      const { socketRateLimitBurst: burst } = defaultConfig;
      for (let i = 0; i < 5 * burst; i++) {
        flooder.emit(SessionEvent.Join, 'x', (ack: JoinAck) =>
          codes.push(ack.ok ? 'ok' : ack.error.code),
        );
      }
      expect(await disconnected).toBe('io server disconnect');
      // The burst went through, then `rate_limited` until 3 × burst were refused.
      expect(codes.filter((code) => code === 'rate_limited').length).toBeGreaterThanOrEqual(
        3 * burst - 1 - 5,
      );
      expect(codes.filter((code) => code === 'rate_limited').length).toBeLessThan(3 * burst);
      // (Events accepted just before the disconnect may never run: the socket is gone.)
      expect(codes.filter((code) => code === 'bad_request').length).toBeLessThanOrEqual(burst + 5);
      expect(codes.length).toBeLessThan(5 * burst);
    });

    it('leaves normal use alone', async () => {
      const t = await start();
      const boardId = await t.createBoard();
      const socket = client(t, boardId);
      for (let i = 0; i < 30; i++) {
        const ack = (await socket
          .timeout(5_000)
          .emitWithAck(SessionEvent.SetEditAll, { allowed: i % 2 === 0 })) as { ok: boolean };
        expect(ack.ok).toBe(true);
      }
      expect(socket.connected).toBe(true);
    });
  });

  describe('HTTP write routes', () => {
    const create = (t: TestServer, headers: Record<string, string> = {}) =>
      fetch(`${t.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ municipality: 'Musterstadt', title: 'Strategie' }),
      });

    it('answers the 31st create within a minute with 429 and Retry-After (default limit)', async () => {
      // `undefined` = the default (the test helper raises it otherwise).
      const t = await start({ httpWriteLimitPerMinute: undefined });
      expect(t.server.config.httpWriteLimitPerMinute).toBe(30);
      for (let i = 0; i < 30; i++) expect((await create(t)).status).toBe(201);
      const res = await create(t);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(2);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await res.json()) as ApiErrorBody;
      expect(body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
      // Reads are not limited.
      expect((await fetch(`${t.url}/api/health`)).status).toBe(200);
    });

    it('counts clients separately (trustProxy + X-Forwarded-For) and limits every write route', async () => {
      const t = await start({ httpWriteLimitPerMinute: 3, trustProxy: true });
      const a = { 'x-forwarded-for': '203.0.113.1' };
      const b = { 'x-forwarded-for': '203.0.113.2' };
      const c = { 'x-forwarded-for': '203.0.113.3' };
      for (let i = 0; i < 3; i++) expect((await create(t, a)).status).toBe(201);
      expect((await create(t, a)).status).toBe(429);
      expect((await create(t, b)).status).toBe(201);

      // Rotate, delete and import share the bucket, and are limited before the token or body
      // is looked at.
      const id = 'A'.repeat(22);
      const rotate = () =>
        fetch(`${t.url}/api/boards/${id}/links/viewer/rotate`, { method: 'POST', headers: c });
      const del = () => fetch(`${t.url}/api/boards/${id}`, { method: 'DELETE', headers: c });
      const importBoard = () =>
        fetch(`${t.url}/api/boards/import`, {
          method: 'POST',
          headers: { ...c, 'content-type': 'application/json' },
          body: '{}',
        });
      expect((await rotate()).status).toBe(401);
      expect((await del()).status).toBe(401);
      expect((await importBoard()).status).toBe(400);
      for (const request of [rotate, del, importBoard]) {
        const res = await request();
        expect(res.status).toBe(429);
        expect(res.headers.get('retry-after')).toBe('20');
      }
    });

    it('keys by the socket address without trustProxy (X-Forwarded-For is ignored)', async () => {
      const t = await start({ httpWriteLimitPerMinute: 2 });
      expect((await create(t, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(201);
      expect((await create(t, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(201);
      expect((await create(t, { 'x-forwarded-for': '203.0.113.3' })).status).toBe(429);
    });

    it('with a hop count, takes the address the trusted proxy saw, not a spoofed one', async () => {
      const t = await start({ httpWriteLimitPerMinute: 1, trustProxy: 1 });
      expect((await create(t, { 'x-forwarded-for': 'spoofed-1, 203.0.113.1' })).status).toBe(201);
      expect((await create(t, { 'x-forwarded-for': 'spoofed-2, 203.0.113.1' })).status).toBe(429);
    });
  });
});
