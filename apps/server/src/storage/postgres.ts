import { itemKindSchema, roleSchema, type Role } from '@werkraum/model';
import pg from 'pg';
import * as Y from 'yjs';
import { redactUrl } from '../config.js';
import type { Logger } from '../logger.js';
import { versionKind } from './version-kinds.js';
import type {
  AppendOptions,
  AttendanceRecord,
  BoardMeta,
  BoardRecord,
  BoardStore,
  CompactResult,
  HiddenItem,
  NewLink,
  Publication,
  StoredDoc,
  StoredLink,
  StoredVersion,
  StoredVersionInfo,
} from './types.js';

/**
 * Schema migrations, applied in order; `werkraum_schema_version.version` holds how many ran.
 * Times are milliseconds since the epoch (BIGINT), binary data is BYTEA.
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    municipality TEXT NOT NULL,
    title TEXT NOT NULL,
    languages JSONB NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    last_seq BIGINT NOT NULL DEFAULT 0
  );
  CREATE INDEX boards_updated_at ON boards (updated_at);
  CREATE TABLE snapshots (
    board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    state BYTEA NOT NULL,
    through_seq BIGINT NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE updates (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    data BYTEA NOT NULL,
    PRIMARY KEY (board_id, seq)
  );
  CREATE TABLE board_links (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'steering', 'participant', 'viewer')),
    token_hash BYTEA NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (board_id, role)
  );
  CREATE TABLE hidden_items (
    seq BIGSERIAL PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id TEXT,
    content JSONB NOT NULL,
    author_name TEXT NOT NULL,
    author_id TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    UNIQUE (board_id, id)
  );
  CREATE INDEX hidden_items_board ON hidden_items (board_id, seq);
  `,
  // 2: versions, calendar secret (SHA-256), publication, attendance (names only).
  `
  CREATE TABLE versions (
    seq BIGSERIAL PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    report_id TEXT,
    state BYTEA NOT NULL,
    UNIQUE (board_id, id)
  );
  CREATE INDEX versions_board ON versions (board_id, created_at, seq);
  CREATE TABLE calendar_keys (
    board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    key_hash BYTEA NOT NULL CHECK (octet_length(key_hash) = 32),
    created_at BIGINT NOT NULL
  );
  CREATE TABLE publications (
    board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    public_id TEXT NOT NULL UNIQUE,
    version_id TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    published_at BIGINT NOT NULL
  );
  CREATE TABLE attendance (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    name TEXT NOT NULL,
    first_seen BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    PRIMARY KEY (board_id, step, name)
  );
  `,
  // 3: a measure submitted under a goal keeps the goal it serves until it is shown.
  `
  ALTER TABLE hidden_items ADD COLUMN serves_id TEXT;
  `,
];

/** Key of the advisory lock that serialises migrations of processes starting at once. */
const MIGRATION_LOCK_KEY = 0x5765726b; // 'Werk'

export interface PostgresBoardStoreOptions {
  /** `postgres://user:password@host:port/database`. */
  connectionString: string;
  logger: Logger;
  /** Largest number of pooled connections (default 10). */
  maxConnections?: number;
}

interface BoardRow {
  id: string;
  municipality: string;
  title: string;
  languages: string[];
  created_at: string;
  updated_at: string;
}

interface HiddenRow {
  seq: string;
  board_id: string;
  id: string;
  kind: string;
  parent_id: string | null;
  content: Record<string, unknown>;
  serves_id: string | null;
  author_name: string;
  author_id: string;
  submitted_at: string;
}

