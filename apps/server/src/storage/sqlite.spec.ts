import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeTempDir } from '../testing/helpers.js';
import { SQLITE_FILE_NAME, SqliteBoardStore } from './sqlite.js';

const meta = {
  municipality: 'Musterstadt',
  title: 'Strategie',
  languages: ['de', 'en'],
  createdAt: 1,
};

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  let captured: Uint8Array | null = null;
  const onUpdate = (update: Uint8Array) => (captured = update);
  doc.on('update', onUpdate);
  doc.getText('t').insert(doc.getText('t').length, text);
  doc.off('update', onUpdate);
  return captured as unknown as Uint8Array;
}

function replay(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

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

  it('creates boards and returns them; unknown boards are undefined', async () => {
    const created = await store.createBoard('a'.repeat(22), meta, new Uint8Array([0, 0]));
    expect(created).toMatchObject({ id: 'a'.repeat(22), ...meta });
    expect(await store.getBoard('a'.repeat(22))).toEqual(created);
    expect(await store.getBoard('b'.repeat(22))).toBeUndefined();
    expect(await store.loadDoc('b'.repeat(22))).toBeUndefined();
  });

  it('round-trips snapshot and updates across a reopen, in order', async () => {
    const source = new Y.Doc();
    const initial = textUpdate(source, 'Hallo');
    await store.createBoard('x'.repeat(22), meta, initial);
    expect(await store.appendUpdates('x'.repeat(22), [textUpdate(source, ' Welt')])).toBe(1);
    expect(
      await store.appendUpdates('x'.repeat(22), [textUpdate(source, '!'), textUpdate(source, '?')]),
    ).toBe(3);
    await store.close();

    store = new SqliteBoardStore({ dataDir: dir });
    const stored = await store.loadDoc('x'.repeat(22));
    expect(stored).toMatchObject({ snapshotSeq: 0, lastSeq: 3 });
    expect(stored?.updates).toHaveLength(3);
    expect(replay(stored!).getText('t').toString()).toBe('Hallo Welt!?');
  });

  it('a snapshot replaces the updates it covers, in one step, and keeps later ones', async () => {
    const source = new Y.Doc();
    await store.createBoard('s'.repeat(22), meta, Y.encodeStateAsUpdate(source));
    await store.appendUpdates('s'.repeat(22), [textUpdate(source, 'a'), textUpdate(source, 'b')]);
    const covered = Y.encodeStateAsUpdate(source);
    await store.appendUpdates('s'.repeat(22), [textUpdate(source, 'c')]);
    await store.writeSnapshot('s'.repeat(22), covered, 2);

    const stored = await store.loadDoc('s'.repeat(22));
    expect(stored).toMatchObject({ snapshotSeq: 2, lastSeq: 3 });
    expect(stored?.updates).toHaveLength(1);
    expect(replay(stored!).getText('t').toString()).toBe('abc');
    // Sequence numbers continue after a snapshot, even when no update row is left.
    await store.writeSnapshot('s'.repeat(22), Y.encodeStateAsUpdate(source), 3);
    expect(await store.appendUpdates('s'.repeat(22), [textUpdate(source, 'd')])).toBe(4);
  });

  it('updates meta and updatedAt together with the updates', async () => {
    await store.createBoard('m'.repeat(22), meta, new Uint8Array([0, 0]));
    const before = await store.getBoard('m'.repeat(22));
    await new Promise((r) => setTimeout(r, 5));
    await store.appendUpdates('m'.repeat(22), [new Uint8Array([0, 0])], {
      meta: { municipality: 'Landkreis', title: 'Neu', languages: ['de'] },
    });
    const after = await store.getBoard('m'.repeat(22));
    expect(after).toMatchObject({ municipality: 'Landkreis', title: 'Neu', languages: ['de'] });
    expect(after!.updatedAt).toBeGreaterThan(before!.updatedAt);
    expect(after!.createdAt).toBe(1);
  });

  it('rejects appends to unknown boards without writing anything', async () => {
    await expect(store.appendUpdates('u'.repeat(22), [new Uint8Array([0, 0])])).rejects.toThrow();
  });

  it('uses WAL and records the schema version', async () => {
    await store.close();
    store = new SqliteBoardStore({ dataDir: dir, synchronous: 'FULL' });
    const db = new Database(`${dir}/${SQLITE_FILE_NAME}`, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });
});
