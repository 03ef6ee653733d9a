import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { itemKindSchema, roleSchema, type Role } from '@werkraum/model';
import type { SqliteSynchronous } from '../config.js';
import { versionKind } from './version-kinds.js';
import type {
  AppendOptions,
  AttendanceRecord,
  BoardMeta,
  BoardRecord,
  BoardStore,
  EditableBoardMeta,
  HiddenItem,
  NewLink,
  Publication,
  StoredDoc,
  StoredLink,
  StoredVersion,
  StoredVersionInfo,
} from './types.js';

export const SQLITE_FILE_NAME = 'werkraum.sqlite';

/** Schema migrations; `PRAGMA user_version` holds how many have been applied. */
const migrations: readonly string[] = [
  `
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    municipality TEXT NOT NULL,
    title TEXT NOT NULL,
    languages TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE TABLE snapshots (
    board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    state BLOB NOT NULL,
    through_seq INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE updates (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (board_id, seq)
  ) STRICT, WITHOUT ROWID;
  `,
  // 2: capability links, one per board and role. Only the SHA-256 of a token is stored.
  `
  CREATE TABLE board_links (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'steering', 'participant', 'viewer')),
    token_hash BLOB NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (board_id, role)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX boards_updated_at ON boards (updated_at);
  `,
  // 3: the moderation queue (items submitted in moderated collection, hidden until revealed).
  `
  CREATE TABLE hidden_items (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id TEXT,
    content TEXT NOT NULL,
    author_name TEXT NOT NULL,
    author_id TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    UNIQUE (board_id, id)
  ) STRICT;
  CREATE INDEX hidden_items_board ON hidden_items (board_id, seq);
  `,
  // 4: the process over months: immutable named versions (full Yjs state), the calendar
  // secret (SHA-256 only), the public results page, and who attended the workshops (names).
  `
  CREATE TABLE versions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    report_id TEXT,
    state BLOB NOT NULL,
    UNIQUE (board_id, id)
  ) STRICT;
  CREATE INDEX versions_board ON versions (board_id, created_at, seq);
  CREATE TABLE calendar_keys (
    board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    key_hash BLOB NOT NULL CHECK (length(key_hash) = 32),
    created_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE publications (
    board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    public_id TEXT NOT NULL UNIQUE,
    version_id TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    published_at INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE attendance (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    name TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    PRIMARY KEY (board_id, step, name)
  ) STRICT, WITHOUT ROWID;
  `,
  // 5: a measure submitted under a goal keeps the goal it serves until it is shown.
  `
  ALTER TABLE hidden_items ADD COLUMN serves_id TEXT;
  `,
];

export interface SqliteBoardStoreOptions {
  /** Directory of the database file; created if missing. */
  dataDir: string;
  /** Default 'NORMAL' (survives a killed process); 'FULL' also survives power loss. */
  synchronous?: SqliteSynchronous;
}

interface BoardRow {
  id: string;
  municipality: string;
  title: string;
  languages: string;
  created_at: number;
  updated_at: number;
  last_seq: number;
}