function toRecord(row: BoardRow): BoardRecord {
  return {
    id: row.id,
    municipality: row.municipality,
    title: row.title,
    languages: row.languages,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toHidden(row: HiddenRow): HiddenItem {
  return {
    id: row.id,
    boardId: row.board_id,
    kind: itemKindSchema.parse(row.kind),
    parentId: row.parent_id,
    content: row.content,
    servesId: row.serves_id ?? null,
    authorName: row.author_name,
    authorId: row.author_id,
    submittedAt: Number(row.submitted_at),
  };
}

interface VersionRow {
  id: string;
  kind: string;
  name: string;
  created_at: string;
  created_by: string;
  report_id: string | null;
}

function toVersionInfo(row: VersionRow): StoredVersionInfo {
  return {
    id: row.id,
    kind: versionKind(row.kind),
    name: row.name,
    createdAt: Number(row.created_at),
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
  published_at: string;
}

function toPublication(row: PublicationRow): Publication {
  return {
    boardId: row.board_id,
    publicId: row.public_id,
    versionId: row.version_id,
    title: row.title,
    text: row.text,
    publishedAt: Number(row.published_at),
  };
}

const VERSION_COLUMNS = 'id, kind, name, created_at, created_by, report_id';

/** A Buffer view of the bytes (pg sends Buffers as bytea). */
const toBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
/** A plain, exactly sized copy of a bytea value. */
const toBytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer);

/**
 * The shared store for several server processes: PostgreSQL through a `pg.Pool`. Every write
 * is one transaction and resolves only after COMMIT. Appends and compaction of a board
 * serialise on its `boards` row (`SELECT … FOR UPDATE`), so sequence numbers are gap-free per
 * board whichever process writes, and compaction (`compact`) works from the stored state, not
 * from any process's copy of the doc.
 */
export class PostgresBoardStore implements BoardStore {
  readonly #pool: pg.Pool;
  readonly #log: Logger;
  readonly #description: string;
  #ready: Promise<void> | null = null;
  #closed = false;

  constructor(options: PostgresBoardStoreOptions) {
    this.#log = options.logger.child({ component: 'postgres' });
    this.#description = redactUrl(options.connectionString);
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
    });
    // An idle pooled connection that breaks (server restart) emits here; without a listener
    // the process would crash. The pool replaces it on the next query.
    this.#pool.on('error', (error) => {
      this.#log.warn({ err: error }, 'idle PostgreSQL connection failed; the pool replaces it');
    });
  }

  /** The database URL without its password, for logs. */
  get description(): string {
    return this.#description;
  }

  /** Runs the schema migrations once (every method waits for it; `listen()` calls it first). */
  init(): Promise<void> {
    this.#ready ??= this.#migrate().catch((error: unknown) => {
      this.#ready = null; // the next call tries again
      throw error;
    });
    return this.#ready;
  }

  async createBoard(
    id: string,
    meta: BoardMeta,
    initialState: Uint8Array,
    links: readonly NewLink[] = [],
  ): Promise<BoardRecord> {
    const now = Date.now();
    await this.#transaction(async (client) => {
      await client.query(
        `INSERT INTO boards (id, municipality, title, languages, created_at, updated_at, last_seq)
         VALUES ($1, $2, $3, $4, $5, $6, 0)`,
        [id, meta.municipality, meta.title, JSON.stringify(meta.languages), meta.createdAt, now],
      );
      await client.query(
        'INSERT INTO snapshots (board_id, state, through_seq, created_at) VALUES ($1, $2, 0, $3)',
        [id, toBuffer(initialState), now],
      );
      for (const link of links) {
        await client.query(
          'INSERT INTO board_links (board_id, role, token_hash, created_at) VALUES ($1, $2, $3, $4)',
          [id, link.role, toBuffer(link.tokenHash), now],
        );
      }
    });
    return { id, ...meta, languages: [...meta.languages], updatedAt: now };
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const result = await this.#query<BoardRow>(
      'SELECT id, municipality, title, languages, created_at, updated_at FROM boards WHERE id = $1',
      [id],
    );
    const row = result.rows[0];
    return row ? toRecord(row) : undefined;
  }

  async loadDoc(id: string): Promise<StoredDoc | undefined> {
    // One snapshot of the database for all three reads, so they are consistent.
    return this.#transaction(async (client) => {
      const board = await client.query<{ last_seq: string }>(
        'SELECT last_seq FROM boards WHERE id = $1',
        [id],
      );
      const boardRow = board.rows[0];
      if (!boardRow) return undefined;
      return readDoc(client, id, Number(boardRow.last_seq));
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async appendUpdates(id: string, updates: Uint8Array[], options?: AppendOptions): Promise<number> {
    return this.#transaction(async (client) => {
      const locked = await client.query<{ last_seq: string }>(
        'SELECT last_seq FROM boards WHERE id = $1 FOR UPDATE',
        [id],
      );
      const row = locked.rows[0];
      if (!row) throw new Error('appendUpdates: unknown board');
      let seq = Number(row.last_seq);
      if (updates.length > 0) {
        const values: string[] = [];
        const params: unknown[] = [id];
        for (const update of updates) {
          params.push(++seq, toBuffer(update));
          values.push(`($1, $${params.length - 1}, $${params.length})`);
        }
        await client.query(
          `INSERT INTO updates (board_id, seq, data) VALUES ${values.join(', ')}`,
          params,
        );
      }
      const meta = options?.meta;
      if (meta) {
        await client.query(
          `UPDATE boards SET last_seq = $1, updated_at = $2, municipality = $3, title = $4,
             languages = $5 WHERE id = $6`,
          [seq, Date.now(), meta.municipality, meta.title, JSON.stringify(meta.languages), id],
        );
      } else {
        await client.query('UPDATE boards SET last_seq = $1, updated_at = $2 WHERE id = $3', [
          seq,
          Date.now(),
          id,
        ]);
      }
      return seq;
    });
  }

  async writeSnapshot(id: string, state: Uint8Array, throughSeq: number): Promise<void> {
    await this.#transaction(async (client) => {
      const locked = await client.query('SELECT 1 FROM boards WHERE id = $1 FOR UPDATE', [id]);
      if (locked.rowCount === 0) throw new Error('writeSnapshot: unknown board');
      // Never replace a newer snapshot (another process may have compacted further).
      await client.query(
        `INSERT INTO snapshots (board_id, state, through_seq, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (board_id) DO UPDATE SET
           state = excluded.state, through_seq = excluded.through_seq,
           created_at = excluded.created_at
         WHERE snapshots.through_seq <= excluded.through_seq`,
        [id, toBuffer(state), throughSeq, Date.now()],
      );
      await client.query('DELETE FROM updates WHERE board_id = $1 AND seq <= $2', [id, throughSeq]);
    });
  }

  /**
   * Compacts from the stored state: locks the board row (appends of every process wait),
   * applies snapshot + updates into a fresh Y.Doc in one Yjs transaction, writes the result as
   * the snapshot through the board's last seq and deletes the covered updates — one database
   * transaction.
   */
  async compact(id: string): Promise<CompactResult | undefined> {
    return this.#transaction(async (client) => {
      const locked = await client.query<{ last_seq: string }>(
        'SELECT last_seq FROM boards WHERE id = $1 FOR UPDATE',
        [id],
      );
      const row = locked.rows[0];
      if (!row) return undefined;
      const lastSeq = Number(row.last_seq);
      const stored = await readDoc(client, id, lastSeq);
      if (stored.updates.length === 0 && stored.snapshotSeq === lastSeq) {
        return { throughSeq: lastSeq, bytes: stored.snapshot?.byteLength ?? 0 };
      }
      const doc = new Y.Doc();
      let state: Uint8Array;
      try {
        doc.transact(() => {
          if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
          for (const update of stored.updates) Y.applyUpdate(doc, update);
        });
        state = Y.encodeStateAsUpdate(doc);
      } finally {
        doc.destroy();
      }
      await client.query(
        `INSERT INTO snapshots (board_id, state, through_seq, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (board_id) DO UPDATE SET
           state = excluded.state, through_seq = excluded.through_seq,
           created_at = excluded.created_at`,
        [id, toBuffer(state), lastSeq, Date.now()],
      );
      await client.query('DELETE FROM updates WHERE board_id = $1 AND seq <= $2', [id, lastSeq]);
      return { throughSeq: lastSeq, bytes: state.byteLength };
    });
  }

  async findLink(tokenHash: Uint8Array): Promise<StoredLink | undefined> {
    const result = await this.#query<{ board_id: string; role: string; token_hash: Buffer }>(
      'SELECT board_id, role, token_hash FROM board_links WHERE token_hash = $1',
      [toBuffer(tokenHash)],
    );
    const row = result.rows[0];
    if (!row) return undefined;
    return {
      boardId: row.board_id,
      role: roleSchema.parse(row.role),
      tokenHash: toBytes(row.token_hash),
    };
  }

  async replaceLink(boardId: string, role: Role, tokenHash: Uint8Array): Promise<void> {
    await this.#query(
      `INSERT INTO board_links (board_id, role, token_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (board_id, role) DO UPDATE SET
         token_hash = excluded.token_hash, created_at = excluded.created_at`,
      [boardId, role, toBuffer(tokenHash), Date.now()],
    );
  }

  async enqueueHidden(item: HiddenItem): Promise<void> {
    await this.#query(
      `INSERT INTO hidden_items
         (board_id, id, kind, parent_id, content, serves_id, author_name, author_id, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        item.boardId,
        item.id,
        item.kind,
        item.parentId,
        JSON.stringify(item.content),
        item.servesId,
        item.authorName,
        item.authorId,
        item.submittedAt,
      ],
    );
  }

  async listHidden(boardId: string): Promise<HiddenItem[]> {
    const result = await this.#query<HiddenRow>(
      'SELECT * FROM hidden_items WHERE board_id = $1 ORDER BY seq',
      [boardId],
    );
    return result.rows.map(toHidden);
  }

  async takeHidden(boardId: string, ids: string[]): Promise<HiddenItem[]> {
    if (ids.length === 0) return [];
    // One statement: of two concurrent calls, each row is deleted (and returned) by one only.
    const result = await this.#query<HiddenRow>(
      'DELETE FROM hidden_items WHERE board_id = $1 AND id = ANY($2::text[]) RETURNING *',
      [boardId, ids],
    );
    return result.rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toHidden);
  }

  async addVersion(boardId: string, info: StoredVersionInfo, state: Uint8Array): Promise<void> {
    await this.#query(
      `INSERT INTO versions (board_id, id, kind, name, created_at, created_by, report_id, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        boardId,
        info.id,
        info.kind,
        info.name,
        info.createdAt,
        info.createdBy,
        info.reportId,
        toBuffer(state),
      ],
    );
  }

  async listVersions(boardId: string): Promise<StoredVersionInfo[]> {
    const result = await this.#query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM versions WHERE board_id = $1
       ORDER BY created_at DESC, seq DESC`,
      [boardId],
    );
    return result.rows.map(toVersionInfo);
  }

  async getVersion(boardId: string, versionId: string): Promise<StoredVersion | undefined> {
    const result = await this.#query<VersionRow & { state: Buffer }>(
      `SELECT ${VERSION_COLUMNS}, state FROM versions WHERE board_id = $1 AND id = $2`,
      [boardId, versionId],
    );
    const row = result.rows[0];
    return row ? { info: toVersionInfo(row), state: toBytes(row.state) } : undefined;
  }

  async getCalendarKey(boardId: string): Promise<Uint8Array | undefined> {
    const result = await this.#query<{ key_hash: Buffer }>(
      'SELECT key_hash FROM calendar_keys WHERE board_id = $1',
      [boardId],
    );
    const row = result.rows[0];
    return row ? toBytes(row.key_hash) : undefined;
  }

  async setCalendarKey(boardId: string, hash: Uint8Array): Promise<void> {
    await this.#query(
      `INSERT INTO calendar_keys (board_id, key_hash, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (board_id) DO UPDATE SET
         key_hash = excluded.key_hash, created_at = excluded.created_at`,
      [boardId, toBuffer(hash), Date.now()],
    );
  }

  async getPublication(boardId: string): Promise<Publication | undefined> {
    const result = await this.#query<PublicationRow>(
      'SELECT * FROM publications WHERE board_id = $1',
      [boardId],
    );
    const row = result.rows[0];
    return row ? toPublication(row) : undefined;
  }

  async findPublication(publicId: string): Promise<Publication | undefined> {
    const result = await this.#query<PublicationRow>(
      'SELECT * FROM publications WHERE public_id = $1',
      [publicId],
    );
    const row = result.rows[0];
    return row ? toPublication(row) : undefined;
  }

  async putPublication(p: Publication): Promise<void> {
    await this.#query(
      `INSERT INTO publications (board_id, public_id, version_id, title, text, published_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (board_id) DO UPDATE SET
         public_id = excluded.public_id, version_id = excluded.version_id,
         title = excluded.title, text = excluded.text, published_at = excluded.published_at`,
      [p.boardId, p.publicId, p.versionId, p.title, p.text, p.publishedAt],
    );
  }

  async deletePublication(boardId: string): Promise<boolean> {
    const result = await this.#query('DELETE FROM publications WHERE board_id = $1', [boardId]);
    return (result.rowCount ?? 0) > 0;
  }

  async recordAttendance(boardId: string, step: number, name: string, at: number): Promise<void> {
    await this.#query(
      `INSERT INTO attendance (board_id, step, name, first_seen, last_seen)
       VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (board_id, step, name) DO UPDATE SET
         first_seen = LEAST(attendance.first_seen, excluded.first_seen),
         last_seen = GREATEST(attendance.last_seen, excluded.last_seen)`,
      [boardId, step, name, at],
    );
  }

  async listAttendance(boardId: string): Promise<AttendanceRecord[]> {
    const result = await this.#query<{
      step: number;
      name: string;
      first_seen: string;
      last_seen: string;
    }>(
      `SELECT step, name, first_seen, last_seen FROM attendance WHERE board_id = $1
       ORDER BY step, first_seen, name`,
      [boardId],
    );
    return result.rows.map((row) => ({
      step: row.step,
      name: row.name,
      firstSeen: Number(row.first_seen),
      lastSeen: Number(row.last_seen),
    }));
  }

  async deleteBoard(id: string): Promise<boolean> {
    // Explicit deletes (not only ON DELETE CASCADE), so that nothing survives a schema change.
    return this.#transaction(async (client) => {
      await client.query('DELETE FROM attendance WHERE board_id = $1', [id]);
      await client.query('DELETE FROM publications WHERE board_id = $1', [id]);
      await client.query('DELETE FROM calendar_keys WHERE board_id = $1', [id]);
      await client.query('DELETE FROM versions WHERE board_id = $1', [id]);
      await client.query('DELETE FROM hidden_items WHERE board_id = $1', [id]);
      await client.query('DELETE FROM board_links WHERE board_id = $1', [id]);
      await client.query('DELETE FROM updates WHERE board_id = $1', [id]);
      await client.query('DELETE FROM snapshots WHERE board_id = $1', [id]);
      const deleted = await client.query('DELETE FROM boards WHERE id = $1', [id]);
      return (deleted.rowCount ?? 0) > 0;
    });
  }

  async listExpiredBoards(before: number): Promise<string[]> {
    const result = await this.#query<{ id: string }>(
      'SELECT id FROM boards WHERE updated_at < $1 ORDER BY updated_at',
      [before],
    );
    return result.rows.map((row) => row.id);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  async #query<R extends pg.QueryResultRow>(
    text: string,
    params: unknown[],
  ): Promise<pg.QueryResult<R>> {
    await this.init();
    return this.#pool.query<R>(text, params);
  }

  /** Runs `work` in one transaction on one pooled connection; COMMIT before it resolves. */
  async #transaction<T>(
    work: (client: pg.PoolClient) => Promise<T>,
    begin = 'BEGIN',
    migrating = false,
  ): Promise<T> {
    if (!migrating) await this.init();
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(begin);
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection is unusable: drop it from the pool (the original error is thrown).
          broken =
            rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          this.#log.warn({ err: rollbackError }, 'ROLLBACK failed; discarding the connection');
        }
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  async #migrate(): Promise<void> {
    await this.#transaction(
      async (client) => {
        // Processes starting at once wait here for each other; the lock ends with the transaction.
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
        await client.query(
          'CREATE TABLE IF NOT EXISTS werkraum_schema_version (version INTEGER NOT NULL)',
        );
        const current = await client.query<{ version: number }>(
          'SELECT version FROM werkraum_schema_version',
        );
        let version = current.rows[0]?.version ?? 0;
        if (current.rowCount === 0) {
          await client.query('INSERT INTO werkraum_schema_version (version) VALUES (0)');
        }
        if (version > migrations.length) {
          throw new Error(
            `Database schema version ${version} is newer than this server supports (${migrations.length}).`,
          );
        }
        for (; version < migrations.length; version++) {
          await client.query(migrations[version] as string);
        }
        await client.query('UPDATE werkraum_schema_version SET version = $1', [version]);
        if (current.rows[0]?.version !== version) {
          this.#log.info({ version }, 'PostgreSQL schema migrated');
        }
      },
      'BEGIN',
      true,
    );
  }
}

/** Snapshot and later updates of a board, read on `client` (inside the caller's transaction). */
async function readDoc(client: pg.PoolClient, id: string, lastSeq: number): Promise<StoredDoc> {
  const snapshot = await client.query<{ state: Buffer; through_seq: string }>(
    'SELECT state, through_seq FROM snapshots WHERE board_id = $1',
    [id],
  );
  const snapshotRow = snapshot.rows[0];
  const snapshotSeq = snapshotRow ? Number(snapshotRow.through_seq) : 0;
  const updates = await client.query<{ data: Buffer }>(
    'SELECT data FROM updates WHERE board_id = $1 AND seq > $2 ORDER BY seq',
    [id, snapshotSeq],
  );
  return {
    snapshot: snapshotRow ? toBytes(snapshotRow.state) : null,
    snapshotSeq,
    updates: updates.rows.map((row) => toBytes(row.data)),
    lastSeq,
  };
}
