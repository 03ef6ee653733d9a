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

export interface BoardStore {
  /** Stores a new board with its initial document state as the first snapshot. */
  createBoard(id: string, meta: BoardMeta, initialState: Uint8Array): Promise<BoardRecord>;
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
  close(): Promise<void>;
}
