import { toPlainBoard } from '@werkraum/model';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Socket } from 'socket.io-client';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { connectClient } from '../support/clients.js';
import { makeDataDir, spawnServer, tokens, type Role } from '../support/server.js';
import { connectSession } from '../support/session.js';
import { eventually } from '../support/wait.js';
import { prng, runCleanup } from './support.js';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const WS_FRAMES = Number(process.env.FUZZ_WS_FRAMES ?? 60_000);
const SIO_PAYLOADS = Number(process.env.FUZZ_SIO_PAYLOADS ?? 50_000);
const ROLES: Role[] = ['facilitator', 'steering', 'participant', 'viewer'];
const BATCH = 50;
const WORKERS = 6;

type Rng = ReturnType<typeof prng>;

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}
const syncFrame = (sub: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, payload);
  });

/** One mutation of a captured frame (or pure noise). */
function mutate(rng: Rng, corpus: Uint8Array[]): Uint8Array {
  const base = rng.pick(corpus);
  const out = Uint8Array.from(base);
  switch (rng.int(12)) {
    case 0: {
      // bit flips
      for (let i = rng.int(4) + 1; i > 0 && out.length > 0; i--) {
        const at = rng.int(out.length);
        out[at] = out[at]! ^ (1 << rng.int(8));
      }
      return out;
    }
    case 1:
      return out.slice(0, rng.int(out.length + 1)); // truncation
    case 2: {
      // corrupt the payload's length varint (after type and sub-type)
      const at = out[0] === 0 ? 2 : 1;
      const len = rng.pick([0, 1, 127, 128, 0x3fff, 0xffffffff, rng.int(1 << 20)]);
      const head = frame((e) => encoding.writeVarUint(e, len));
      return Uint8Array.from([...out.slice(0, at), ...head, ...out.slice(at + 1)]);
    }
    case 3: {
      // type-byte swaps
      if (out.length > 0) out[0] = rng.int(6);
      if (out.length > 1 && rng.next() < 0.5) out[1] = rng.int(5);
      return out;
    }
    case 4: {
      // random bytes overwritten in the payload
      for (let i = rng.int(8) + 1; i > 0 && out.length > 0; i--)
        out[rng.int(out.length)] = rng.int(256);
      return out;
    }
    case 5:
      return Uint8Array.from([...out, ...rng.bytes(rng.int(16) + 1)]); // trailing bytes
    case 6:
      return Uint8Array.from([...out, ...rng.pick(corpus)]); // two messages in one frame
    case 7:
      return rng.bytes(rng.int(64)); // noise
    default: {
      // structure kept: bytes of the payload changed, the frame re-encoded with its length
      try {
        const d = decoding.createDecoder(base);
        const type = decoding.readVarUint(d);
        const sub = type === 0 ? decoding.readVarUint(d) : -1;
        const payload = Uint8Array.from(decoding.readVarUint8Array(d));
        for (let i = rng.int(3) + 1; i > 0 && payload.length > 0; i--) {
          const at = rng.int(payload.length);
          payload[at] = payload[at]! ^ (1 << rng.int(8));
        }
        return frame((e) => {
          encoding.writeVarUint(e, type);
          if (sub >= 0) encoding.writeVarUint(e, sub);
          encoding.writeVarUint8Array(e, payload);
        });
      } catch {
        return out; // a frame without a payload (query awareness) stays as it is
      }
    }
  }
}

/**
 * Whether a frame is a sync update that would change the board (structs beyond the
 * baseline's state vector — new, or waiting for missing dependencies — or deletions it does
 * not have yet). For facilitator and steering such frames are legitimate edits, not faults,
 * and are not sent; for participant and viewer they must be refused (4403).
 */
function wouldEdit(frameBytes: Uint8Array, base: Y.Snapshot): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    const d = decoding.createDecoder(frameBytes);
    if (decoding.readVarUint(d) !== 0) return false;
    const sub = decoding.readVarUint(d);
    if (sub !== 1 && sub !== 2) return false;
    decoded = Y.decodeUpdate(decoding.readVarUint8Array(d));
  } catch {
    return false; // not an update at all: a fault for every role
  }
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > (base.sv.get(struct.id.client) ?? 0)) return true;
  }
  for (const [client, items] of decoded.ds.clients) {
    const have = base.ds.clients.get(client) ?? [];
    for (const item of items) {
      const covered = have.some(
        (r) => r.clock <= item.clock && item.clock + item.len <= r.clock + r.len,
      );
      if (!covered) return true;
    }
  }
  return false;
}

