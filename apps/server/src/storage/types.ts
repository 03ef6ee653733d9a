import type { Role } from '@werkraum/model';

/**
 * Storage of boards behind a small async interface. The embedded SQLite store is the default;
 * a shared store (e.g. Postgres) for several server processes implements the same interface.
 *
 * A board's document is stored as an optional snapshot (a full Yjs state) plus the Yjs updates
 * committed after it, each with a per-board sequence number.
 */

/** Board metadata as stored beside the document (kept in step with the live doc). */
export interface BoardMeta {
  municipality: string;
  title: string;
  languages: string[];
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** The metadata fields that can change while a board is edited. */
export type EditableBoardMeta = Pick<BoardMeta, 'municipality' | 'title' | 'languages'>;

export interface BoardRecord extends BoardMeta {
  id: string;
  /** Milliseconds since the epoch of the last committed change. */
  updatedAt: number;
}

export interface StoredDoc {
  /** Full Yjs state covering every update up to `snapshotSeq`, or null. */
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  /** Updates committed after the snapshot, in commit order. */
  updates: Uint8Array[];
  /** Sequence number of the last committed update (`snapshotSeq` if there are none). */
  lastSeq: number;
}

export interface AppendOptions {
  /** New metadata to store in the same transaction (when the doc's meta changed). */
  meta?: EditableBoardMeta;
}

/** A role's link of a board, as stored: only the SHA-256 of the token, never the token. */
export interface StoredLink {
  boardId: string;
  role: Role;
  /** SHA-256 of the token (32 bytes). */
  tokenHash: Uint8Array;
}

export interface NewLink {
  role: Role;
  tokenHash: Uint8Array;
}

export interface BoardStore {
  /**
   * Stores a new board with its initial document state as the first snapshot and its links,
   * in one transaction.
   */
  createBoard(
    id: string,
    meta: BoardMeta,
    initialState: Uint8Array,
    links?: readonly NewLink[],
  ): Promise<BoardRecord>;
  getBoard(id: string): Promise<BoardRecord | undefined>;
  /** The board's stored document, or undefined for an unknown board. */
  loadDoc(id: string): Promise<StoredDoc | undefined>;
  /**
   * Commits the updates (in order) in ONE transaction, bumps `updatedAt` and returns the
   * sequence number of the last one. Once the promise resolved, the updates are durable.
   */
  appendUpdates(id: string, updates: Uint8Array[], options?: AppendOptions): Promise<number>;
  /**
   * Stores `state` as the board's snapshot and deletes the updates with seq ≤ `throughSeq`, in
   * one transaction.
   */
  writeSnapshot(id: string, state: Uint8Array, throughSeq: number): Promise<void>;
  /** The link whose token hashes to `tokenHash` (an indexed lookup by hash), if any. */
  findLink(tokenHash: Uint8Array): Promise<StoredLink | undefined>;
  /** Replaces the board's link of `role` (the old token stops working once this resolved). */
  replaceLink(boardId: string, role: Role, tokenHash: Uint8Array): Promise<void>;
  /**
   * Deletes the board and everything stored about it (document, updates, snapshot, links), in
   * one transaction. Resolves false if there was no such board.
   */
  deleteBoard(id: string): Promise<boolean>;
  /** Ids of the boards whose last stored change (`updatedAt`) is older than `before` (ms). */
  listExpiredBoards(before: number): Promise<string[]>;
  close(): Promise<void>;
}
