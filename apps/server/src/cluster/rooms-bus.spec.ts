import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Access } from '../access.js';
import { Boards } from '../boards.js';
import { InMemoryPresenceStore } from '../presence.js';
import { MessageType } from '../protocol.js';
import { Rooms } from '../rooms.js';
import { SqliteBoardStore } from '../storage/sqlite.js';
import {
  FakeConnection,
  InstrumentedStore,
  frame,
  makeTempDir,
  readFrame,
  settle,
  silentLogger,
  updateFrame,
  waitFor,
} from '../testing/helpers.js';
import type { BoardBus, BusListener, BusMessage, Unsubscribe } from './bus.js';

/** A bus whose other side is the test: it sees what is published and injects messages. */
class ScriptedBus implements BoardBus {
  readonly kind = 'scripted';
  readonly description = 'test';
  readonly listeners = new Map<string, Set<BusListener>>();
  readonly published: { boardId: string; message: BusMessage }[] = [];
  subscribeCalls = 0;
  async start(): Promise<void> {}
  async subscribe(boardId: string, listener: BusListener): Promise<Unsubscribe> {
    this.subscribeCalls++;
    const set = this.listeners.get(boardId) ?? new Set();
    this.listeners.set(boardId, set);
    set.add(listener);
    return async () => {
      set.delete(listener);
    };
  }
  async publish(boardId: string, message: BusMessage): Promise<void> {
    this.published.push({ boardId, message });
  }
  async close(): Promise<void> {}
  /** Delivers a message as if another process had published it. */
  deliver(boardId: string, message: BusMessage): void {
    for (const listener of this.listeners.get(boardId) ?? []) listener.onMessage(message);
  }
  resync(boardId: string): void {
    for (const listener of this.listeners.get(boardId) ?? []) listener.onResync();
  }
  subscribers(boardId: string): number {
    return this.listeners.get(boardId)?.size ?? 0;
  }
}

