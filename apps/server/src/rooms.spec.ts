import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseMessage } from './board-room.js';
import { Access } from './access.js';
import { Boards } from './boards.js';
import { ProtocolError } from './errors.js';
import { InMemoryPresenceStore } from './presence.js';
import { CloseCode, MessageType, SyncMessageType } from './protocol.js';
import { Rooms, type RoomsOptions } from './rooms.js';
import { SqliteBoardStore } from './storage/sqlite.js';
import {
  FakeConnection,
  InstrumentedStore,
  frame,
  makeTempDir,
  readFrame,
  settle,
  silentLogger,
  sleep,
  storedDoc,
  syncStep1Frame,
  updateFrame,
  waitFor,
} from './testing/helpers.js';

/** Collects the updates of a client doc, one per transaction. */
function clientDoc(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates };
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

describe('Rooms (core)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: InstrumentedStore;
  let rooms: Rooms;
  let boardId: string;

  const makeRooms = (options: Partial<RoomsOptions> = {}): Rooms =>
    new Rooms({
      store,
      logger: silentLogger,
      unloadDelayMs: 10_000,
      compactAfterUpdates: 500,
      compactAfterBytes: 4 * 1024 * 1024,
      ...options,
    });

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    store = new InstrumentedStore(new SqliteBoardStore({ dataDir: dir }));
    rooms = makeRooms();
    const boards = new Boards({
      store,
      rooms,
      access: new Access({ store }),
      presence: new InMemoryPresenceStore(),
      logger: silentLogger,
      retentionDays: 730,
    });
    boardId = (
      await boards.create({ municipality: 'Musterstadt', title: 'Strategie', languages: ['de'] })
    ).record.id;
  });

  afterEach(async () => {
    await rooms.closeAll();
    await store.close();
    await cleanup();
  });

  async function connected(conn: FakeConnection) {
    const handle = rooms.connect(boardId, conn);
    await waitFor(() => expect(conn.sent.length).toBeGreaterThan(0));
    return handle;
  }

  it('greets a connection with sync step 1 and answers its step 1 with the stored state', async () => {
    const a = new FakeConnection();
    const handle = await connected(a);
    expect(readFrame(a.sent[0]!)).toMatchObject({ type: MessageType.Sync, syncType: 0 });
    handle.receive(syncStep1Frame(new Y.Doc()));
    await waitFor(() => expect(a.updates()).toHaveLength(1));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, a.updates()[0]!);
    expect(doc.getMap('meta').size).toBeGreaterThan(0);
  });

  it('commits a burst of updates from one turn in ONE storage call, then relays them in ONE frame', async () => {
    const a = new FakeConnection();
    const b = new FakeConnection();
    const ha = await connected(a);
    await connected(b);
    const { doc, updates } = clientDoc();
    for (let i = 0; i < 50; i++) doc.getText('t').insert(i, String(i % 10));
    const callsBefore = store.calls.appendUpdates;
    for (const update of updates) ha.receive(updateFrame(update));

    await waitFor(() => expect(textOf(b.updates())).toBe(doc.getText('t').toString()));
    expect(store.calls.appendUpdates - callsBefore).toBe(1);
    expect(store.appended.at(-1)).toHaveLength(50);
    // One socket write for the whole batch, not one per update.
    expect(b.updates()).toHaveLength(1);
    expect(a.updates()).toHaveLength(0); // not echoed to the only sender
  });

  it('relays and answers sync step 1 only after the write resolved (committed before relayed)', async () => {
    const a = new FakeConnection();
    const b = new FakeConnection();
    const ha = await connected(a);
    await connected(b);
    store.hold();
    const { doc, updates } = clientDoc();
    doc.getText('t').insert(0, 'erst speichern');
    ha.receive(updateFrame(updates[0]!));
    await waitFor(() => expect(store.calls.appendUpdates).toBe(1));

    const c = new FakeConnection();
    const hc = await connected(c);
    hc.receive(syncStep1Frame(new Y.Doc()));
    await settle(10);
    await sleep(20);
    expect(b.updates()).toHaveLength(0);
    expect(c.updates()).toHaveLength(0);

    store.release();
    await waitFor(() => expect(b.updates()).toHaveLength(1));
    // c gets its sync step 2 and (as it is connected) the relayed update; both after the commit.
    await waitFor(() => expect(textOf(c.updates())).toBe('erst speichern'));
    expect((await storedDoc(store.inner, boardId)).getText('t').toString()).toBe('erst speichern');
  });

  it('loads a board once when several connections arrive at the same time', async () => {
    const conns = [new FakeConnection(), new FakeConnection(), new FakeConnection()];
    for (const conn of conns) rooms.connect(boardId, conn);
    const [r1, r2] = await Promise.all([rooms.get(boardId), rooms.get(boardId)]);
    await waitFor(() => expect(rooms.connectionCount).toBe(3));
    expect(r1).toBe(r2);
    expect(store.calls.loadDoc).toBe(1);
    expect(rooms.loadedCount).toBe(1);
  });

  it('closes connections to unknown boards with 4404', async () => {
    const conn = new FakeConnection();
    rooms.connect('A'.repeat(22), conn);
    await waitFor(() => expect(conn.closed?.code).toBe(CloseCode.BoardNotFound));
    expect(rooms.loadedCount).toBe(0);
  });

  it('unloads a board after the last connection left, compacting it; a reconnect cancels', async () => {
    rooms = makeRooms({ unloadDelayMs: 40 });
    const a = new FakeConnection();
    const ha = await connected(a);
    const { doc, updates } = clientDoc();
    doc.getText('t').insert(0, 'bleibt');
    ha.receive(updateFrame(updates[0]!));
    await waitFor(() => expect(store.calls.appendUpdates).toBe(1));

    ha.disconnected();
    await sleep(10);
    const b = new FakeConnection();
    const hb = await connected(b); // within the delay: cancels the unload
    const room = rooms.getLoaded(boardId);
    await sleep(80);
    expect(rooms.getLoaded(boardId)).toBe(room);

    hb.disconnected();
    await waitFor(() => expect(rooms.loadedCount).toBe(0));
    expect(room?.destroyed).toBe(true);
    const stored = await store.inner.loadDoc(boardId);
    expect(stored?.updates).toHaveLength(0); // compacted into the snapshot on unload
    expect((await storedDoc(store.inner, boardId)).getText('t').toString()).toBe('bleibt');

    // Loading again works and brings the content back.
    const c = new FakeConnection();
    const hc = await connected(c);
    hc.receive(syncStep1Frame(new Y.Doc()));
    await waitFor(() => expect(textOf(c.updates())).toBe('bleibt'));
    expect(store.calls.loadDoc).toBe(2);
  });

  it('compacts after N updates; reloading gives the same state', async () => {
    rooms = makeRooms({ compactAfterUpdates: 10 });
    const a = new FakeConnection();
    const ha = await connected(a);
    const { doc, updates } = clientDoc();
    for (let i = 0; i < 25; i++) {
      doc.getText('t').insert(0, String(i % 10));
      ha.receive(updateFrame(updates[i]!));
      await settle(); // separate turns: separate commits
    }
    await (await rooms.get(boardId)).committed();
    expect(store.calls.writeSnapshot).toBe(2);
    const stored = await store.inner.loadDoc(boardId);
    expect(stored?.snapshotSeq).toBe(20);
    expect(stored?.updates).toHaveLength(5);

    const roomDoc = (await rooms.get(boardId)).doc;
    const reloaded = await storedDoc(store.inner, boardId);
    expect(reloaded.getText('t').toString()).toBe(doc.getText('t').toString());
    expect(Y.encodeStateVector(reloaded)).toEqual(Y.encodeStateVector(roomDoc));
  });

  it('on a storage failure keeps the update in memory, relays nothing, closes with 4500, retries', async () => {
    const a = new FakeConnection();
    const b = new FakeConnection();
    const ha = await connected(a);
    await connected(b);
    store.failAppends = true;
    const { doc, updates } = clientDoc();
    doc.getText('t').insert(0, 'nicht verlieren');
    ha.receive(updateFrame(updates[0]!));

    await waitFor(() => expect(a.closed?.code).toBe(CloseCode.StorageFailure));
    expect(b.closed?.code).toBe(CloseCode.StorageFailure);
    expect(b.updates()).toHaveLength(0);
    const room = rooms.getLoaded(boardId);
    expect(room?.doc.getText('t').toString()).toBe('nicht verlieren');
    expect(room?.uncommittedCount).toBe(1);

    // Storage is back: the next joiner's sync commits the kept update first.
    store.failAppends = false;
    const c = new FakeConnection();
    const hc = await connected(c);
    hc.receive(syncStep1Frame(new Y.Doc()));
    await waitFor(() => expect(textOf(c.updates())).toBe('nicht verlieren'));
    expect(c.closed).toBeNull();
    expect((await storedDoc(store.inner, boardId)).getText('t').toString()).toBe('nicht verlieren');
  });

  it('closes only the sender of a malformed frame with 4400 and leaves the stored doc unchanged', async () => {
    const a = new FakeConnection();
    const b = new FakeConnection();
    const ha = await connected(a);
    const hb = await connected(b);
    const before = Y.encodeStateAsUpdate(await storedDoc(store.inner, boardId));
    const appendsBefore = store.calls.appendUpdates;

    ha.receive(new Uint8Array([MessageType.Sync, SyncMessageType.Update, 3, 1, 1, 1]));
    await waitFor(() => expect(a.closed?.code).toBe(CloseCode.MalformedMessage));
    ha.receive(updateFrame(new Uint8Array([0, 0]))); // ignored after close
    await settle();
    expect(store.calls.appendUpdates).toBe(appendsBefore);
    expect(Y.encodeStateAsUpdate(await storedDoc(store.inner, boardId))).toEqual(before);

    hb.receive(syncStep1Frame(new Y.Doc()));
    await waitFor(() => expect(b.updates()).toHaveLength(1));
    expect(b.closed).toBeNull();
    expect(rooms.connectionCount).toBe(1);
  });

  it('relays awareness to the others and removes a connection’s states when it leaves', async () => {
    const a = new FakeConnection();
    const b = new FakeConnection();
    const ha = await connected(a);
    await connected(b);
    const peer = new Y.Doc();
    const { Awareness, encodeAwarenessUpdate, applyAwarenessUpdate } =
      await import('y-protocols/awareness');
    const awareness = new Awareness(peer);
    awareness.setLocalState({ name: 'x' });
    ha.receive(
      frame((e) => {
        encoding.writeVarUint(e, MessageType.Awareness);
        encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, [peer.clientID]));
      }),
    );
    const observer = new Awareness(new Y.Doc());
    const applyAll = () => {
      for (const f of b.sent.map(readFrame)) {
        if (f.type === MessageType.Awareness) applyAwarenessUpdate(observer, f.payload!, null);
      }
    };
    await waitFor(() => {
      applyAll();
      expect(observer.getStates().get(peer.clientID)).toEqual({ name: 'x' });
    });
    ha.disconnected();
    await waitFor(() => {
      applyAll();
      expect(observer.getStates().has(peer.clientID)).toBe(false);
    });
    awareness.destroy();
    observer.destroy();
  });
});

