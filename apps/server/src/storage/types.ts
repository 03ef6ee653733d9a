import type { ItemKind, Role } from '@werkraum/model';

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

/**
 * An item a participant submitted while the facilitator collects in moderated mode. It lives in
 * the store's moderation queue — never in the board doc — until the facilitator reveals it.
 */
export interface HiddenItem {
  id: string;
  boardId: string;
  kind: ItemKind;
  parentId: string | null;
  /** The item's content as submitted (validated by the session layer); stored as JSON. */
  content: Record<string, unknown>;
  /** For a measure added under a goal: the goal it serves (linked when it is shown), else null. */
  servesId: string | null;
  authorName: string;
  authorId: string;
  /** Milliseconds since the epoch. */
  submittedAt: number;
}

/** The version kinds (as `VERSION_KINDS` of `@werkraum/model`). */
export type StoredVersionKind = 'zielerklaerung' | 'quarterly' | 'review' | 'session' | 'manual';

/** A named, immutable version of a board (structurally the model's `VersionInfo`). */
export interface StoredVersionInfo {
  /** 16 base64url characters, unique per board. */
  id: string;
  kind: StoredVersionKind;
  name: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Name (or pseudonym) of who recorded it; '' if unknown. */
  createdBy: string;
  /** The report item it records (quarterly / review), or null. */
  reportId: string | null;
}

/** A stored version: its info and the full Yjs state of the board at that time. */
export interface StoredVersion {
  info: StoredVersionInfo;
  state: Uint8Array;
}

/** A board's public results page (one per board at most). */
export interface Publication {
  boardId: string;
  /** 22 base64url characters (128 random bits), unique; the page is `/p/<publicId>`. */
  publicId: string;
  /** The (Zielerklärung) version shown. */
  versionId: string;
  title: string;
  text: string;
  /** Milliseconds since the epoch. */
  publishedAt: number;
}

/** A named person seen present while a workshop step was open. */
export interface AttendanceRecord {
  step: number;
  name: string;
  /** Milliseconds since the epoch. */
  firstSeen: number;
  lastSeen: number;
}

/** Result of `BoardStore.compact`. */
export interface CompactResult {
  /** The new snapshot covers every update up to this sequence number. */
  throughSeq: number;
  /** Size of the new snapshot. */
  bytes: number;
}

export interface BoardStore {
  /**
   * Optional: prepares the store (e.g. schema migrations of a server database). `listen()`
   * awaits it so that a broken database fails the start; stores also call it themselves.
   */
  init?(): Promise<void>;
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
  /**
   * Optional: compacts the board inside the store, from what is STORED (not from a process's
   * copy of the doc): in one transaction that locks the board, applies snapshot + updates into
   * a fresh Y.Doc, writes it as the new snapshot and deletes the updates it covers. Stores
   * shared by several processes implement it, and rooms then use it instead of
   * `writeSnapshot`. Resolves undefined for an unknown board.
   */
  compact?(id: string): Promise<CompactResult | undefined>;
  /** The link whose token hashes to `tokenHash` (an indexed lookup by hash), if any. */
  findLink(tokenHash: Uint8Array): Promise<StoredLink | undefined>;
  /** Replaces the board's link of `role` (the old token stops working once this resolved). */
  replaceLink(boardId: string, role: Role, tokenHash: Uint8Array): Promise<void>;
  /** Adds an item to the board's moderation queue (the board must exist). */
  enqueueHidden(item: HiddenItem): Promise<void>;
  /** The board's moderation queue, oldest first. */
  listHidden(boardId: string): Promise<HiddenItem[]>;
  /**
   * Removes the queued items with these ids (of this board) and returns those that existed,
   * oldest first, in one transaction: of two concurrent calls each item goes to one only.
   */
  takeHidden(boardId: string, ids: string[]): Promise<HiddenItem[]>;
  /**
   * Stores a new version (the board must exist; a version id is unique per board). Versions
   * are immutable: there is no update.
   */
  addVersion(boardId: string, info: StoredVersionInfo, state: Uint8Array): Promise<void>;
  /** The board's versions, newest first. */
  listVersions(boardId: string): Promise<StoredVersionInfo[]>;
  getVersion(boardId: string, versionId: string): Promise<StoredVersion | undefined>;
  /** SHA-256 (32 bytes) of the board's calendar secret, if one was made. */
  getCalendarKey(boardId: string): Promise<Uint8Array | undefined>;
  /** Sets (or replaces) the SHA-256 of the board's calendar secret. */
  setCalendarKey(boardId: string, hash: Uint8Array): Promise<void>;
  getPublication(boardId: string): Promise<Publication | undefined>;
  /** The publication with this public id (an indexed lookup), if any. */
  findPublication(publicId: string): Promise<Publication | undefined>;
  /** Creates or replaces the board's publication. */
  putPublication(publication: Publication): Promise<void>;
  /** Revokes the board's publication; resolves false if there was none. */
  deletePublication(boardId: string): Promise<boolean>;
  /**
   * Records that `name` was present while `step` was open, at `at` (ms): the first time sets
   * `firstSeen`, every time `lastSeen`. Only names are stored.
   */
  recordAttendance(boardId: string, step: number, name: string, at: number): Promise<void>;
  /** The board's attendance, by step, then by first seen. */
  listAttendance(boardId: string): Promise<AttendanceRecord[]>;
  /**
   * Deletes the board and everything stored about it (document, updates, snapshot, links,
   * moderation queue, versions, calendar key, publication, attendance), in one transaction.
   * Resolves false if there was no such board.
   */
  deleteBoard(id: string): Promise<boolean>;
  /** Ids of the boards whose last stored change (`updatedAt`) is older than `before` (ms). */
  listExpiredBoards(before: number): Promise<string[]>;
  close(): Promise<void>;
}
