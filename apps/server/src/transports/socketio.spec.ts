import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as connectClient, type Socket } from 'socket.io-client';
import { SessionEvent } from '../protocol.js';
import { makeTempDir, startTestServer, waitFor, type TestServer } from '../testing/helpers.js';
import type { JoinAck, PresenceState } from './socketio.js';

describe('socket.io session channel', () => {
  let cleanup: () => Promise<void>;
  let t: TestServer;
  const clients: Socket[] = [];

  const client = (boardId: string, token = t.token(boardId)): Socket => {
    const socket = connectClient(t.url, {
      transports: ['websocket'],
      forceNew: true,
      auth: { boardId, token },
    });
    clients.push(socket);
    return socket;
  };
  const join = (socket: Socket, payload: unknown): Promise<JoinAck> =>
    socket.timeout(5_000).emitWithAck(SessionEvent.Join, payload) as Promise<JoinAck>;

  beforeEach(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    t = await startTestServer({ dataDir: temp.dir });
  });
  afterEach(async () => {
    for (const socket of clients.splice(0)) socket.disconnect();
    await t.close();
    await cleanup();
  });

  it('acknowledges board:join with the board meta and participant count', async () => {
    const boardId = await t.createBoard({ title: 'Sitzung' });
    const ack = await join(client(boardId), {});
    expect(ack).toMatchObject({
      ok: true,
      meta: { id: boardId, title: 'Sitzung', municipality: 'Musterstadt' },
      role: 'facilitator',
      participants: 1,
    });
  });

  it('rejects invalid payloads and other boards in the ack', async () => {
    const boardId = await t.createBoard();
    const socket = client(boardId);
    for (const payload of [undefined, { boardId: 'short' }, { boardId: 42 }, { x: 1 }, 'x']) {
      const ack = await join(socket, payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(await join(socket, { boardId: 'A'.repeat(22) })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await join(socket, { boardId })).toMatchObject({ ok: true });
  });

  it('emits presence:state counts to the board when sockets join and leave', async () => {
    const boardId = await t.createBoard();
    const first = client(boardId);
    const seen: PresenceState[] = [];
    first.on(SessionEvent.PresenceState, (event: PresenceState) => seen.push(event));
    await join(first, {});
    const second = client(boardId, t.token(boardId, 'viewer'));
    expect(await join(second, {})).toMatchObject({ ok: true, role: 'viewer', participants: 2 });
    await waitFor(() =>
      expect(seen.at(-1)?.counts).toEqual({
        facilitator: 1,
        steering: 0,
        participant: 0,
        viewer: 1,
        total: 2,
      }),
    );
    second.disconnect();
    await waitFor(() => expect(seen.at(-1)?.counts).toMatchObject({ viewer: 0, total: 1 }));
  });
});