describe('parseMessage', () => {
  const valid = updateFrame(Y.encodeStateAsUpdate(new Y.Doc()));

  it.each([
    ['empty frame', []],
    ['truncated varint', [0xff]],
    ['unknown message type', [9]],
    ['auth message from a client', [MessageType.Auth, 0]],
    ['sync without sub-type', [0]],
    ['unknown sync type', [0, 7, 0]],
    ['truncated sync payload', [0, 2, 5, 1, 2]],
    ['update that does not decode', [0, 2, 3, 1, 1, 1]],
    ['bad state vector', [0, 0, 2, 1, 0xff]],
    ['trailing bytes', [...valid, 0]],
    ['awareness with invalid JSON', [1, 5, 1, 1, 1, 1, 0x7b]],
    ['query awareness with payload', [3, 1]],
  ])('rejects %s', (_name, bytes) => {
    expect(() => parseMessage(new Uint8Array(bytes))).toThrow(ProtocolError);
  });

  it('does not read past a frame that is a view into a larger buffer', () => {
    const buffer = new Uint8Array([0, 2, 4, 0, 0, 0, 0, 0, 0]);
    expect(() => parseMessage(buffer.subarray(0, 5))).toThrow(ProtocolError);
  });

  it('accepts the messages a stock client sends', () => {
    expect(parseMessage(valid).type).toBe('update');
    expect(parseMessage(syncStep1Frame(new Y.Doc())).type).toBe('syncStep1');
    expect(parseMessage(new Uint8Array([3])).type).toBe('queryAwareness');
  });
});
