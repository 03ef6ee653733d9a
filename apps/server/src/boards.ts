import {
  BoardModel,
  ROLES,
  createBoardInputSchema,
  exportBoard,
  importBoardDoc,
  initBoardDoc,
  newBoardId,
  readSession,
  type BoardExport,
  type PlainBoard,
  type Role,
  type SessionSettings,
} from '@werkraum/model';
import * as Y from 'yjs';
import { hashToken, newToken, type Access } from './access.js';
import { StorageFailureError } from './errors.js';
import { boardRef, type Logger } from './logger.js';
import type { PresenceStore } from './presence.js';
import type { Rooms } from './rooms.js';
import type { BoardMeta, BoardRecord, BoardStore } from './storage/types.js';

/** A board as the API describes it. */
export interface BoardInfo extends BoardMeta {
  id: string;
  updatedAt: number;
}

/** A new board (created or imported) with the token of each role's link. */
export interface CreatedBoard {
  record: BoardRecord;
  tokens: Record<Role, string>;
}

const DAY_MS = 86_400_000;

export interface BoardsOptions {
  store: BoardStore;
  rooms: Rooms;
  access: Access;
  presence: PresenceStore;
  logger: Logger;
  /** Boards without a stored change for this many days are deleted by `sweepExpired`. */
  retentionDays: number;
}

/** Board-level operations shared by the HTTP API and the session channel. */
export class Boards {
  readonly #store: BoardStore;
  readonly #rooms: Rooms;
  readonly #access: Access;
  readonly #presence: PresenceStore;
  readonly #log: Logger;
  readonly #retentionMs: number;
  #sweeping: Promise<number> | null = null;

  constructor(options: BoardsOptions) {
    this.#store = options.store;
    this.#rooms = options.rooms;
    this.#access = options.access;
    this.#presence = options.presence;
    this.#log = options.logger;
    this.#retentionMs = options.retentionDays * DAY_MS;
  }

  /**
   * Creates a board: a fresh doc initialised by the model, stored as the first snapshot, with
   * one new link per role. `input` must be the output of `createBoardInputSchema`.
   */
  async create(input: ReturnType<typeof createBoardInputSchema.parse>): Promise<CreatedBoard> {
    const meta: BoardMeta = {
      municipality: input.municipality,
      title: input.title,
      languages: input.languages,
      createdAt: Date.now(),
    };
    return this.#createFrom(meta, (doc) => initBoardDoc(doc, meta), 'board created');
  }

  /**
   * Creates a NEW board from an exported one (new id, new links): its plain board equals the
   * file's. `board` must be valid (`boardExportSchema` and `checkPlainBoard`).
   */
  async importBoard(board: PlainBoard): Promise<CreatedBoard> {
    const meta: BoardMeta = { ...board.meta, languages: [...board.meta.languages] };
    return this.#createFrom(meta, (doc) => importBoardDoc(doc, board), 'board imported');
  }

  /**
   * The board's metadata. Title and municipality are edited live in the doc; the store's meta
   * columns are updated in the same transaction as the updates that change them, so the stored
   * record is the committed state. For a loaded board, pending updates are committed first.
   */
  async describe(id: string): Promise<BoardInfo | undefined> {
    const room = this.#rooms.getLoaded(id);
    if (room) await room.committed();
    return this.#store.getBoard(id);
  }

  /** When the retention sweep will delete the board unless it changes before. */
  deleteAfter(board: BoardInfo): Date {
    return new Date(board.updatedAt + this.#retentionMs);
  }

  /** All of the board's data as a file (committed state). */
  async export(id: string): Promise<BoardExport> {
    return this.#rooms.change(id, (room) => exportBoard(room.doc));
  }

  /** Writes session settings into the board's doc (committed and relayed like any update). */
  async setSession(id: string, patch: Partial<SessionSettings>): Promise<SessionSettings> {
    return this.#rooms.change(id, (room) => {
      new BoardModel(room.doc).setSession(patch);
      return readSession(room.doc);
    });
  }

  /** A new token for `role`; the old one stops working and its live connections are closed. */
  async rotateLink(id: string, role: Role): Promise<string> {
    const token = await this.#access.rotate(id, role);
    this.#log.info({ board: boardRef(id), role }, 'link rotated');
    return token;
  }

  /**
   * Deletes the board and everything about it: live connections are closed (ws 4410,
   * socket.io disconnect), the room is dropped, then document, updates, snapshot, links and
   * presence are deleted. Resolves false if there was no such board.
   */
  async delete(id: string, why: 'request' | 'retention' = 'request'): Promise<boolean> {
    this.#access.beginDelete(id);
    let deleted = false;
    try {
      await this.#rooms.deleteBoard(id, async () => {
        deleted = await this.#store.deleteBoard(id);
      });
      await this.#presence.deleteBoard(id);
    } finally {
      this.#access.endDelete(id);
    }
    if (deleted) this.#log.info({ board: boardRef(id), why }, 'board deleted');
    return deleted;
  }

  /**
   * Deletes every board without a stored change for `retentionDays` (as of `now`). Resolves
   * with the number deleted. Concurrent calls share one sweep.
   */
  sweepExpired(now: number = Date.now()): Promise<number> {
    this.#sweeping ??= (async () => {
      try {
        const expired = await this.#store.listExpiredBoards(now - this.#retentionMs);
        let count = 0;
        for (const id of expired) {
          if (await this.delete(id, 'retention')) count++;
        }
        if (count > 0) this.#log.info({ count }, 'retention sweep deleted boards');
        return count;
      } finally {
        this.#sweeping = null;
      }
    })();
    return this.#sweeping;
  }

  async #createFrom(
    meta: BoardMeta,
    init: (doc: Y.Doc) => void,
    message: string,
  ): Promise<CreatedBoard> {
    const id = newBoardId();
    const tokens = Object.fromEntries(ROLES.map((role) => [role, newToken()])) as Record<
      Role,
      string
    >;
    const doc = new Y.Doc();
    try {
      init(doc);
      let record;
      try {
        record = await this.#store.createBoard(
          id,
          meta,
          Y.encodeStateAsUpdate(doc),
          ROLES.map((role) => ({ role, tokenHash: hashToken(tokens[role]) })),
        );
      } catch (error) {
        // Reported to the client as 503 (try again later), logged by the HTTP layer.
        throw new StorageFailureError('Could not store the new board', { cause: error });
      }
      this.#log.info({ board: boardRef(id) }, message);
      return { record, tokens };
    } finally {
      doc.destroy();
    }
  }
}
