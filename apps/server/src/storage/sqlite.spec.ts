import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/helpers.js';
import { describeBoardStoreContract, hiddenItem } from '../testing/store-contract.js';
import { SQLITE_FILE_NAME, SqliteBoardStore } from './sqlite.js';

describeBoardStoreContract('SqliteBoardStore', async () => {
  const { dir, cleanup } = await makeTempDir();
  return { open: async () => new SqliteBoardStore({ dataDir: dir }), cleanup };
});

describe('SqliteBoardStore', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: SqliteBoardStore;

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    store = new SqliteBoardStore({ dataDir: dir });
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('uses WAL and records the schema version', async () => {
    await store.close();
    store = new SqliteBoardStore({ dataDir: dir, synchronous: 'FULL' });
    const db = new Database(`${dir}/${SQLITE_FILE_NAME}`, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(5);
    } finally {
      db.close();
    }
  });

  it('upgrades a version-3 database (before versions) and keeps its boards', async () => {
    const boardId = 'o'.repeat(22);
    await store.createBoard(
      boardId,
      { municipality: 'M', title: 'T', languages: ['de'], createdAt: 1 },
      new Uint8Array([0, 0]),
    );
    await store.close();
    // Back to the schema of version 3.
    const db = new Database(`${dir}/${SQLITE_FILE_NAME}`);
    db.exec(
      'DROP TABLE versions; DROP TABLE calendar_keys; DROP TABLE publications; DROP TABLE attendance;' +
        ' ALTER TABLE hidden_items DROP COLUMN serves_id;',
    );
    db.pragma('user_version = 3');
    db.close();
    store = new SqliteBoardStore({ dataDir: dir });
    expect(await store.getBoard(boardId)).toMatchObject({ title: 'T' });
    await store.recordAttendance(boardId, 3, 'Amira', 5);
    expect(await store.listAttendance(boardId)).toHaveLength(1);
    expect(await store.listVersions(boardId)).toEqual([]);
    // Version 5: a queued measure keeps the goal it serves.
    const item = hiddenItem(boardId, 1, { kind: 'measure', parentId: 'f', servesId: 'g' });
    await store.enqueueHidden(item);
    expect(await store.listHidden(boardId)).toEqual([item]);
  });
});
