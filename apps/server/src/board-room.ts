import {
  authorizeChange,
  isEmptyUpdate,
  readBoardMeta,
  summarizeTransaction,
  type ChangeSummary,
  type ChangeVerdict,
  type Role,
} from '@werkraum/model';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { BusMessage } from './cluster/bus.js';
import { ProtocolError, StorageFailureError, WriteForbiddenError } from './errors.js';
import { boardRef, type Logger } from './logger.js';
import { CloseCode, CloseReason, MessageType, SyncMessageType } from './protocol.js';
import type { BoardStore, EditableBoardMeta } from './storage/types.js';

/**
 * What the core needs from a client connection. Transports (ws, tests) adapt their sockets to
 * this; the core never sees a socket.
 */
export interface Connection {
  /** Unique per connection; used in logs only. */
  readonly id: string;
  /** The role of the link the connection authenticated with. */
  readonly role: Role;
  /** `deriveAuthorId` of the connection's device secret; '' without one. */
  readonly authorId: string;
  send(data: Uint8Array): void;
  close(code: CloseCode, reason: string): void;
}

/** Transaction origin of the initial load; such changes are already stored. */
const LOAD_ORIGIN = Symbol('load');
/** Transaction origin of a checked update applied to the shadow doc. */
const CHECK_ORIGIN = Symbol('check');
/**
 * Origin of changes another process committed (bus) or that were read back from the store
 * (catch-up): applied and relayed to local connections, never stored again.
 */
const REMOTE_ORIGIN = Symbol('remote');

/** Largest batch that is merged into one update before it is published on the bus. */
const MAX_MERGED_PUBLISH = 32;
/** Up to this many senders in one batch get a frame without their own updates (see `#relay`). */
const MAX_SENDERS_EXCLUDED = 4;

function mergeForRelay(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
}

function mergeSummaries(a: ChangeSummary | null, b: ChangeSummary): ChangeSummary {
  if (!a) return b;
  for (const key of b.meta) a.meta.add(key);
  for (const id of b.items) a.items.add(id);
  a.foreign ||= b.foreign;
  return a;
}

interface PendingUpdate {
  update: Uint8Array;
  /** The connection that sent the update, or null for server-side changes. */
  origin: Connection | null;
}

export interface BoardRoomOptions {
  boardId: string;
  store: BoardStore;
  logger: Logger;
  compactAfterUpdates: number;
  compactAfterBytes: number;
  /** The stored document: snapshot plus updates. */
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  snapshotSeq: number;
  lastSeq: number;
  /** Called when the last connection left (the manager schedules the unload). */
  onEmpty: (room: BoardRoom) => void;
  /**
   * Sends committed updates and local awareness changes to the other server processes
   * (`BoardBus`); omitted with one process. Must not throw (it reports its own errors).
   */
  publish?: (message: BusMessage) => void;
  /** Called once when the room is destroyed (e.g. to leave the board's bus channel). */
  onDestroy?: () => void;
  /**
   * With several processes: how often (ms) to catch up with the store, and the least time
   * between two catch-ups triggered by a joining client. A process can die after it committed
   * an update and before it published it; its clients then reconnect here, and the store has
   * what the bus lost. 0 = never (one process).
   */
  antiEntropyMs?: number;
}

/** Least time between two catch-ups that joining clients trigger. */
const JOIN_CATCH_UP_MS = 1_000;

function encodeFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function updateFrame(update: Uint8Array): Uint8Array {
  return encodeFrame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeUpdate(encoder, update);
  });
}

function awarenessFrame(update: Uint8Array): Uint8Array {
  return encodeFrame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, update);
  });
}

/**
 * Checks an awareness update fully before it is applied (`applyAwarenessUpdate` would apply
 * the entries before a broken one).
 */
function assertAwarenessUpdate(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder); // client id
    decoding.readVarUint(decoder); // clock
    JSON.parse(decoding.readVarString(decoder));
  }
  assertConsumed(decoder, update.length);
}