/** A payload of a documented event that its schema refuses (wrong type, size or extra key). */
function badPayload(rng: Rng): unknown {
  const junk = (): unknown =>
    rng.pick<() => unknown>([
      () => rng.int(1e9) - 5e8,
      () => 'x'.repeat(rng.int(4_000)),
      () => null,
      () => true,
      () => [rng.int(10), 'a', null],
      () => ({ nested: { deeper: 'x'.repeat(rng.int(300)) } }),
      () => -0.5,
      () => '\u202e\u0000',
    ])();
  switch (rng.int(4)) {
    case 0:
      return junk(); // not an object
    case 1:
      return { __unknown: junk(), step: junk(), minutes: junk(), itemId: junk() };
    case 2:
      return {
        name: junk(),
        color: junk(),
        editing: junk(),
        target: junk(),
        ids: junk(),
        extra: 1,
      };
    default:
      return { [`k${rng.int(1000)}`]: junk(), text: 'x'.repeat(201 + rng.int(5000)) };
  }
}

const EVENTS = [
  'board:join',
  'presence:update',
  'clock:sync',
  'session:openStep',
  'session:setEditAll',
  'session:agenda',
  'session:focus',
  'session:lock',
  'session:collect',
  'timer:start',
  'timer:pause',
  'timer:resume',
  'timer:reset',
  'timer:add',
  'vote:start',
  'vote:cast',
  'vote:retract',
  'vote:mine',
  'vote:reveal',
  'vote:cancel',
  'collect:submit',
  'collect:list',
  'collect:reveal',
  'collect:discard',
];
const ACK_CODES = ['bad_request', 'forbidden', 'not_found', 'rate_limited', 'internal'];

