import { BoardRoom, type Connection } from './board-room.js';
import {
  LocalBoardBus,
  type BoardBus,
  type BusListener,
  type BusMessage,
  type Unsubscribe,
} from './cluster/bus.js';
import {
  BoardNotFoundError,
  ServerClosingError,
  StorageFailureError,
  closeCodeFor,
} from './errors.js';
import { boardRef, type Logger } from './logger.js';
import { CloseCode, CloseReason } from './protocol.js';
import type { BoardStore } from './storage/types.js';

export interface RoomsOptions {
  store: BoardStore;
  logger: Logger;
  unloadDelayMs: number;
  compactAfterUpdates: number;
  compactAfterBytes: number;
  /**
   * Fan-out to the other server processes serving the same boards; default: one process
   * (`LocalBoardBus`).
   */
  bus?: BoardBus;
}

/**
 * An idle board whose updates could not be committed stays in memory; its unload (which
 * commits) is retried at most this often, so that a failing store is not hammered.
 */
const STORAGE_RETRY_MS = 1_000;

/** What a transport gets back for a connection: feed it frames, tell it when the socket closed. */
export interface ConnectionHandle {
  /** One binary frame from the client. Frames are handled strictly in order. */
  receive(data: Uint8Array): void;
  /** The transport's socket closed (idempotent). */
  disconnected(): void;
}

/**
 * The board/room core: loads boards on demand (one load per board, however many connect at
 * once), hands connections to their room, and unloads idle boards. Knows no transport.
 */
export class Rooms {
  readonly #options: RoomsOptions;
  readonly #log: Logger;
  readonly #bus: BoardBus;
  /** Loaded boards and boards being loaded. */
  readonly #rooms = new Map<string, Promise<BoardRoom>>();
  /** Boards being unloaded → the room if unloading failed and it stays in memory. */
  readonly #unloading = new Map<string, Promise<BoardRoom | null>>();
  /** Rooms whose load finished, by board id. */
  readonly #settled = new Map<string, BoardRoom>();
  readonly #unloadTimers = new Map<string, NodeJS.Timeout>();
  /** Boards being deleted: they cannot be loaded. */
  readonly #deleting = new Set<string>();
  #closed = false;

  constructor(options: RoomsOptions) {
    this.#options = options;
    this.#log = options.logger;
    this.#bus = options.bus ?? new LocalBoardBus();
  }

  /** Number of loaded (or loading) boards. */
  get loadedCount(): number {
    return this.#rooms.size;
  }

