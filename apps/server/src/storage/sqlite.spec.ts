import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/helpers.js';
import { describeBoardStoreContract } from '../testing/store-contract.js';
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
      expect(db.pragma('user_version', { simple: true })).toBe(3);
    } finally {
      db.close();
    }
  });
});