describe('faults: fuzzing the document and session channels', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(() => runCleanup(cleanup));

  it('survives random and mutated frames and payloads of every role; stored doc unchanged; stock clients unaffected', async () => {
    console.info(`[faults] fuzz seed ${SEED} (reproduce with FUZZ_SEED=${SEED})`);
    const rng = prng(SEED);
    const startedAt = Date.now();
    const dataDir = await makeDataDir();
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = {
      RATE_LIMIT_PER_SECOND: '1000000',
      RATE_LIMIT_BURST: '1000000',
      SOCKET_RATE_LIMIT_PER_SECOND: '1000000',
      SOCKET_RATE_LIMIT_BURST: '1000000',
    };
    let server = await spawnServer({ dataDir, env });
    cleanup.push(() => server.kill('SIGTERM'));
    const board = await server.createBoard();
    const t = tokens(board);

    // A real session to capture frames from: the facilitator builds a small board.
    const author = connectClient(server.wsUrl, board.id, {
      author: 'Moderation',
      token: t.facilitator,
      recordFrames: true,
    });
    cleanup.push(() => author.destroy());
    const sent: Uint8Array[] = [];
    author.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== author.provider) sent.push(syncFrame(2, update));
    });
    await author.whenSynced();
    author.provider.awareness.setLocalState({ user: { name: 'Moderation', color: '#0b6e4f' } });
    const field = author.model.create('field', { content: { title: 'Arbeit' } });
    for (let i = 0; i < 10; i++) {
      const goal = author.model.create('goal', {
        parentId: field,
        content: { title: `Ziel ${i}` },
      });
      author.model.create('measure', { parentId: field, content: { title: `Maßnahme ${i}` } });
      author.model.update<'goal'>(goal, { title: `Ziel ${i}!` });
    }
    const watchers = [
      connectClient(server.wsUrl, board.id, { author: 'w1', token: t.facilitator }),
      connectClient(server.wsUrl, board.id, { author: 'w2', token: t.steering }),
    ];
    cleanup.push(() => watchers.forEach((w) => w.destroy()));
    await Promise.all(watchers.map((w) => w.whenSynced()));
    await eventually(() => expect(watchers[1]!.model.list('measure')).toHaveLength(10));
    const baseline = Y.encodeStateAsUpdate(author.doc);
    const baselinePlain = JSON.stringify(toPlainBoard(author.doc));
    const baselineSv = Y.encodeStateVector(author.doc);
    const baseSnapshot = Y.snapshot(author.doc);
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ user: { name: 'Fuzz', color: '#123456' }, cursor: { anchor: 3 } });
    const corpus = [
      ...author.frames.map((f) => new Uint8Array(f)),
      ...sent,
      syncFrame(0, baselineSv),
      syncFrame(0, new Uint8Array([0])),
      syncFrame(1, baseline),
      frame((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(
          e,
          awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]),
        );
      }),
      Uint8Array.of(3),
    ];
    awareness.destroy();

    // Document channel: batches of mutated frames per raw connection, each batch followed by
    // a sync step 1 marker whose answer (sync step 2) proves the batch was handled.
    const closeCodes = new Map<number, number>();
    let wsSent = 0;
    let wsConfirmed = 0;
    let skippedEdits = 0;
    let connections = 0;
    const marker = syncFrame(0, baselineSv);
    let fatalHandled = 0;
    /**
     * BATCH frames that should leave the connection open (well-formed, no forbidden change),
     * and one that should close it: the connection then handles all of them.
     */
    const nextBatch = (role: Role): { benign: Uint8Array[]; fatal: Uint8Array | null } => {
      const benign: Uint8Array[] = [];
      let fatal: Uint8Array | null = null;
      for (let draws = 0; benign.length < BATCH && draws < 20 * BATCH; draws++) {
        const f = mutate(rng, corpus);
        const formed = wellFormed(f);
        const edits = formed && f[0] === 0 && f[1] !== 0 && wouldEdit(f, baseSnapshot);
        if ((role === 'facilitator' || role === 'steering') && edits) {
          skippedEdits++;
          continue;
        }
        if (formed && !edits) benign.push(f);
        else fatal ??= f;
      }
      return { benign, fatal };
    };
    const worker = async (w: number): Promise<void> => {
      let n = 0;
      while (wsSent < WS_FRAMES) {
        const role = ROLES[(w + n++) % ROLES.length]!;
        const ws = new WebSocket(`${server.wsUrl}/${board.id}?token=${t[role]}`);
        connections++;
        await new Promise<void>((resolve, reject) => {
          ws.once('open', () => resolve());
          ws.once('error', reject);
        });
        let step2 = 0;
        let closed = false;
        ws.on('message', (data: Buffer) => {
          if (data[0] === 0 && data[1] === 1) step2++;
        });
        const whenClosed = new Promise<number>((resolve) =>
          ws.once('close', (code: number) => {
            closed = true;
            closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
            resolve(code);
          }),
        );
        ws.on('error', () => undefined); // the close event above reports the outcome
        let fatal: Uint8Array | null = null;
        while (!closed && fatal === null && wsSent < WS_FRAMES) {
          const batch = nextBatch(role);
          fatal = batch.fatal;
          const expected = step2 + 1 + batch.benign.filter(isStep1).length;
          for (const f of batch.benign) ws.send(f);
          ws.send(marker);
          wsSent += batch.benign.length;
          const deadline = Date.now() + 5_000;
          while (!closed && step2 < expected && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
          if (!closed && step2 >= expected) wsConfirmed += batch.benign.length;
        }
        if (fatal && !closed) {
          ws.send(fatal);
          wsSent++;
          const timer = setTimeout(() => ws.close(), 1_000);
          const code = await whenClosed;
          clearTimeout(timer);
          if (code >= 4400 || code === 1011) fatalHandled++;
        } else if (!closed) ws.close();
        await whenClosed;
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    const wsDoneAt = Date.now();

    // Session channel: invalid payloads of the documented events (and unknown events).
    let sioSent = 0;
    let sioAcks = 0;
    let sioReconnects = 0;
    const badAcks: unknown[] = [];
    const sioWorker = async (w: number): Promise<void> => {
      let socket: Socket | null = null;
      while (sioSent < SIO_PAYLOADS) {
        if (!socket?.connected) {
          socket?.close();
          const role = ROLES[(w + sioReconnects++) % ROLES.length]!;
          socket = await connectSession(server.url, { boardId: board.id, token: t[role] });
        }
        const s: Socket = socket;
        const acks: Promise<void>[] = [];
        for (let i = 0; i < 100; i++) {
          sioSent++;
          if (rng.next() < 0.1) {
            s.emit(`unknown:${rng.int(100)}`, badPayload(rng));
            continue;
          }
          const event = rng.pick(EVENTS);
          acks.push(
            (s.timeout(5_000).emitWithAck(event, badPayload(rng)) as Promise<unknown>).then(
              (ack) => {
                sioAcks++;
                const a = ack as { ok?: unknown; error?: { code?: unknown } };
                if (a.ok !== false || !ACK_CODES.includes(String(a.error?.code))) {
                  badAcks.push({ event, ack });
                }
              },
              (error: unknown) => {
                // A socket disconnected by the server (oversized message) loses its acks.
                if (s.connected) throw error;
              },
            ),
          );
        }
        await Promise.all(acks);
      }
      socket?.close();
    };
    await Promise.all(Array.from({ length: 4 }, (_, w) => sioWorker(w)));
    const fuzzMs = Date.now() - startedAt;

    expect(server.child.exitCode).toBeNull();
    expect(badAcks).toEqual([]);
    // The stock clients were never disconnected.
    expect([author, ...watchers].map((c) => c.closes)).toEqual([[], [], []]);
    // The board is unchanged — as the live server and a fresh client see it …
    const fresh = connectClient(server.wsUrl, board.id, { token: t.viewer });
    cleanup.push(() => fresh.destroy());
    await fresh.whenSynced();
    expect(JSON.stringify(toPlainBoard(fresh.doc))).toBe(baselinePlain);
    expect(Y.encodeStateVector(fresh.doc)).toEqual(baselineSv);
    // … and the stock clients still sync an edit.
    const after = watchers[0]!.model.create('goal', {
      parentId: field,
      content: { title: 'danach' },
    });
    await eventually(() => expect(watchers[1]!.model.has(after)).toBe(true));
    await eventually(() => expect(author.model.has(after)).toBe(true));

    // After a restart the stored board is the baseline plus that one edit, and valid.
    [author, ...watchers, fresh].forEach((c) => c.provider.disconnect());
    const before = server;
    await server.kill('SIGTERM');
    server = await spawnServer({ dataDir, env });
    const reread = connectClient(server.wsUrl, board.id, { token: t.viewer });
    cleanup.push(() => reread.destroy());
    await reread.whenSynced();
    const expected = new Y.Doc();
    Y.applyUpdate(expected, Y.encodeStateAsUpdate(watchers[0]!.doc));
    if (reread.model.list('goal').length !== 11) {
      // Seen once in CI (not reproducible with its seed): keep both servers' logs for the record.
      console.error(
        `[faults] board after restart has ${reread.model.list('goal').length} goals; ` +
          `server before:\n${before.output.slice(-40).join('\n')}\nserver after:\n${server.output.slice(-20).join('\n')}`,
      );
    }
    expect(toPlainBoard(reread.doc)).toEqual(toPlainBoard(expected));
    expect(Y.encodeStateVector(reread.doc)).toEqual(Y.encodeStateVector(expected));
    expect(reread.model.list('goal')).toHaveLength(11);

    const codes = [...closeCodes.entries()].sort(([a], [b]) => a - b).map(([c, k]) => `${c}×${k}`);
    console.info(
      `[faults] fuzz seed ${SEED}: ${wsSent} ws frames on ${connections} connections ` +
        `(${wsConfirmed} well-formed confirmed handled, ${fatalHandled} malformed/forbidden closed the connection, ${skippedEdits} legitimate edits skipped, closes ` +
        `${codes.join(' ')}) in ${wsDoneAt - startedAt} ms; ${sioSent} socket.io payloads ` +
        `(${sioAcks} acked, ${sioReconnects} sockets); total ${wsSent + sioSent} in ${fuzzMs} ms`,
    );
    expect(wsSent + sioSent).toBeGreaterThanOrEqual(100_000);
  });
});

