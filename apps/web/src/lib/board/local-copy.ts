import { ROLES, type Role } from '@werkraum/model';
import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import type { BoardInfo } from '../api/boards-api.js';

/**
 * This device's copy of a board (IndexedDB through `y-indexeddb`): the board opens from it at
 * once, also offline, and edits made offline survive a reload until the server has them.
 *
 * One copy per board *and role of this device's link*: a copy only ever holds what the server
 * sent plus this link's own edits, so opening the board with another link (e.g. the beamer's
 * read-only one on the facilitator's laptop) never replays edits that link may not make — the
 * server would refuse them (4403). A read-only link's copy therefore holds only what the server
 * sent, and is read-only like its view.
 */
export const LOCAL_COPY_PREFIX = 'werkraum:board:';

/** Keys of the copy's own store (next to the Yjs updates). */
const INFO_KEY = 'info';
const UNSYNCED_KEY = 'unsynced';

export function localCopyName(boardId: string, role: Role): string {
  return `${LOCAL_COPY_PREFIX}${boardId}:${role}`;
}

/** Deletions in progress, so that a copy opened again right after waits for them. */
const deletions = new Map<string, Promise<void>>();

function factory(): IDBFactory | undefined {
  try {
    return globalThis.indexedDB;
  } catch {
    return undefined;
  }
}

/** Deletes one IndexedDB database; resolves also on failure (logged). */
function deleteDatabase(name: string, idb: IDBFactory | undefined): Promise<void> {
  if (!idb) return Promise.resolve();
  return new Promise<void>((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = idb.deleteDatabase(name);
    } catch (error) {
      console.warn(`Could not delete the local copy ${name}`, error);
      resolve();
      return;
    }
    request.onsuccess = () => resolve();
    request.onerror = () => {
      console.warn(`Could not delete the local copy ${name}`, request.error);
      resolve();
    };
    // `onblocked`: another tab still has the copy open; the deletion completes once it closes.
  });
}

function track(name: string, deletion: Promise<void>): Promise<void> {
  const tracked = deletion.finally(() => {
    if (deletions.get(name) === tracked) deletions.delete(name);
  });
  deletions.set(name, tracked);
  return tracked;
}

/**
 * Deletes this device's copies of a board (of every role): the board was deleted, the link
 * revoked, or the person chose „forget“ on the start page.
 */
export function deleteLocalCopies(boardId: string, idb = factory()): Promise<void> {
  return Promise.all(
    ROLES.map((role) => {
      const name = localCopyName(boardId, role);
      return track(name, deleteDatabase(name, idb));
    }),
  ).then(() => undefined);
}

/** Resolves once pending deletions of the copy finished, or after `timeoutMs` (blocked by a tab). */
export function deletionSettled(boardId: string, role: Role, timeoutMs = 2000): Promise<void> {
  const pending = deletions.get(localCopyName(boardId, role));
  if (!pending) return Promise.resolve();
  return Promise.race([pending, new Promise<void>((r) => setTimeout(r, timeoutMs))]);
}

/** One board's copy while the board is open. */
export class LocalCopy {
  readonly name: string;
  readonly persistence: IndexeddbPersistence;
  #dropped = false;

  constructor(boardId: string, role: Role, doc: Y.Doc) {
    this.name = localCopyName(boardId, role);
    this.persistence = new IndexeddbPersistence(this.name, doc);
  }

  /** The transaction origin of updates loaded from the copy. */
  get origin(): unknown {
    return this.persistence;
  }

  /** Resolves once the stored updates are applied, or after `timeoutMs` (IndexedDB stuck). */
  loaded(timeoutMs = 3000): Promise<boolean> {
    return Promise.race([
      this.persistence.whenSynced.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs)),
    ]).catch(() => false);
  }

  /** The items this device changed that the server has not confirmed (kept across reloads). */
  async readUnsynced(): Promise<string[]> {
    try {
      const value: unknown = await this.persistence.get(UNSYNCED_KEY);
      const keys: unknown = typeof value === 'string' ? JSON.parse(value) : null;
      return Array.isArray(keys)
        ? keys.filter((key): key is string => typeof key === 'string')
        : [];
    } catch {
      return [];
    }
  }

  writeUnsynced(keys: string[]): void {
    if (this.#dropped) return;
    this.persistence.set(UNSYNCED_KEY, JSON.stringify(keys)).catch((error: unknown) => {
      console.warn('Could not note unsynced changes in the local copy', error);
    });
  }

  /** What the server last said about the board and this link, to open it again offline. */
  writeInfo(info: BoardInfo): void {
    if (this.#dropped) return;
    this.persistence.set(INFO_KEY, JSON.stringify(info)).catch((error: unknown) => {
      console.warn('Could not keep the board info in the local copy', error);
    });
  }

  /** Closes the copy and deletes it (a refused write must not be replayed from it). */
  drop(): Promise<void> {
    if (this.#dropped) return deletions.get(this.name) ?? Promise.resolve();
    this.#dropped = true;
    const idb = factory();
    return track(
      this.name,
      this.persistence.destroy().then(() => deleteDatabase(this.name, idb)),
    );
  }

  destroy(): void {
    void this.persistence.destroy();
  }
}

/**
 * The board info kept in the copy of `role` (see `LocalCopy.writeInfo`), or null when there is
 * no copy. Opens the database without creating it.
 */
export function readOfflineInfo(
  boardId: string,
  role: Role,
  idb = factory(),
): Promise<BoardInfo | null> {
  if (!idb) return Promise.resolve(null);
  const name = localCopyName(boardId, role);
  return new Promise<BoardInfo | null>((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = idb.open(name);
    } catch {
      resolve(null);
      return;
    }
    // No copy: abort instead of creating an empty database.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
    request.onsuccess = () => {
      const db = request.result;
      const done = (value: BoardInfo | null) => {
        db.close();
        resolve(value);
      };
      try {
        const get = db.transaction('custom', 'readonly').objectStore('custom').get(INFO_KEY);
        get.onsuccess = () => {
          try {
            const info =
              typeof get.result === 'string' ? (JSON.parse(get.result) as unknown) : null;
            done(isBoardInfo(info, boardId, role) ? info : null);
          } catch {
            done(null);
          }
        };
        get.onerror = () => done(null);
      } catch {
        done(null);
      }
    };
  });
}

function isBoardInfo(value: unknown, boardId: string, role: Role): value is BoardInfo {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.id === boardId &&
    v.role === role &&
    typeof v.title === 'string' &&
    typeof v.municipality === 'string' &&
    typeof v.permissions === 'object' &&
    v.permissions !== null
  );
}
