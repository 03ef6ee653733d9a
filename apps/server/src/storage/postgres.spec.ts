import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../testing/helpers.js';
import { createTestDatabase } from '../testing/services.js';
import {
  describeBoardStoreContract,
  hiddenItem,
  replay,
  textUpdate,
} from '../testing/store-contract.js';
import { PostgresBoardStore } from './postgres.js';

let database: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const open = (): PostgresBoardStore =>
  new PostgresBoardStore({ connectionString: database.url, logger: silentLogger });

/** Empties the tables between contract tests (one database per file). */
async function truncate(): Promise<void> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(
      `TRUNCATE attendance, publications, calendar_keys, versions, hidden_items, board_links,
         updates, snapshots, boards RESTART IDENTITY`,
    );
  } finally {
    await client.end();
  }
}

describeBoardStoreContract('PostgresBoardStore', async () => ({
  open: async () => open(),
  cleanup: truncate,
}));

const meta = { municipality: 'Musterstadt', title: 'Strategie', languages: ['de'], createdAt: 1 };

describe('PostgresBoardStore', () => {
  it('migrates once when several processes start at the same time', async () => {
    const fresh = await createTestDatabase();
    const stores = Array.from(
      { length: 4 },
      () => new PostgresBoardStore({ connectionString: fresh.url, logger: silentLogger }),
    );
    try {
      await Promise.all(stores.map((store) => store.init()));
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      try {
        const versions = await client.query('SELECT version FROM werkraum_schema_version');
        expect(versions.rows).toEqual([{ version: 3 }]);
      } finally {
        await client.end();
      }
      await stores[0]!.createBoard('p'.repeat(22), meta, new Uint8Array([0, 0]));
      expect(await stores[3]!.getBoard('p'.repeat(22))).toMatchObject(meta);
    } finally {
      for (const store of stores) await store.close();
      await fresh.drop();
    }
  });

  it('upgrades a schema-1 database (before versions) and keeps its boards', async () => {
    const fresh = await createTestDatabase();
    const first = new PostgresBoardStore({ connectionString: fresh.url, logger: silentLogger });
    try {
      await first.createBoard('o'.repeat(22), meta, new Uint8Array([0, 0]));
      await first.close();
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      try {
        await client.query(
          'DROP TABLE versions, calendar_keys, publications, attendance; ALTER TABLE hidden_items DROP COLUMN serves_id; UPDATE werkraum_schema_version SET version = 1',
        );
      } finally {
        await client.end();
      }
      const upgraded = new PostgresBoardStore({
        connectionString: fresh.url,
        logger: silentLogger,
      });
      try {
        expect(await upgraded.getBoard('o'.repeat(22))).toMatchObject(meta);
        await upgraded.recordAttendance('o'.repeat(22), 5, 'Amira', 5);
        expect(await upgraded.listAttendance('o'.repeat(22))).toHaveLength(1);
        const item = hiddenItem('o'.repeat(22), 1, { kind: 'measure', servesId: 'g' });
        await upgraded.enqueueHidden(item);
        expect(await upgraded.listHidden('o'.repeat(22))).toEqual([item]);
      } finally {
        await upgraded.close();
      }
    } finally {
      await first.close();
      await fresh.drop();
    }
  });

  it('compaction while several writers append loses nothing and keeps seqs gap-free', async () => {
    await truncate();
    const writers = [open(), open(), open()];
    const compactor = open();
    const boardId = 'w'.repeat(22);
    try {
      await writers[0]!.createBoard(boardId, meta, Y.encodeStateAsUpdate(new Y.Doc()));
      const docs = writers.map(() => new Y.Doc());
      const seqs: number[] = [];
      let compacting = true;
      const compactions = (async () => {
        let count = 0;
        while (compacting) {
          await compactor.compact(boardId);
          count++;
        }
        return count;
      })();
      await Promise.all(
        writers.map(async (store, w) => {
          for (let i = 0; i < 40; i++) {
            const update = textUpdate(docs[w]!, `${w}`);
            seqs.push(await store.appendUpdates(boardId, [update]));
          }
        }),
      );
      compacting = false;
      expect(await compactions).toBeGreaterThan(0);
      expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
      const stored = await compactor.loadDoc(boardId);
      expect(stored?.lastSeq).toBe(120);
      const text = replay(stored!).getText('t').toString();
      for (const w of ['0', '1', '2']) expect(text.split(w).length - 1).toBe(40);
      // A final compaction covers everything.
      expect(await compactor.compact(boardId)).toMatchObject({ throughSeq: 120 });
      expect(await compactor.loadDoc(boardId)).toMatchObject({ snapshotSeq: 120, updates: [] });
    } finally {
      for (const store of [...writers, compactor]) await store.close();
    }
  });

  it('a stale snapshot never replaces a newer one', async () => {
    await truncate();
    const store = open();
    const boardId = 'n'.repeat(22);
    try {
      const source = new Y.Doc();
      await store.createBoard(boardId, meta, Y.encodeStateAsUpdate(source));
      await store.appendUpdates(boardId, [textUpdate(source, 'a')]);
      const old = Y.encodeStateAsUpdate(source);
      await store.appendUpdates(boardId, [textUpdate(source, 'b')]);
      await store.compact(boardId);
      await store.writeSnapshot(boardId, old, 1);
      const stored = await store.loadDoc(boardId);
      expect(stored).toMatchObject({ snapshotSeq: 2 });
      expect(replay(stored!).getText('t').toString()).toBe('ab');
    } finally {
      await store.close();
    }
  });
});