function toRecord(row: BoardRow): BoardRecord {
  return {
    id: row.id,
    municipality: row.municipality,
    title: row.title,
    languages: JSON.parse(row.languages) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

interface HiddenRow {
  board_id: string;
  id: string;
  kind: string;
  parent_id: string | null;
  content: string;
  serves_id: string | null;
  author_name: string;
  author_id: string;
  submitted_at: number;
}

function hiddenFromRow(row: HiddenRow): HiddenItem {
  return {
    id: row.id,
    boardId: row.board_id,
    kind: itemKindSchema.parse(row.kind),
    parentId: row.parent_id,
    content: JSON.parse(row.content) as Record<string, unknown>,
    servesId: row.serves_id ?? null,
    authorName: row.author_name,
    authorId: row.author_id,
    submittedAt: row.submitted_at,
  };
}

interface VersionRow {
  id: string;
  kind: string;
  name: string;
  created_at: number;
  created_by: string;
  report_id: string | null;
}

function versionFromRow(row: VersionRow): StoredVersionInfo {
  return {
    id: row.id,
    kind: versionKind(row.kind),
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by,
    reportId: row.report_id,
  };
}

interface PublicationRow {
  board_id: string;
  public_id: string;
  version_id: string;
  title: string;
  text: string;
  published_at: number;
}

function publicationFromRow(row: PublicationRow): Publication {
  return {
    boardId: row.board_id,
    publicId: row.public_id,
    versionId: row.version_id,
    title: row.title,
    text: row.text,
    publishedAt: row.published_at,
  };
}

/** Copies a Buffer from SQLite into a plain, exactly sized Uint8Array. */
const toBytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer);

/**
 * The embedded default store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so
 * every call commits before its promise resolves.
 */
export class SqliteBoardStore implements BoardStore {
  readonly file: string;
  readonly #db: Database.Database;
  readonly #statements;
  readonly #appendTx;
  readonly #snapshotTx;
  readonly #loadTx;
  readonly #deleteTx;
  readonly #takeHiddenTx;

  constructor(options: SqliteBoardStoreOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.file = path.resolve(options.dataDir, SQLITE_FILE_NAME);
    const db = new Database(this.file);
    this.#db = db;
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Deleted content is overwritten with zeros, so that a deleted board is gone from the file
    // (data protection), not only unlinked.
    db.pragma('secure_delete = ON');
    migrate(db);

    const s = {
      insertBoard: db.prepare<[string, string, string, string, number, number]>(
        `INSERT INTO boards (id, municipality, title, languages, created_at, updated_at, last_seq)
         VALUES (?, ?, ?, ?, ?, ?, 0)`,
      ),
      getBoard: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
      lastSeq: db.prepare<[string], { last_seq: number }>(
        'SELECT last_seq FROM boards WHERE id = ?',
      ),
      insertUpdate: db.prepare<[string, number, Uint8Array]>(
        'INSERT INTO updates (board_id, seq, data) VALUES (?, ?, ?)',
      ),
      bump: db.prepare<[number, number, string]>(
        'UPDATE boards SET last_seq = ?, updated_at = ? WHERE id = ?',
      ),
      setMeta: db.prepare<[string, string, string, string]>(
        'UPDATE boards SET municipality = ?, title = ?, languages = ? WHERE id = ?',
      ),
      upsertSnapshot: db.prepare<[string, Uint8Array, number, number]>(
        `INSERT INTO snapshots (board_id, state, through_seq, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (board_id) DO UPDATE SET
           state = excluded.state, through_seq = excluded.through_seq,
           created_at = excluded.created_at`,
      ),
      getSnapshot: db.prepare<[string], { state: Buffer; through_seq: number }>(
        'SELECT state, through_seq FROM snapshots WHERE board_id = ?',
      ),
      updatesAfter: db.prepare<[string, number], { data: Buffer }>(
        'SELECT data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq',
      ),
      deleteUpdatesThrough: db.prepare<[string, number]>(
        'DELETE FROM updates WHERE board_id = ? AND seq <= ?',
      ),
      insertLink: db.prepare<[string, string, Uint8Array, number]>(
        'INSERT INTO board_links (board_id, role, token_hash, created_at) VALUES (?, ?, ?, ?)',
      ),
      replaceLink: db.prepare<[string, string, Uint8Array, number]>(
        `INSERT INTO board_links (board_id, role, token_hash, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (board_id, role) DO UPDATE SET
           token_hash = excluded.token_hash, created_at = excluded.created_at`,
      ),
      findLink: db.prepare<[Uint8Array], { board_id: string; role: string; token_hash: Buffer }>(
        'SELECT board_id, role, token_hash FROM board_links WHERE token_hash = ?',
      ),
      insertHidden: db.prepare<
        [string, string, string, string | null, string, string | null, string, string, number]
      >(
        `INSERT INTO hidden_items
           (board_id, id, kind, parent_id, content, serves_id, author_name, author_id, submitted_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      listHidden: db.prepare<[string], HiddenRow>(
        'SELECT * FROM hidden_items WHERE board_id = ? ORDER BY seq',
      ),
      getHidden: db.prepare<[string, string], HiddenRow & { seq: number }>(
        'SELECT * FROM hidden_items WHERE board_id = ? AND id = ?',
      ),
      deleteHiddenItem: db.prepare<[string, string]>(
        'DELETE FROM hidden_items WHERE board_id = ? AND id = ?',
      ),
      deleteHidden: db.prepare<[string]>('DELETE FROM hidden_items WHERE board_id = ?'),
      insertVersion: db.prepare<
        [string, string, string, string, number, string, string | null, Uint8Array]
      >(
        `INSERT INTO versions (board_id, id, kind, name, created_at, created_by, report_id, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      listVersions: db.prepare<[string], VersionRow>(
        `SELECT id, kind, name, created_at, created_by, report_id FROM versions
         WHERE board_id = ? ORDER BY created_at DESC, seq DESC`,
      ),
      getVersion: db.prepare<[string, string], VersionRow & { state: Buffer }>(
        `SELECT id, kind, name, created_at, created_by, report_id, state FROM versions
         WHERE board_id = ? AND id = ?`,
      ),
      getCalendarKey: db.prepare<[string], { key_hash: Buffer }>(
        'SELECT key_hash FROM calendar_keys WHERE board_id = ?',
      ),
      setCalendarKey: db.prepare<[string, Uint8Array, number]>(
        `INSERT INTO calendar_keys (board_id, key_hash, created_at) VALUES (?, ?, ?)
         ON CONFLICT (board_id) DO UPDATE SET
           key_hash = excluded.key_hash, created_at = excluded.created_at`,
      ),
      getPublication: db.prepare<[string], PublicationRow>(
        'SELECT * FROM publications WHERE board_id = ?',
      ),
      findPublication: db.prepare<[string], PublicationRow>(
        'SELECT * FROM publications WHERE public_id = ?',
      ),
      putPublication: db.prepare<[string, string, string, string, string, number]>(
        `INSERT INTO publications (board_id, public_id, version_id, title, text, published_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (board_id) DO UPDATE SET
           public_id = excluded.public_id, version_id = excluded.version_id,
           title = excluded.title, text = excluded.text, published_at = excluded.published_at`,
      ),
      deletePublication: db.prepare<[string]>('DELETE FROM publications WHERE board_id = ?'),
      recordAttendance: db.prepare<[string, number, string, number, number]>(
        `INSERT INTO attendance (board_id, step, name, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (board_id, step, name) DO UPDATE SET
           first_seen = min(attendance.first_seen, excluded.first_seen),
           last_seen = max(attendance.last_seen, excluded.last_seen)`,
      ),
      listAttendance: db.prepare<
        [string],
        { step: number; name: string; first_seen: number; last_seen: number }
      >(
        `SELECT step, name, first_seen, last_seen FROM attendance WHERE board_id = ?
         ORDER BY step, first_seen, name`,
      ),
      deleteVersions: db.prepare<[string]>('DELETE FROM versions WHERE board_id = ?'),
      deleteCalendarKey: db.prepare<[string]>('DELETE FROM calendar_keys WHERE board_id = ?'),
      deleteAttendance: db.prepare<[string]>('DELETE FROM attendance WHERE board_id = ?'),
      deleteLinks: db.prepare<[string]>('DELETE FROM board_links WHERE board_id = ?'),
      deleteUpdates: db.prepare<[string]>('DELETE FROM updates WHERE board_id = ?'),
      deleteSnapshot: db.prepare<[string]>('DELETE FROM snapshots WHERE board_id = ?'),
      deleteBoard: db.prepare<[string]>('DELETE FROM boards WHERE id = ?'),
      expired: db.prepare<[number], { id: string }>(
        'SELECT id FROM boards WHERE updated_at < ? ORDER BY updated_at',
      ),
    };
    this.#statements = s;

    this.#appendTx = db.transaction(
      (id: string, updates: Uint8Array[], meta: EditableBoardMeta | undefined): number => {
        const row = s.lastSeq.get(id);
        if (!row) throw new Error('appendUpdates: unknown board');
        let seq = row.last_seq;
        for (const update of updates) s.insertUpdate.run(id, ++seq, update);
        s.bump.run(seq, Date.now(), id);
        if (meta) s.setMeta.run(meta.municipality, meta.title, JSON.stringify(meta.languages), id);
        return seq;
      },
    );
    this.#snapshotTx = db.transaction((id: string, state: Uint8Array, throughSeq: number) => {
      s.upsertSnapshot.run(id, state, throughSeq, Date.now());
      s.deleteUpdatesThrough.run(id, throughSeq);
    });
    // Explicit deletes (not only ON DELETE CASCADE), so that nothing survives a schema change.
    this.#deleteTx = db.transaction((id: string): boolean => {
      s.deleteAttendance.run(id);
      s.deletePublication.run(id);
      s.deleteCalendarKey.run(id);
      s.deleteVersions.run(id);
      s.deleteHidden.run(id);
      s.deleteLinks.run(id);
      s.deleteUpdates.run(id);
      s.deleteSnapshot.run(id);
      return s.deleteBoard.run(id).changes > 0;
    });
    this.#takeHiddenTx = db.transaction((boardId: string, ids: string[]): HiddenItem[] => {
      const rows: (HiddenRow & { seq: number })[] = [];
      for (const id of new Set(ids)) {
        const row = s.getHidden.get(boardId, id);
        if (!row) continue;
        s.deleteHiddenItem.run(boardId, id);
        rows.push(row);
      }
      return rows.sort((a, b) => a.seq - b.seq).map(hiddenFromRow);
    });
    // One read transaction, so snapshot and updates are consistent with each other.
    this.#loadTx = db.transaction((id: string): StoredDoc | undefined => {
      const board = s.lastSeq.get(id);
      if (!board) return undefined;
      const snapshot = s.getSnapshot.get(id);
      const snapshotSeq = snapshot?.through_seq ?? 0;
      return {
        snapshot: snapshot ? toBytes(snapshot.state) : null,
        snapshotSeq,
        updates: s.updatesAfter.all(id, snapshotSeq).map((row) => toBytes(row.data)),
        lastSeq: board.last_seq,
      };
    });
  }

  async createBoard(
    id: string,
    meta: BoardMeta,
    initialState: Uint8Array,
    links: readonly NewLink[] = [],
  ): Promise<BoardRecord> {
    const now = Date.now();
    this.#db.transaction(() => {
      this.#statements.insertBoard.run(
        id,
        meta.municipality,
        meta.title,
        JSON.stringify(meta.languages),
        meta.createdAt,
        now,
      );
      this.#statements.upsertSnapshot.run(id, initialState, 0, now);
      for (const link of links) {
        this.#statements.insertLink.run(id, link.role, link.tokenHash, now);
      }
    })();
    return { id, ...meta, languages: [...meta.languages], updatedAt: now };
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const row = this.#statements.getBoard.get(id);
    return row ? toRecord(row) : undefined;
  }

  async loadDoc(id: string): Promise<StoredDoc | undefined> {
    return this.#loadTx(id);
  }

  async appendUpdates(id: string, updates: Uint8Array[], options?: AppendOptions): Promise<number> {
    return this.#appendTx(id, updates, options?.meta);
  }

  async writeSnapshot(id: string, state: Uint8Array, throughSeq: number): Promise<void> {
    this.#snapshotTx(id, state, throughSeq);
  }

  async findLink(tokenHash: Uint8Array): Promise<StoredLink | undefined> {
    const row = this.#statements.findLink.get(tokenHash);
    if (!row) return undefined;
    return {
      boardId: row.board_id,
      role: roleSchema.parse(row.role),
      tokenHash: new Uint8Array(row.token_hash),
    };
  }

  async replaceLink(boardId: string, role: Role, tokenHash: Uint8Array): Promise<void> {
    this.#statements.replaceLink.run(boardId, role, tokenHash, Date.now());
  }

  async enqueueHidden(item: HiddenItem): Promise<void> {
    this.#statements.insertHidden.run(
      item.boardId,
      item.id,
      item.kind,
      item.parentId,
      JSON.stringify(item.content),
      item.servesId,
      item.authorName,
      item.authorId,
      item.submittedAt,
    );
  }

  async listHidden(boardId: string): Promise<HiddenItem[]> {
    return this.#statements.listHidden.all(boardId).map(hiddenFromRow);
  }

  async takeHidden(boardId: string, ids: string[]): Promise<HiddenItem[]> {
    return this.#takeHiddenTx(boardId, ids);
  }

  async addVersion(boardId: string, info: StoredVersionInfo, state: Uint8Array): Promise<void> {
    this.#statements.insertVersion.run(
      boardId,
      info.id,
      info.kind,
      info.name,
      info.createdAt,
      info.createdBy,
      info.reportId,
      state,
    );
  }

  async listVersions(boardId: string): Promise<StoredVersionInfo[]> {
    return this.#statements.listVersions.all(boardId).map(versionFromRow);
  }

  async getVersion(boardId: string, versionId: string): Promise<StoredVersion | undefined> {
    const row = this.#statements.getVersion.get(boardId, versionId);
    return row ? { info: versionFromRow(row), state: toBytes(row.state) } : undefined;
  }

  async getCalendarKey(boardId: string): Promise<Uint8Array | undefined> {
    const row = this.#statements.getCalendarKey.get(boardId);
    return row ? toBytes(row.key_hash) : undefined;
  }

  async setCalendarKey(boardId: string, hash: Uint8Array): Promise<void> {
    this.#statements.setCalendarKey.run(boardId, hash, Date.now());
  }

  async getPublication(boardId: string): Promise<Publication | undefined> {
    const row = this.#statements.getPublication.get(boardId);
    return row ? publicationFromRow(row) : undefined;
  }

  async findPublication(publicId: string): Promise<Publication | undefined> {
    const row = this.#statements.findPublication.get(publicId);
    return row ? publicationFromRow(row) : undefined;
  }

  async putPublication(p: Publication): Promise<void> {
    this.#statements.putPublication.run(
      p.boardId,
      p.publicId,
      p.versionId,
      p.title,
      p.text,
      p.publishedAt,
    );
  }

  async deletePublication(boardId: string): Promise<boolean> {
    return this.#statements.deletePublication.run(boardId).changes > 0;
  }

  async recordAttendance(boardId: string, step: number, name: string, at: number): Promise<void> {
    this.#statements.recordAttendance.run(boardId, step, name, at, at);
  }

  async listAttendance(boardId: string): Promise<AttendanceRecord[]> {
    return this.#statements.listAttendance.all(boardId).map((row) => ({
      step: row.step,
      name: row.name,
      firstSeen: row.first_seen,
      lastSeen: row.last_seen,
    }));
  }

  async deleteBoard(id: string): Promise<boolean> {
    const deleted = this.#deleteTx(id);
    // Older versions of the deleted pages still sit in the WAL file until a checkpoint; copy
    // them back (zeroed) and truncate the WAL now.
    if (deleted) this.#db.pragma('wal_checkpoint(TRUNCATE)');
    return deleted;
  }

  async listExpiredBoards(before: number): Promise<string[]> {
    return this.#statements.expired.all(before).map((row) => row.id);
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) {
    throw new Error(
      `Database schema version ${version} is newer than this server supports (${migrations.length}).`,
    );
  }
  db.transaction(() => {
    for (let i = version; i < migrations.length; i++) db.exec(migrations[i] as string);
    db.pragma(`user_version = ${migrations.length}`);
  })();
}
