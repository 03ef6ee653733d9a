import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BoardModel, type Role } from '@werkraum/model';
import { createClient } from 'redis';
import { io as connectClient, type Socket } from 'socket.io-client';
import { SessionEvent } from '../protocol.js';
import { makeTempDir, startTestServer, waitFor, type TestServer } from '../testing/helpers.js';
import type { PresenceState } from '../transports/socketio.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

type AnyAck = { ok: true; [key: string]: unknown } | { ok: false; error: { code: string } };

describe('live session across two processes (Redis)', () => {
  let cleanup: () => Promise<void>;
  let prefix: string;
  let a: TestServer;
  let b: TestServer;
  const sockets: Socket[] = [];

  const connect = (t: TestServer, boardId: string, role: Role, author?: string): Socket => {
    const socket = connectClient(t.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { boardId, token: a.token(boardId, role), ...(author ? { author } : {}) },
    });
    sockets.push(socket);
    return socket;
  };
  const ask = (socket: Socket, event: string, payload: unknown = {}): Promise<AnyAck> =>
    socket.timeout(5_000).emitWithAck(event, payload) as Promise<AnyAck>;

  beforeEach(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    prefix = `werkraum-test-${randomBytes(6).toString('hex')}`;
    // Two processes on one board store (SQLite file) and one Redis.
    const options = { dataDir: temp.dir, redisUrl: REDIS_URL, redisPrefix: prefix };
    a = await startTestServer({ ...options, instanceId: 'a' });
    b = await startTestServer({ ...options, instanceId: 'b' });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await Promise.all([a.close(), b.close()]);
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*` })) keys.push(...batch);
    if (keys.length > 0) await client.del(keys);
    await client.close();
    await cleanup();
  });

  it('shares presence, the moderation queue signal and the dot limit', async () => {
    const boardId = await a.createBoard();
    const field = await a.server.rooms.change(boardId, (room) =>
      new BoardModel(room.doc).create('field', { content: { title: 'Arbeit' } }),
    );
    const goal = await a.server.rooms.change(boardId, (room) =>
      new BoardModel(room.doc).create('goal', { parentId: field, content: { title: 'Ziel' } }),
    );
    const facilitator = connect(a, boardId, 'facilitator');
    const states: PresenceState[] = [];
    facilitator.on(SessionEvent.PresenceState, (state: PresenceState) => states.push(state));
    const queue: unknown[] = [];
    facilitator.on(SessionEvent.CollectQueue, (event: unknown) => queue.push(event));
    expect(await ask(facilitator, SessionEvent.OpenStep, { step: 5 })).toMatchObject({ ok: true });
    expect(await ask(facilitator, SessionEvent.Collect, { enabled: true })).toMatchObject({
      ok: true,
    });
    expect(
      await ask(facilitator, SessionEvent.VoteStart, { fieldId: field, dotsPerPerson: 1 }),
    ).toMatchObject({ ok: true });

    // A participant on the other process: presence reaches the facilitator's process.
    const secret = 'device-secret-on-process-b-0001';
    const onB = connect(b, boardId, 'participant', secret);
    expect(
      await ask(onB, SessionEvent.PresenceUpdate, {
        name: 'Lena',
        color: '#aa0000',
        editing: null,
      }),
    ).toEqual({ ok: true });
    await waitFor(() => {
      const last = states.at(-1);
      expect(last?.counts).toMatchObject({ facilitator: 1, participant: 1, total: 2 });
      expect(last?.people?.find((p) => p.role === 'participant')?.name).toBe('Lena');
    });

    // A submission on B signals the facilitator on A.
    expect(
      await ask(onB, SessionEvent.CollectSubmit, {
        kind: 'goal',
        parentId: field,
        content: { title: 'Neu' },
      }),
    ).toMatchObject({ ok: true });
    await waitFor(() => expect(queue).toEqual([{ boardId, count: 1 }]));

    // One dot per person, whichever process the device's sockets are on.
    const onA = connect(a, boardId, 'participant', secret);
    expect(await ask(onB, SessionEvent.VoteCast, { itemId: goal })).toMatchObject({ ok: true });
    expect(await ask(onA, SessionEvent.VoteCast, { itemId: goal })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await ask(onA, SessionEvent.VoteMine)).toEqual({ ok: true, mine: [goal], remaining: 0 });

    onB.disconnect();
    onA.disconnect();
    await waitFor(() => expect(states.at(-1)?.counts).toMatchObject({ participant: 0, total: 1 }));
  });
});