  /** Number of open document connections over all boards. */
  get connectionCount(): number {
    let count = 0;
    for (const room of this.#loadedRooms()) count += room.connectionCount;
    return count;
  }

  /** The room if the board is loaded right now. */
  getLoaded(boardId: string): BoardRoom | undefined {
    const room = this.#settled.get(boardId);
    return room && !room.destroyed ? room : undefined;
  }

  /**
   * The board's room, loading it if needed. Concurrent calls share one load. Rejects with
   * `BoardNotFoundError`, `StorageFailureError` or `ServerClosingError`.
   */
  get(boardId: string): Promise<BoardRoom> {
    if (this.#closed) return Promise.reject(new ServerClosingError());
    if (this.#deleting.has(boardId)) return Promise.reject(new BoardNotFoundError());
    const existing = this.#rooms.get(boardId);
    if (existing) return existing;
    const unloading = this.#unloading.get(boardId) ?? Promise.resolve(null);
    const entry = unloading.then((kept) => kept ?? this.#load(boardId));
    this.#rooms.set(boardId, entry);
    entry.then(
      (room) => {
        if (room.connectionCount === 0) this.#scheduleUnload(room);
      },
      () => {
        // The caller gets the rejection; forget the failed load so that a retry loads again.
        if (this.#rooms.get(boardId) === entry) this.#rooms.delete(boardId);
      },
    );
    return entry;
  }

  /**
   * Attaches a connection to a board. Frames received before the board is loaded are kept and
   * handled in order afterwards. Errors close the connection with the matching close code.
   */
  connect(boardId: string, conn: Connection): ConnectionHandle {
    return new Session(this, boardId, conn, this.#log);
  }

  /** @internal Used by `Session`. */
  async attach(boardId: string, conn: Connection): Promise<BoardRoom> {
    for (;;) {
      const room = await this.get(boardId);
      if (room.destroyed) continue; // unloaded in between; load again
      this.#cancelUnload(boardId);
      room.addConnection(conn);
      return room;
    }
  }

  /**
   * Runs `change` on the board's doc (loading the board if needed) as a server-side change,
   * and resolves once it is committed (and relayed to every connection). Rejects like `get`,
   * or with what `change` throws.
   */
  async change<T>(boardId: string, change: (room: BoardRoom) => T): Promise<T> {
    for (;;) {
      const room = await this.get(boardId);
      if (room.destroyed) continue; // unloaded in between; load again
      const result = change(room);
      // An unload now commits first (it compacts), so this cannot lose the change.
      await room.committed();
      if (room.connectionCount === 0) this.#scheduleUnload(room);
      return result;
    }
  }

  /**
   * Deletes a board: the board cannot be loaded while this runs; its room (if loaded or being
   * loaded/unloaded) has its connections closed with 4410, its uncommitted updates dropped and
   * is destroyed; then `remove` deletes the stored board.
   */
  async deleteBoard(boardId: string, remove: () => Promise<void>): Promise<void> {
    await this.#dropBoard(boardId, remove);
    // After the store deleted it: other processes close their connections and drop their room.
    try {
      await this.#bus.publish(boardId, { type: 'deleted' });
    } catch (error) {
      // The board is gone from the shared store, so other processes refuse new connections
      // and their open ones fail on the next write; log loudly, the deletion itself succeeded.
      this.#log.error(
        { err: error, board: boardRef(boardId) },
        'announcing a board deletion to the other processes failed',
      );
    }
  }

  /** Closes the board's connections (4410), drops its room, then runs `remove`. */
  async #dropBoard(boardId: string, remove: () => Promise<void>): Promise<void> {
    this.#deleting.add(boardId);
    try {
      this.#cancelUnload(boardId);
      const candidates = [this.#rooms.get(boardId), this.#unloading.get(boardId)];
      const settled = await Promise.allSettled(candidates.filter((p) => p !== undefined));
      const rooms = new Set<BoardRoom>();
      const loaded = this.#settled.get(boardId);
      if (loaded) rooms.add(loaded);
      for (const result of settled) {
        if (result.status === 'fulfilled' && result.value) rooms.add(result.value);
      }
      this.#rooms.delete(boardId);
      this.#settled.delete(boardId);
      for (const room of rooms) {
        if (room.destroyed) continue;
        room.closeConnections(CloseCode.BoardDeleted);
        await room.discard();
      }
      this.#cancelUnload(boardId);
      await remove();
    } finally {
      this.#deleting.delete(boardId);
    }
  }

  /**
   * Closes every connection, commits and compacts every board and frees them. New connections
   * are refused from now on. Updates that cannot be committed are reported at error level.
   */
  async closeAll(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#unloadTimers.values()) clearTimeout(timer);
    this.#unloadTimers.clear();
    const settled = await Promise.allSettled([
      ...this.#rooms.values(),
      ...Array.from(this.#unloading.values(), (p) => p.then((room) => room ?? undefined)),
    ]);
    const rooms = new Set<BoardRoom>();
    for (const result of settled) {
      if (result.status === 'fulfilled' && result.value && !result.value.destroyed) {
        rooms.add(result.value);
      }
    }
    await Promise.all(
      Array.from(rooms, async (room) => {
        room.closeConnections(CloseCode.GoingAway);
        await this.#finish(room, 'shutdown');
      }),
    );
    this.#rooms.clear();
    this.#settled.clear();
  }

  *#loadedRooms(): Iterable<BoardRoom> {
    for (const room of this.#settled.values()) if (!room.destroyed) yield room;
  }

  async #load(boardId: string): Promise<BoardRoom> {
    const log = this.#log.child({ board: boardRef(boardId) });
    // Subscribe BEFORE loading, and keep what arrives during the load: an update committed by
    // another process after our read is then applied afterwards; one committed before it is
    // in the read (applying it again changes nothing).
    let room: BoardRoom | null = null;
    let buffered: BusMessage[] | null = [];
    let catchUpWanted = false;
    const listener: BusListener = {
      onMessage: (message) => {
        if (message.type === 'deleted') {
          this.#dropBoard(boardId, async () => undefined).catch((error: unknown) => {
            log.error({ err: error }, 'dropping a board deleted by another process failed');
          });
          return;
        }
        if (room) room.applyRemote(message);
        else buffered?.push(message);
      },
      onResync: () => {
        if (!room) {
          catchUpWanted = true;
          return;
        }
        this.#catchUp(room);
      },
    };
    let unsubscribe: Unsubscribe;
    try {
      unsubscribe = await this.#bus.subscribe(boardId, listener);
    } catch (error) {
      log.error({ err: error }, 'subscribing to the board bus failed');
      throw new StorageFailureError('Could not subscribe to the board', { cause: error });
    }
    const leave = (): void => {
      unsubscribe().catch((error: unknown) => {
        log.warn({ err: error }, 'leaving the board bus channel failed');
      });
    };
    let stored;
    try {
      stored = await this.#options.store.loadDoc(boardId);
    } catch (error) {
      leave();
      log.error({ err: error }, 'loading board failed');
      throw new StorageFailureError('Could not load the board', { cause: error });
    }
    if (!stored) {
      leave();
      throw new BoardNotFoundError();
    }
    try {
      room = new BoardRoom({
        boardId,
        store: this.#options.store,
        logger: this.#log,
        compactAfterUpdates: this.#options.compactAfterUpdates,
        compactAfterBytes: this.#options.compactAfterBytes,
        snapshot: stored.snapshot,
        updates: stored.updates,
        snapshotSeq: stored.snapshotSeq,
        lastSeq: stored.lastSeq,
        onEmpty: (emptied) => this.#scheduleUnload(emptied),
        publish: (message) => {
          this.#bus.publish(boardId, message).catch((error: unknown) => {
            // Committed locally; other processes get it when they catch up or reload.
            log.error({ err: error, type: message.type }, 'publishing to the board bus failed');
          });
        },
        onDestroy: leave,
        antiEntropyMs: this.#bus instanceof LocalBoardBus ? 0 : ANTI_ENTROPY_MS,
      });
    } catch (error) {
      leave();
      log.error({ err: error }, 'stored board document does not load');
      throw new StorageFailureError('Could not load the board', { cause: error });
    }
    const loaded = room;
    for (const message of buffered ?? []) loaded.applyRemote(message);
    buffered = null;
    if (catchUpWanted) this.#catchUp(loaded);
    this.#settled.set(boardId, loaded);
    log.debug({ updates: stored.updates.length }, 'board loaded');
    return loaded;
  }

  #catchUp(room: BoardRoom): void {
    room.catchUp().catch((error: unknown) => {
      this.#log.error(
        { err: error, board: boardRef(room.boardId) },
        'catching up from the store after a bus outage failed; the board reloads when idle',
      );
    });
  }

  #scheduleUnload(room: BoardRoom, minDelayMs = 0): void {
    if (this.#closed || room.destroyed) return;
    this.#cancelUnload(room.boardId);
    const timer = setTimeout(
      () => {
        this.#unloadTimers.delete(room.boardId);
        void this.#unload(room);
      },
      Math.max(this.#options.unloadDelayMs, minDelayMs),
    );
    this.#unloadTimers.set(room.boardId, timer);
  }

  #cancelUnload(boardId: string): void {
    const timer = this.#unloadTimers.get(boardId);
    if (timer) clearTimeout(timer);
    this.#unloadTimers.delete(boardId);
  }

  async #unload(room: BoardRoom): Promise<void> {
    const boardId = room.boardId;
    if (room.connectionCount > 0 || room.destroyed || this.#settled.get(boardId) !== room) return;
    this.#rooms.delete(boardId);
    this.#settled.delete(boardId);
    const done = this.#finish(room, 'unload');
    this.#unloading.set(boardId, done);
    const kept = await done;
    if (this.#unloading.get(boardId) === done) this.#unloading.delete(boardId);
    if (!kept) return;
    // Could not commit: keep the board in memory (a `get` during the unload got it, too) and
    // try again later.
    this.#settled.set(boardId, kept);
    if (!this.#rooms.has(boardId)) this.#rooms.set(boardId, Promise.resolve(kept));
    if (kept.connectionCount === 0) this.#scheduleUnload(kept, STORAGE_RETRY_MS);
  }

  /**
   * Commits, compacts and destroys a room. Resolves null when done, or the room itself if its
   * updates could not be committed (it must then stay in memory).
   */
  async #finish(room: BoardRoom, why: 'unload' | 'shutdown'): Promise<BoardRoom | null> {
    const log = this.#log.child({ board: boardRef(room.boardId) });
    try {
      await room.compact();
    } catch (error) {
      if (why === 'shutdown') {
        log.fatal(
          { err: error, uncommitted: room.uncommittedCount },
          'could not commit board updates before shutdown; they are lost on this server (clients still hold them and re-send on reconnect)',
        );
        room.destroy();
        return null;
      }
      log.error({ err: error }, 'unloading board failed; keeping it in memory');
      return room;
    }
    room.destroy();
    log.debug({ why }, 'board unloaded');
    return null;
  }
}