function assertConsumed(decoder: decoding.Decoder, length: number): void {
  if (decoder.pos !== length) {
    throw new Error(decoder.pos > length ? 'truncated message' : 'trailing bytes');
  }
}

/**
 * One loaded board: its Y.Doc, awareness, connections and the write queue.
 *
 * Durability rule — committed before relayed: an update from a client is validated, applied
 * to the doc and queued; all updates queued in one event-loop turn are committed to storage in
 * one call (group commit); only after that call resolved are they relayed to the other
 * connections. Full state (sync step 2) is only sent once everything applied is committed.
 */
export class BoardRoom {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly #store: BoardStore;
  readonly #log: Logger;
  readonly #compactAfterUpdates: number;
  readonly #compactAfterBytes: number;
  readonly #onEmpty: (room: BoardRoom) => void;
  readonly #publish: ((message: BusMessage) => void) | null;
  readonly #onDestroy: (() => void) | null;
  /** Awareness client ids introduced by other processes: no local connection controls them. */
  readonly #remoteClients = new Set<number>();
  /** Connection → the awareness client ids it controls. */
  readonly #connections = new Map<Connection, Set<number>>();
  #pending: PendingUpdate[] = [];
  #writing: Promise<boolean> | null = null;
  #immediate: NodeJS.Immediate | null = null;
  /** Awareness changes of this event-loop turn, sent together by `#flushAwareness`. */
  #awarenessQueue = {
    all: new Set<number>(),
    local: new Set<number>(),
    senders: new Set<Connection | null>(),
  };
  #awarenessImmediate: NodeJS.Immediate | null = null;
  #lastSeq: number;
  #snapshotSeq: number;
  #bytesSinceSnapshot = 0;
  #storedMeta: string | undefined;
  #metaInvalid = false;
  /** Sync step 2 for a client with an empty doc; reused by every joiner until the doc changes. */
  #fullStateFrame: Uint8Array | null = null;
  #destroyed = false;
  readonly #antiEntropyMs: number;
  #antiEntropyTimer: NodeJS.Timeout | null = null;
  #lastCatchUp = Date.now();
  /**
   * A scratch copy of `doc` on which updates of checked roles (steering, participant, viewer)
   * are tried first. Created on the first checked update, kept in step with `doc` by applying
   * every accepted update to both, dropped on a refusal (rebuilt on demand) and on unload.
   */
  #shadow: Y.Doc | null = null;
  /** True while a checked update, already in the shadow, is applied to `doc`. */
  #inShadow = false;

  constructor(options: BoardRoomOptions) {
    this.boardId = options.boardId;
    this.#store = options.store;
    this.#log = options.logger.child({ board: boardRef(options.boardId) });
    this.#compactAfterUpdates = options.compactAfterUpdates;
    this.#compactAfterBytes = options.compactAfterBytes;
    this.#onEmpty = options.onEmpty;
    this.#antiEntropyMs = options.antiEntropyMs ?? 0;
    if (this.#antiEntropyMs > 0) {
      this.#antiEntropyTimer = setInterval(() => void this.#catchUpLogged(), this.#antiEntropyMs);
      this.#antiEntropyTimer.unref();
    }
    this.#publish = options.publish ?? null;
    this.#onDestroy = options.onDestroy ?? null;
    this.#lastSeq = options.lastSeq;
    this.#snapshotSeq = options.snapshotSeq;

    this.doc = new Y.Doc();
    // Load in ONE transaction: Yjs integrates everything at once (no mergeUpdates).
    this.doc.transact(() => {
      if (options.snapshot) Y.applyUpdate(this.doc, options.snapshot);
      for (const update of options.updates) {
        Y.applyUpdate(this.doc, update);
        this.#bytesSinceSnapshot += update.byteLength;
      }
    }, LOAD_ORIGIN);
    this.#storedMeta = this.#currentMeta()?.json;
    this.doc.on('update', this.#onDocUpdate);

    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server itself is not a participant.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.#onAwarenessUpdate);
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  get destroyed(): boolean {
    return this.#destroyed;
  }

  /** Updates applied to the doc but not yet committed. */
  get uncommittedCount(): number {
    return this.#pending.length;
  }

  /** Sequence number of the last committed update. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Registers a connection and greets it with sync step 1 and the current awareness. */
  addConnection(conn: Connection): void {
    if (this.#destroyed) throw new Error('BoardRoom: addConnection after destroy');
    this.#connections.set(conn, new Set());
    conn.send(
      encodeFrame((encoder) => {
        encoding.writeVarUint(encoder, MessageType.Sync);
        syncProtocol.writeSyncStep1(encoder, this.doc);
      }),
    );
    const states = this.awareness.getStates();
    if (states.size > 0) {
      conn.send(
        awarenessFrame(
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, Array.from(states.keys())),
        ),
      );
    }
  }

  /** Forgets a connection (idempotent) and removes the awareness states it controlled. */
  removeConnection(conn: Connection): void {
    const clientIds = this.#connections.get(conn);
    if (!clientIds) return;
    this.#connections.delete(conn);
    if (clientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(clientIds), null);
    }
    if (this.#connections.size === 0) this.#onEmpty(this);
  }

  /** Closes every connection with `code` (they are removed from the room at once). */
  closeConnections(code: CloseCode): void {
    for (const conn of Array.from(this.#connections.keys())) {
      this.removeConnection(conn);
      conn.close(code, CloseReason[code]);
    }
  }

  /**
   * Handles one binary frame of the y-websocket protocol. Throws `ProtocolError` for a
   * malformed frame — before anything of it touched the doc — and `StorageFailureError` when
   * state cannot be answered because storage fails.
   */
  async handleMessage(conn: Connection, data: Uint8Array): Promise<void> {
    if (!this.#connections.has(conn)) return;
    const message = parseMessage(data);
    switch (message.type) {
      case 'syncStep1': {
        if (this.#antiEntropyMs > 0 && Date.now() - this.#lastCatchUp >= JOIN_CATCH_UP_MS) {
          await this.#catchUpLogged();
        }
        await this.committed();
        if (!this.#connections.has(conn)) return;
        conn.send(this.#syncStep2Frame(message.stateVector));
        return;
      }
      case 'update': {
        // Any origin other than LOAD_ORIGIN is queued by #onDocUpdate; only changes that were
        // new to the doc produce an update event (duplicates are not stored again).
        try {
          if (conn.role === 'facilitator') {
            // No check: the facilitator may change everything (the hot path stays cheap).
            Y.applyUpdate(this.doc, message.update, conn);
            return;
          }
          // An empty update changes nothing (the stock client's handshake sends one).
          if (isEmptyUpdate(message.update)) return;
          this.#applyChecked(conn, message.update);
        } catch (error) {
          // An update that decodes but cannot be integrated is the client's fault (4400), not
          // the server's; refusals and storage failures keep their own codes.
          if (error instanceof WriteForbiddenError || error instanceof StorageFailureError)
            throw error;
          throw new ProtocolError('update could not be applied', { cause: error });
        }
        return;
      }
      case 'awareness': {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, conn);
        return;
      }
      case 'queryAwareness': {
        conn.send(
          awarenessFrame(
            awarenessProtocol.encodeAwarenessUpdate(
              this.awareness,
              Array.from(this.awareness.getStates().keys()),
            ),
          ),
        );
        return;
      }
    }
  }

  /**
   * Resolves once every update applied so far is committed (forcing the write now instead of
   * at the end of the turn). Rejects with `StorageFailureError` if the write fails.
   */
  async committed(): Promise<void> {
    while (this.#pending.length > 0 || this.#writing) {
      if (this.#immediate) {
        clearImmediate(this.#immediate);
        this.#immediate = null;
      }
      const ok = await this.#runWriter();
      if (!ok) throw new StorageFailureError('Could not commit the board’s updates');
    }
  }

  /**
   * Writes a snapshot of the whole doc and drops the updates it covers, if any update was
   * stored since the last snapshot. Commits pending updates first.
   */
  async compact(): Promise<void> {
    await this.committed();
    if (this.#lastSeq > this.#snapshotSeq) await this.#compactNow();
  }

  /**
   * Drops everything not yet committed, waits for a write in flight and destroys the room: for a
   * board that is being deleted. Close the connections first.
   */
  async discard(): Promise<void> {
    this.#pending = [];
    if (this.#immediate) clearImmediate(this.#immediate);
    this.#immediate = null;
    if (this.#writing) await this.#writing;
    this.#pending = [];
    this.destroy();
  }

  /**
   * Applies what another process published for this board. An update is applied with the
   * remote origin: relayed to the local connections, not stored again. Awareness states of
   * other processes' clients are kept and forwarded, but no local connection controls them.
   */
  applyRemote(message: BusMessage): void {
    if (this.#destroyed) return;
    switch (message.type) {
      case 'update':
        Y.applyUpdate(this.doc, message.update, REMOTE_ORIGIN);
        return;
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, REMOTE_ORIGIN);
        return;
      default:
        // Revocation and deletion are handled by Access and Rooms.
        return;
    }
  }

  /**
   * Catches up with the store after messages of other processes may have been lost (a bus
   * outage): applies the stored snapshot and updates — idempotent for what the doc already
   * has — so that the rest is relayed to the local connections like remote updates.
   */
  async catchUp(): Promise<void> {
    this.#lastCatchUp = Date.now();
    const stored = await this.#store.loadDoc(this.boardId);
    if (!stored || this.#destroyed) return;
    const before = Y.encodeStateVector(this.doc);
    this.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(this.doc, update);
    }, REMOTE_ORIGIN);
    const changed = !equalBytes(before, Y.encodeStateVector(this.doc));
    this.#log.info({ changed, lastSeq: stored.lastSeq }, 'board caught up from the store');
  }

  async #catchUpLogged(): Promise<void> {
    try {
      await this.catchUp();
    } catch (error) {
      // The room keeps serving what it has; the next catch-up tries again.
      this.#log.warn({ err: error }, 'catching up from the store failed');
    }
  }

  /** Frees the doc and awareness. Call only after `committed()` (the manager does). */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    if (this.#antiEntropyTimer) clearInterval(this.#antiEntropyTimer);
    this.#onDestroy?.();
    this.#shadow?.destroy();
    this.#shadow = null;
    if (this.#immediate) clearImmediate(this.#immediate);
    this.#immediate = null;
    if (this.#awarenessImmediate) clearImmediate(this.#awarenessImmediate);
    this.#awarenessImmediate = null;
    this.doc.off('update', this.#onDocUpdate);
    this.awareness.off('update', this.#onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  #syncStep2Frame(stateVector: Uint8Array): Uint8Array {
    const isEmpty = Y.decodeStateVector(stateVector).size === 0;
    if (isEmpty && this.#fullStateFrame) return this.#fullStateFrame;
    const frame = encodeFrame((encoder) => {
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
    });
    if (isEmpty) this.#fullStateFrame = frame;
    return frame;
  }

  /**
   * Applies an update of a checked role: first to the shadow doc, collecting what it changed,
   * then — if `authorizeChange` allows it — to the room's doc. A refused update touches neither
   * the room's doc nor the store nor anyone else; the shadow is dropped (it holds the refused
   * change) and the sender is closed with 4403.
   */
  #applyChecked(conn: Connection, update: Uint8Array): void {
    const shadow = this.#ensureShadow();
    let change: ChangeSummary | null = null;
    const onAfterTransaction = (transaction: Y.Transaction): void => {
      change = mergeSummaries(change, summarizeTransaction(shadow, transaction));
    };
    let verdict: ChangeVerdict;
    shadow.on('afterTransaction', onAfterTransaction);
    try {
      Y.applyUpdate(shadow, update, CHECK_ORIGIN);
      shadow.off('afterTransaction', onAfterTransaction);
      // Structs or deletions with missing dependencies would be integrated later, by someone
      // else's update, without a check: refuse them.
      if (shadow.store.pendingStructs !== null || shadow.store.pendingDs !== null) {
        verdict = { ok: false, reason: 'update with missing dependencies' };
      } else {
        verdict = authorizeChange({
          role: conn.role,
          authorId: conn.authorId,
          before: this.doc,
          after: shadow,
          change: change ?? { meta: new Set(), items: new Set(), foreign: false },
        });
      }
    } catch (error) {
      shadow.off('afterTransaction', onAfterTransaction);
      this.#dropShadow();
      throw error;
    }
    if (!verdict.ok) {
      this.#dropShadow();
      throw new WriteForbiddenError(
        verdict.itemId === undefined
          ? verdict.reason
          : `${verdict.reason} (item ${verdict.itemId})`,
      );
    }
    this.#inShadow = true;
    try {
      Y.applyUpdate(this.doc, update, conn);
    } finally {
      this.#inShadow = false;
    }
  }

  #ensureShadow(): Y.Doc {
    if (!this.#shadow) {
      const shadow = new Y.Doc();
      Y.applyUpdate(shadow, Y.encodeStateAsUpdate(this.doc));
      this.#shadow = shadow;
    }
    return this.#shadow;
  }

  #dropShadow(): void {
    this.#shadow?.destroy();
    this.#shadow = null;
  }

  readonly #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOAD_ORIGIN) return;
    // Keep the shadow in step with every change that did not come through it.
    if (this.#shadow && !this.#inShadow) Y.applyUpdate(this.#shadow, update);
    this.#fullStateFrame = null;
    if (origin === REMOTE_ORIGIN) {
      // Already committed by the process it came from (or read from the store): relay only.
      this.#relay([{ update, origin: null }]);
      return;
    }
    const conn = this.#connections.has(origin as Connection) ? (origin as Connection) : null;
    this.#pending.push({ update, origin: conn });
    this.#scheduleFlush();
  };

  readonly #onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const sender = origin as Connection;
    const changed = change.added.concat(change.updated, change.removed);
    if (origin === REMOTE_ORIGIN) {
      for (const id of change.added) this.#remoteClients.add(id);
      for (const id of change.updated) this.#remoteClients.add(id);
      for (const id of change.removed) this.#remoteClients.delete(id);
    } else {
      const controlled = this.#connections.get(sender);
      if (controlled) {
        // A client id of another process's client is never taken over by a local connection
        // (its disconnect would remove the other client's presence everywhere).
        for (const id of change.added) if (!this.#remoteClients.has(id)) controlled.add(id);
        for (const id of change.updated) if (!this.#remoteClients.has(id)) controlled.add(id);
        for (const id of change.removed) controlled.delete(id);
      }
    }
    if (changed.length === 0) return;
    for (const id of changed) this.#awarenessQueue.all.add(id);
    // Local changes (connections, their removal, timeouts) go to the other processes.
    if (origin !== REMOTE_ORIGIN) for (const id of changed) this.#awarenessQueue.local.add(id);
    this.#awarenessQueue.senders.add(this.#connections.has(sender) ? sender : null);
    this.#awarenessImmediate ??= setImmediate(this.#flushAwareness);
  };

  /**
   * Sends the awareness changes of one event-loop turn as ONE message (the protocol carries
   * several clients per message), with each client's latest state: on a 200-person board that
   * is one frame per connection per turn instead of one per change. The only sender of a turn
   * does not get its own change back; with several senders everyone gets everything (a state
   * whose clock a client already has changes nothing there).
   */
  readonly #flushAwareness = (): void => {
    this.#awarenessImmediate = null;
    const { all, local, senders } = this.#awarenessQueue;
    this.#awarenessQueue = { all: new Set(), local: new Set(), senders: new Set() };
    if (this.#destroyed || all.size === 0) return;
    if (local.size > 0) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...local]);
      this.#publish?.({ type: 'awareness', update });
    }
    if (this.#connections.size === 0) return;
    const frame = awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...all]));
    const [only] = senders.size === 1 ? senders : [null];
    for (const conn of this.#connections.keys()) {
      if (conn !== only) conn.send(frame);
    }
  };

  /** Group commit: everything queued in this event-loop turn is written together. */
  #scheduleFlush(): void {
    if (this.#immediate || this.#writing || this.#destroyed) return;
    this.#immediate = setImmediate(() => {
      this.#immediate = null;
      void this.#runWriter();
    });
  }

  /** Starts the writer unless it runs; resolves true once nothing is pending, false on failure. */
  #runWriter(): Promise<boolean> {
    if (this.#writing) return this.#writing;
    const run = async (): Promise<boolean> => {
      await null; // so that `#writing` is assigned before the loop can finish
      try {
        while (this.#pending.length > 0) {
          const batch = this.#pending;
          this.#pending = [];
          if (!(await this.#commitBatch(batch))) return false;
          if (this.#pending.length === 0 && this.#needsCompaction()) await this.#compactNow();
        }
        return true;
      } finally {
        // Runs in the same synchronous step as the last `#pending` check above.
        this.#writing = null;
      }
    };
    this.#writing = run();
    return this.#writing;
  }

  /** Commits one batch, then relays it. On failure keeps it queued and closes connections. */
  async #commitBatch(batch: PendingUpdate[]): Promise<boolean> {
    const meta = this.#currentMeta();
    const metaChanged = meta !== undefined && meta.json !== this.#storedMeta;
    let lastSeq: number;
    try {
      lastSeq = await this.#store.appendUpdates(
        this.boardId,
        batch.map((entry) => entry.update),
        metaChanged ? { meta: meta.value } : undefined,
      );
    } catch (error) {
      // Never lose data silently: the updates stay in the doc and in the queue (retried on the
      // next write), nothing uncommitted is relayed, and every client is told to reconnect —
      // which makes it re-send what the server may lack.
      this.#pending = batch.concat(this.#pending);
      this.#log.error(
        { err: error, uncommitted: this.#pending.length },
        'storing board updates failed; keeping them in memory and closing connections',
      );
      this.closeConnections(CloseCode.StorageFailure);
      return false;
    }
    this.#lastSeq = lastSeq;
    if (metaChanged) this.#storedMeta = meta.json;
    for (const entry of batch) this.#bytesSinceSnapshot += entry.update.byteLength;
    this.#relay(batch);
    this.#publishBatch(batch);
    return true;
  }

  /** Sends a committed batch to the other processes (small batches merged into one update). */
  #publishBatch(batch: PendingUpdate[]): void {
    const publish = this.#publish;
    if (!publish || batch.length === 0) return;
    if (batch.length === 1 || batch.length > MAX_MERGED_PUBLISH) {
      for (const entry of batch) publish({ type: 'update', update: entry.update });
      return;
    }
    publish({ type: 'update', update: Y.mergeUpdates(batch.map((entry) => entry.update)) });
  }

  /**
   * Sends a committed batch to the connections: ONE frame per connection, whatever the size of
   * the batch (each frame is a socket write; at workshop scale the writes, not Yjs, bound the
   * server). A connection gets the merged updates of everyone else; when many connections sent
   * updates in the same batch, they get the whole batch, their own update included — applying
   * an update twice changes nothing in Yjs, and that is cheaper than one merge per sender.
   */
  #relay(batch: PendingUpdate[]): void {
    if (this.#connections.size === 0 || batch.length === 0) return;
    if (batch.length === 1) {
      const [entry] = batch as [PendingUpdate];
      const frame = updateFrame(entry.update);
      for (const conn of this.#connections.keys()) {
        if (conn !== entry.origin) conn.send(frame);
      }
      return;
    }
    const all = updateFrame(mergeForRelay(batch.map((entry) => entry.update)));
    const senders = new Set<Connection>();
    for (const entry of batch) if (entry.origin) senders.add(entry.origin);
    const own = new Map<Connection, Uint8Array | null>();
    if (senders.size <= MAX_SENDERS_EXCLUDED) {
      for (const sender of senders) {
        const others = batch.filter((entry) => entry.origin !== sender).map((e) => e.update);
        own.set(sender, others.length === 0 ? null : updateFrame(mergeForRelay(others)));
      }
    }
    for (const conn of this.#connections.keys()) {
      const frame = own.has(conn) ? own.get(conn) : all;
      if (frame) conn.send(frame);
    }
  }

  #needsCompaction(): boolean {
    return (
      this.#lastSeq - this.#snapshotSeq >= this.#compactAfterUpdates ||
      this.#bytesSinceSnapshot >= this.#compactAfterBytes
    );
  }

  /**
   * Snapshot through `#lastSeq`. Call only when nothing is pending. A store that compacts by
   * itself (shared by several processes) does it from the stored state — this process's doc
   * might lack another process's latest updates.
   */
  async #compactNow(): Promise<void> {
    if (this.#store.compact) {
      let result;
      try {
        result = await this.#store.compact(this.boardId);
      } catch (error) {
        this.#log.error(
          { err: error },
          'compacting the board in the store failed; keeping the update log',
        );
        return;
      }
      if (!result) {
        this.#log.warn('compacting: the board is no longer stored');
        return;
      }
      this.#snapshotSeq = result.throughSeq;
      this.#lastSeq = Math.max(this.#lastSeq, result.throughSeq);
      this.#bytesSinceSnapshot = 0;
      this.#log.debug({ throughSeq: result.throughSeq, bytes: result.bytes }, 'board compacted');
      return;
    }
    const throughSeq = this.#lastSeq;
    const state = Y.encodeStateAsUpdate(this.doc);
    try {
      await this.#store.writeSnapshot(this.boardId, state, throughSeq);
    } catch (error) {
      // The updates are committed and stay in the log, so no data is at risk; try again at
      // the next trigger.
      this.#log.error({ err: error }, 'writing board snapshot failed; keeping the update log');
      return;
    }
    this.#snapshotSeq = throughSeq;
    this.#bytesSinceSnapshot = 0;
    this.#log.debug({ throughSeq, bytes: state.byteLength }, 'board compacted');
  }

  /** The doc's editable meta, or undefined if a client broke it (then the stored one stays). */
  #currentMeta(): { value: EditableBoardMeta; json: string } | undefined {
    let meta;
    try {
      meta = readBoardMeta(this.doc);
    } catch (error) {
      if (!this.#metaInvalid) {
        this.#log.warn({ err: error }, 'board meta in the doc is invalid; keeping the stored meta');
      }
      this.#metaInvalid = true;
      return undefined;
    }
    this.#metaInvalid = false;
    const value = {
      municipality: meta.municipality,
      title: meta.title,
      languages: meta.languages,
    };
    return { value, json: JSON.stringify(value) };
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

type ParsedMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' };

/**
 * Parses and fully validates one frame (exactly one message; trailing bytes are malformed).
 */
export function parseMessage(input: Uint8Array): ParsedMessage {
  // A view into a larger buffer is copied, so that a bad length cannot read beyond the frame.
  const data =
    input.byteOffset === 0 && input.byteLength === input.buffer.byteLength ? input : input.slice();
  try {
    const decoder = decoding.createDecoder(data);
    const messageType = decoding.readVarUint(decoder);
    switch (messageType) {
      case MessageType.Sync: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        assertConsumed(decoder, data.length);
        switch (syncType) {
          case SyncMessageType.Step1:
            Y.decodeStateVector(payload);
            return { type: 'syncStep1', stateVector: payload };
          case SyncMessageType.Step2:
          case SyncMessageType.Update:
            // Decoding walks every struct and the delete set: garbage throws here, before
            // the update touches the doc.
            Y.decodeUpdate(payload);
            return { type: 'update', update: payload };
          default:
            throw new Error(`unknown sync message type ${syncType}`);
        }
      }
      case MessageType.Awareness: {
        const payload = decoding.readVarUint8Array(decoder);
        assertConsumed(decoder, data.length);
        assertAwarenessUpdate(payload);
        return { type: 'awareness', update: payload };
      }
      case MessageType.QueryAwareness:
        assertConsumed(decoder, data.length);
        return { type: 'queryAwareness' };
      default:
        throw new Error(`unknown message type ${messageType}`);
    }
  } catch (error) {
    throw new ProtocolError(error instanceof Error ? error.message : 'malformed message', {
      cause: error,
    });
  }
}