/** Whether a frame is a well-formed sync step 1 (answered with sync step 2). */
function isStep1(f: Uint8Array): boolean {
  return f[0] === 0 && f[1] === 0 && wellFormed(f);
}

/** The protocol's own rules (y-websocket framing, Yjs and awareness encodings), not the server's code. */
function wellFormed(f: Uint8Array): boolean {
  try {
    const d = decoding.createDecoder(f);
    const type = decoding.readVarUint(d);
    if (type === 3) return d.pos === f.length;
    if (type === 1) {
      const payload = decoding.readVarUint8Array(d);
      if (d.pos !== f.length) return false;
      const a = decoding.createDecoder(payload);
      for (let n = decoding.readVarUint(a); n > 0; n--) {
        decoding.readVarUint(a);
        decoding.readVarUint(a);
        JSON.parse(decoding.readVarString(a));
      }
      return a.pos === payload.length;
    }
    if (type !== 0) return false;
    const sub = decoding.readVarUint(d);
    const payload = decoding.readVarUint8Array(d);
    if (d.pos !== f.length) return false;
    if (sub === 0) Y.decodeStateVector(payload);
    else if (sub === 1 || sub === 2) Y.decodeUpdate(payload);
    else return false;
    return true;
  } catch {
    return false; // malformed: the answer is "not well-formed"
  }
}