/** A store whose loads wait for `openGate()` while `gate` is set. */
class GatedStore extends InstrumentedStore {
  gate: Promise<void> | null = null;
  #open: (() => void) | null = null;
  closeGate(): void {
    this.gate = new Promise((resolve) => (this.#open = resolve));
  }
  openGate(): void {
    this.#open?.();
    this.gate = null;
  }
  override async loadDoc(id: string) {
    if (this.gate) await this.gate;
    return super.loadDoc(id);
  }
}

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  let captured: Uint8Array | null = null;
  const onUpdate = (update: Uint8Array) => (captured = update);
  doc.on('update', onUpdate);
  doc.getText('t').insert(doc.getText('t').length, text);
  doc.off('update', onUpdate);
  return captured as unknown as Uint8Array;
}

function received(conn: FakeConnection): string {
  const doc = new Y.Doc();
  for (const update of conn.updates()) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

function awarenessUpdate(clientId: number, state: unknown, clock = 1): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encoding.toUint8Array(encoder);
}

describe('Rooms over the board bus', () => {
  let cleanup: () => Promise<void>;
  let store: GatedStore;
  let bus: ScriptedBus;
  let rooms: Rooms;
  let boardId: string;

  beforeEach(async () => {
    const tmp = await makeTempDir();
    cleanup = tmp.cleanup;
    store = new GatedStore(new SqliteBoardStore({ dataDir: tmp.dir }));
    bus = new ScriptedBus();
    rooms = new Rooms({
      store,
      logger: silentLogger,
      unloadDelayMs: 20,
      compactAfterUpdates: 500,
      compactAfterBytes: 4 * 1024 * 1024,
      bus,
    });
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

  it('subscribes before loading and applies what arrived during the load, without storing it', async () => {
    store.closeGate();
    const conn = new FakeConnection();
    const loading = rooms.get(boardId);
    await waitFor(() => bus.subscribers(boardId) === 1);
    // Another process committed this after our subscription, before our read finished.
    const remote = new Y.Doc();
    const first = textUpdate(remote, 'von B');
    bus.deliver(boardId, { type: 'update', update: first });
    store.openGate();
    const room = await loading;
    expect(room.doc.getText('t').toString()).toBe('von B');
    room.addConnection(conn);
    await settle();
    expect(store.calls.appendUpdates).toBe(0);
    expect(room.uncommittedCount).toBe(0);
    // Later remote updates are relayed to local connections at once, still not stored.
    bus.deliver(boardId, { type: 'update', update: textUpdate(remote, '!') });
    const seen = new Y.Doc();
    Y.applyUpdate(seen, first);
    for (const update of conn.updates()) Y.applyUpdate(seen, update);
    expect(seen.getText('t').toString()).toBe('von B!');
    await settle();
    expect(store.calls.appendUpdates).toBe(0);
  });

  it('publishes a committed batch only after the store committed it', async () => {
    const conn = new FakeConnection();
    const session = rooms.connect(boardId, conn);
    await waitFor(() => rooms.getLoaded(boardId) !== undefined);
    store.hold();
    const client = new Y.Doc();
    session.receive(updateFrame(textUpdate(client, 'a')));
    session.receive(updateFrame(textUpdate(client, 'b')));
    await waitFor(() => store.calls.appendUpdates === 1);
    await settle();
    expect(bus.published.filter((p) => p.message.type === 'update')).toEqual([]);
    store.release();
    await waitFor(() => bus.published.some((p) => p.message.type === 'update'));
    const other = new Y.Doc();
    for (const { message } of bus.published) {
      if (message.type === 'update') Y.applyUpdate(other, message.update);
    }
    expect(other.getText('t').toString()).toBe('ab');
  });

  it('forwards remote awareness; a local connection cannot take over a remote client id', async () => {
    const local = new FakeConnection();
    const session = rooms.connect(boardId, local);
    await waitFor(() => rooms.getLoaded(boardId) !== undefined);
    const room = rooms.getLoaded(boardId)!;
    bus.deliver(boardId, { type: 'awareness', update: awarenessUpdate(4242, { name: 'remote' }) });
    expect(room.awareness.getStates().get(4242)).toEqual({ name: 'remote' });
    await waitFor(() => local.sent.some((f) => readFrame(f).type === MessageType.Awareness));
    // Remote awareness is not published again.
    expect(bus.published.filter((p) => p.message.type === 'awareness')).toEqual([]);

    // The local connection claims the same client id (newer clock) and its own one.
    session.receive(
      frame((e) => {
        encoding.writeVarUint(e, MessageType.Awareness);
        encoding.writeVarUint8Array(e, awarenessUpdate(4242, { name: 'spoof' }, 2));
      }),
    );
    session.receive(
      frame((e) => {
        encoding.writeVarUint(e, MessageType.Awareness);
        encoding.writeVarUint8Array(e, awarenessUpdate(7, { name: 'local' }));
      }),
    );
    await waitFor(() => room.awareness.getStates().has(7));
    expect(bus.published.some((p) => p.message.type === 'awareness')).toBe(true);
    session.disconnected();
    // Its own state is removed (and the removal published); the remote client's stays.
    expect(room.awareness.getStates().has(7)).toBe(false);
    expect(room.awareness.getStates().has(4242)).toBe(true);
    // Awareness changes of one turn are published together, at the end of the turn.
    const published = bus.published.length;
    await waitFor(() => bus.published.length > published);
    const last = bus.published.at(-1)!.message;
    expect(last.type).toBe('awareness');
    const probe = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(probe, awarenessUpdate(7, { name: 'local' }), null);
    awarenessProtocol.applyAwarenessUpdate(probe, (last as { update: Uint8Array }).update, null);
    expect(probe.getStates().has(7)).toBe(false);
    probe.destroy();
  });

  it('catches up from the store after a bus outage', async () => {
    const conn = new FakeConnection();
    rooms.connect(boardId, conn);
    await waitFor(() => rooms.getLoaded(boardId) !== undefined);
    // Another process committed this while our bus was down: we never got the message.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(rooms.getLoaded(boardId)!.doc));
    await store.inner.appendUpdates(boardId, [textUpdate(remote, 'verpasst')]);
    bus.resync(boardId);
    await waitFor(() => expect(received(conn)).toBe('verpasst'));
    expect(rooms.getLoaded(boardId)!.doc.getText('t').toString()).toBe('verpasst');
    expect(store.calls.appendUpdates).toBe(0);
  });

  it('a deletion by another process closes local connections (4410) and drops the room', async () => {
    const conn = new FakeConnection();
    rooms.connect(boardId, conn);
    await waitFor(() => rooms.getLoaded(boardId) !== undefined);
    bus.deliver(boardId, { type: 'deleted' });
    await waitFor(() => conn.closed?.code === 4410);
    await waitFor(() => rooms.getLoaded(boardId) === undefined);
    expect(bus.subscribers(boardId)).toBe(0);
  });

  it('leaves the board channel when the room unloads; deleting announces it', async () => {
    const conn = new FakeConnection();
    const session = rooms.connect(boardId, conn);
    await waitFor(() => rooms.getLoaded(boardId) !== undefined);
    expect(bus.subscribers(boardId)).toBe(1);
    session.disconnected();
    await waitFor(() => bus.subscribers(boardId) === 0);
    await rooms.deleteBoard(boardId, async () => {
      await store.deleteBoard(boardId);
    });
    expect(bus.published.at(-1)).toEqual({ boardId, message: { type: 'deleted' } });
  });
});