/** One connection's link to its room: ordered frame handling and error → close code. */
class Session implements ConnectionHandle {
  readonly #conn: Connection;
  readonly #log: Logger;
  readonly #boardRef: string;
  #room: BoardRoom | null = null;
  #closed = false;
  #queue: Promise<void>;

  constructor(rooms: Rooms, boardId: string, conn: Connection, logger: Logger) {
    this.#conn = conn;
    this.#log = logger;
    this.#boardRef = boardRef(boardId);
    this.#queue = rooms.attach(boardId, conn).then(
      (room) => {
        this.#room = room;
        if (this.#closed) room.removeConnection(conn);
      },
      (error: unknown) => this.#fail(error),
    );
  }

  receive(data: Uint8Array): void {
    if (this.#closed) return;
    this.#queue = this.#queue
      .then(() =>
        this.#closed || !this.#room ? undefined : this.#room.handleMessage(this.#conn, data),
      )
      .catch((error: unknown) => this.#fail(error));
  }

  disconnected(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#room?.removeConnection(this.#conn);
  }

  #fail(error: unknown): void {
    if (this.#closed) return;
    const code = closeCodeFor(error);
    const context = { err: error, board: this.#boardRef, connection: this.#conn.id, code };
    if (code === CloseCode.MalformedMessage)
      this.#log.info(context, 'closing connection: malformed message');
    else if (code === CloseCode.WriteForbidden)
      // The reason names the rule (and item id), never the content.
      this.#log.info(context, 'closing connection: write forbidden');
    else if (code === CloseCode.RateLimited)
      this.#log.info(context, 'closing connection: rate limited');
    else if (code === CloseCode.BoardNotFound)
      this.#log.debug(context, 'closing connection: unknown board');
    else if (code === CloseCode.InternalError)
      this.#log.error(context, 'closing connection: internal error');
    else this.#log.warn(context, 'closing connection');
    this.#closed = true;
    this.#room?.removeConnection(this.#conn);
    this.#conn.close(code, CloseReason[code]);
  }
}

/** With several processes, how often a loaded board catches up with the shared store. */
const ANTI_ENTROPY_MS = 10_000;
