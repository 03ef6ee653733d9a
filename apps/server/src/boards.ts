import { createBoardInputSchema, initBoardDoc, newBoardId } from '@werkraum/model';
import * as Y from 'yjs';
import { boardRef, type Logger } from './logger.js';
import type { Rooms } from './rooms.js';
import type { BoardMeta, BoardRecord, BoardStore } from './storage/types.js';

/** A board as the API describes it. */
export interface BoardInfo extends BoardMeta {
  id: string;
  updatedAt: number;
}

/** Board-level operations shared by the HTTP API and the session channel. */
export class Boards {
  readonly #store: BoardStore;
  readonly #rooms: Rooms;
  readonly #log: Logger;

  constructor(options: { store: BoardStore; rooms: Rooms; logger: Logger }) {
    this.#store = options.store;
    this.#rooms = options.rooms;
    this.#log = options.logger;
  }

  /**
   * Creates a board: a fresh doc initialised by the model, stored as the first snapshot.
   * `input` must be the output of `createBoardInputSchema`.
   */
  async create(input: ReturnType<typeof createBoardInputSchema.parse>): Promise<BoardRecord> {
    const id = newBoardId();
    const meta: BoardMeta = {
      municipality: input.municipality,
      title: input.title,
      languages: input.languages,
      createdAt: Date.now(),
    };
    const doc = new Y.Doc();
    try {
      initBoardDoc(doc, meta);
      const record = await this.#store.createBoard(id, meta, Y.encodeStateAsUpdate(doc));
      this.#log.info({ board: boardRef(id) }, 'board created');
      return record;
    } finally {
      doc.destroy();
    }
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
}
