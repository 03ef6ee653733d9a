import {
  BoardModel,
  ModelError,
  boardFromSnapshot,
  newVersionId,
  plainBoardItems,
  restoreBoard,
  restoreItem,
  snapshotBoard,
  versionInfoSchema,
  type PlainBoard,
  type VersionInfo,
  type VersionKind,
} from '@werkraum/model';
import { boardRef, type Logger } from './logger.js';
import type { Rooms } from './rooms.js';
import type { BoardStore } from './storage/types.js';

/** Why a version operation was refused (mapped to HTTP 400 / 404 / 409). */
export class VersionError extends Error {
  constructor(
    readonly code: 'bad_request' | 'not_found' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'VersionError';
  }
}

export interface RecordVersionInput {
  kind: VersionKind;
  name: string;
  /** The report the version records (kinds quarterly / review only). */
  reportId?: string | null;
  /** Who records it (a name or pseudonym; '' if unknown). */
  createdBy: string;
}

export interface VersionsOptions {
  store: BoardStore;
  rooms: Rooms;
  logger: Logger;
  now?: () => number;
}

/**
 * Named, immutable versions of a board: a version is the full Yjs state of the LIVE room doc at
 * the time it was recorded (`snapshotBoard`), kept in the store. Viewing decodes it into a plain
 * board; restoring writes the version's content back as ordinary new changes (nothing is
 * overwritten in history).
 */
export class Versions {
  readonly #store: BoardStore;
  readonly #rooms: Rooms;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #listeners = new Set<(boardId: string, info: VersionInfo) => void>();

  constructor(options: VersionsOptions) {
    this.#store = options.store;
    this.#rooms = options.rooms;
    this.#log = options.logger;
    this.#now = options.now ?? Date.now;
  }

  /** Called after each recorded version (e.g. to tell the board's clients); returns unsubscribe. */
  listen(listener: (boardId: string, info: VersionInfo) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The board's versions, newest first. */
  async list(boardId: string): Promise<VersionInfo[]> {
    return (await this.#store.listVersions(boardId)) as VersionInfo[];
  }

  /** A version with the board as it was then, or undefined. */
  async get(
    boardId: string,
    versionId: string,
  ): Promise<{ info: VersionInfo; board: PlainBoard } | undefined> {
    const stored = await this.#store.getVersion(boardId, versionId);
    if (!stored) return undefined;
    return { info: stored.info as VersionInfo, board: boardFromSnapshot(stored.state) };
  }

  /**
   * Records a version of the live board. With `reportId` (kinds quarterly / review), the report
   * must exist and be of that type; once the version is stored, `report.versionId` is set to it
   * in the live doc. Rejects with `VersionError` or `BoardNotFoundError`.
   */
  async record(boardId: string, input: RecordVersionInput): Promise<VersionInfo> {
    const reportId = input.reportId ?? null;
    if (reportId !== null && input.kind !== 'quarterly' && input.kind !== 'review') {
      throw new VersionError('bad_request', 'Only quarterly and review versions record a report');
    }
    const info = versionInfoSchema.parse({
      id: newVersionId(),
      kind: input.kind,
      name: input.name,
      createdAt: this.#now(),
      createdBy: input.createdBy,
      reportId,
    });
    const state = await this.#rooms.change(boardId, (room) => {
      if (reportId !== null) {
        const report = new BoardModel(room.doc).get(reportId);
        if (report?.kind !== 'report') throw new VersionError('not_found', 'No such report');
        if (report.type !== input.kind) {
          throw new VersionError('bad_request', `The report is not a ${input.kind} report`);
        }
      }
      return snapshotBoard(room.doc);
    });
    await this.#store.addVersion(boardId, info, state);
    if (reportId !== null) {
      try {
        await this.#rooms.change(boardId, (room) => {
          const model = new BoardModel(room.doc);
          // Deleted meanwhile: the version stays, there is nothing to mark.
          if (model.get(reportId)?.kind === 'report')
            model.update(reportId, { versionId: info.id });
        });
      } catch (error) {
        this.#log.error(
          { err: error, board: boardRef(boardId) },
          'marking the report as recorded failed; the version is stored',
        );
      }
    }
    this.#log.info({ board: boardRef(boardId), kind: info.kind }, 'version recorded');
    for (const listener of this.#listeners) listener(boardId, info);
    return info;
  }

  /**
   * Restores one item (with its descendants and the links touching them) or, without `itemId`,
   * the whole board from a version, as a new change of the live board. Resolves the ids
   * restored. Rejects with `VersionError` (unknown version, item not in it, refused by the model).
   */
  async restore(boardId: string, versionId: string, itemId?: string, by = ''): Promise<string[]> {
    const version = await this.get(boardId, versionId);
    if (!version) throw new VersionError('not_found', 'No such version');
    const items = plainBoardItems(version.board);
    if (itemId !== undefined && !items.some((item) => item.id === itemId)) {
      throw new VersionError('not_found', 'The item is not part of this version');
    }
    try {
      const restored = await this.#rooms.change(boardId, (room) => {
        const model = new BoardModel(room.doc, { author: by });
        if (itemId !== undefined) return restoreItem(model, version.board, itemId);
        restoreBoard(model, version.board);
        return items.map((item) => item.id);
      });
      this.#log.info(
        { board: boardRef(boardId), whole: itemId === undefined, items: restored.length },
        'restored from a version',
      );
      return restored;
    } catch (error) {
      if (error instanceof ModelError) {
        throw new VersionError(
          error.code === 'not_found' ? 'not_found' : 'conflict',
          error.message,
        );
      }
      throw error;
    }
  }
}
