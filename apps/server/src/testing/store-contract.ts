import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type {
  BoardStore,
  HiddenItem,
  StoredVersionInfo,
  StoredVersionKind,
} from '../storage/types.js';

/**
 * The `BoardStore` contract, run against every store (`sqlite.spec.ts`, `postgres.spec.ts`).
 * `open()` returns a store on the same data each time it is called within one test (for the
 * reopen case); `cleanup()` runs after each test.
 */
export interface StoreFixture {
  open(): Promise<BoardStore>;
  cleanup(): Promise<void>;
}

const meta = {
  municipality: 'Musterstadt',
  title: 'Strategie',
  languages: ['de', 'en'],
  createdAt: 1,
};

export function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  let captured: Uint8Array | null = null;
  const onUpdate = (update: Uint8Array) => (captured = update);
  doc.on('update', onUpdate);
  doc.getText('t').insert(doc.getText('t').length, text);
  doc.off('update', onUpdate);
  return captured as unknown as Uint8Array;
}

export function replay(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** A board id made of one repeated character (unique per test within a store). */
const id = (c: string): string => c.repeat(22);

export function hiddenItem(
  boardId: string,
  n: number,
  overrides: Partial<HiddenItem> = {},
): HiddenItem {
  return {
    id: `item-${n}`,
    boardId,
    kind: 'need',
    parentId: null,
    content: { text: `Bedürfnis ${n}`, nested: { list: [1, 2] } },
    servesId: null,
    authorName: `Person ${n}`,
    authorId: `author-${n}`,
    submittedAt: 1_000 + n,
    ...overrides,
  };
}

export function versionInfo(
  versionId: string,
  kind: StoredVersionKind,
  createdAt: number,
  reportId: string | null = null,
): StoredVersionInfo {
  return {
    id: versionId,
    kind,
    name: `Version ${versionId.slice(-1)} – ${kind}`,
    createdAt,
    createdBy: 'Moderation Müller',
    reportId,
  };
}

export function describeBoardStoreContract(name: string, fixture: () => Promise<StoreFixture>) {
  describe(`${name} (BoardStore contract)`, () => {
    let current: StoreFixture;
    let store: BoardStore;
    const opened: BoardStore[] = [];

    const reopen = async (): Promise<BoardStore> => {
      await store.close();
      store = await current.open();
      opened.push(store);
      return store;
    };

    beforeEach(async () => {
      current = await fixture();
      store = await current.open();
      opened.push(store);
    });
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await current.cleanup();
    });

    it('creates boards and returns them; unknown boards are undefined', async () => {
      const created = await store.createBoard(id('a'), meta, new Uint8Array([0, 0]));
      expect(created).toMatchObject({ id: id('a'), ...meta });
      expect(await store.getBoard(id('a'))).toEqual(created);
      expect(await store.getBoard(id('b'))).toBeUndefined();
      expect(await store.loadDoc(id('b'))).toBeUndefined();
    });

    it('round-trips snapshot and updates across a reopen, in order', async () => {
      const source = new Y.Doc();
      const initial = textUpdate(source, 'Hallo');
      await store.createBoard(id('x'), meta, initial);
      expect(await store.appendUpdates(id('x'), [textUpdate(source, ' Welt')])).toBe(1);
      expect(
        await store.appendUpdates(id('x'), [textUpdate(source, '!'), textUpdate(source, '?')]),
      ).toBe(3);
      await reopen();
      const stored = await store.loadDoc(id('x'));
      expect(stored).toMatchObject({ snapshotSeq: 0, lastSeq: 3 });
      expect(stored?.updates).toHaveLength(3);
      expect(replay(stored!).getText('t').toString()).toBe('Hallo Welt!?');
    });

    it('a snapshot replaces the updates it covers, in one step, and keeps later ones', async () => {
      const source = new Y.Doc();
      await store.createBoard(id('s'), meta, Y.encodeStateAsUpdate(source));
      await store.appendUpdates(id('s'), [textUpdate(source, 'a'), textUpdate(source, 'b')]);
      const covered = Y.encodeStateAsUpdate(source);
      await store.appendUpdates(id('s'), [textUpdate(source, 'c')]);
      await store.writeSnapshot(id('s'), covered, 2);

      const stored = await store.loadDoc(id('s'));
      expect(stored).toMatchObject({ snapshotSeq: 2, lastSeq: 3 });
      expect(stored?.updates).toHaveLength(1);
      expect(replay(stored!).getText('t').toString()).toBe('abc');
      // Sequence numbers continue after a snapshot, even when no update row is left.
      await store.writeSnapshot(id('s'), Y.encodeStateAsUpdate(source), 3);
      expect(await store.appendUpdates(id('s'), [textUpdate(source, 'd')])).toBe(4);
    });

    it('updates meta and updatedAt together with the updates', async () => {
      await store.createBoard(id('m'), meta, new Uint8Array([0, 0]));
      const before = await store.getBoard(id('m'));
      await new Promise((r) => setTimeout(r, 5));
      await store.appendUpdates(id('m'), [new Uint8Array([0, 0])], {
        meta: { municipality: 'Landkreis', title: 'Neu', languages: ['de'] },
      });
      const after = await store.getBoard(id('m'));
      expect(after).toMatchObject({ municipality: 'Landkreis', title: 'Neu', languages: ['de'] });
      expect(after!.updatedAt).toBeGreaterThan(before!.updatedAt);
      expect(after!.createdAt).toBe(1);
    });

    it('rejects appends to unknown boards without writing anything', async () => {
      await expect(store.appendUpdates(id('u'), [new Uint8Array([0, 0])])).rejects.toThrow();
      expect(await store.loadDoc(id('u'))).toBeUndefined();
    });

    it('finds links by token hash, replaces them, and the old hash stops working', async () => {
      const hash = (n: number) => new Uint8Array(32).fill(n);
      await store.createBoard(id('l'), meta, new Uint8Array([0, 0]), [
        { role: 'facilitator', tokenHash: hash(1) },
        { role: 'viewer', tokenHash: hash(2) },
      ]);
      expect(await store.findLink(hash(1))).toEqual({
        boardId: id('l'),
        role: 'facilitator',
        tokenHash: hash(1),
      });
      await store.replaceLink(id('l'), 'viewer', hash(3));
      expect(await store.findLink(hash(2))).toBeUndefined();
      expect(await store.findLink(hash(3))).toMatchObject({ boardId: id('l'), role: 'viewer' });
      expect(await store.findLink(hash(9))).toBeUndefined();
    });

    it('deletes a board with everything about it; lists expired boards', async () => {
      const hash = new Uint8Array(32).fill(7);
      const source = new Y.Doc();
      await store.createBoard(id('d'), meta, Y.encodeStateAsUpdate(source), [
        { role: 'facilitator', tokenHash: hash },
      ]);
      await store.appendUpdates(id('d'), [textUpdate(source, 'x')]);
      await store.enqueueHidden(hiddenItem(id('d'), 1));
      await store.createBoard(id('k'), meta, new Uint8Array([0, 0]));
      const cutoff = Date.now() + 1_000;
      expect((await store.listExpiredBoards(cutoff)).sort()).toEqual([id('d'), id('k')].sort());
      expect(await store.listExpiredBoards(0)).toEqual([]);

      expect(await store.deleteBoard(id('d'))).toBe(true);
      expect(await store.deleteBoard(id('d'))).toBe(false);
      expect(await store.getBoard(id('d'))).toBeUndefined();
      expect(await store.loadDoc(id('d'))).toBeUndefined();
      expect(await store.findLink(hash)).toBeUndefined();
      expect(await store.listHidden(id('d'))).toEqual([]);
      expect(await store.listExpiredBoards(cutoff)).toEqual([id('k')]);
    });

    it('keeps a moderation queue per board: oldest first, take removes only existing ones', async () => {
      await store.createBoard(id('q'), meta, new Uint8Array([0, 0]));
      await store.createBoard(id('r'), meta, new Uint8Array([0, 0]));
      const items = [1, 2, 3].map((n) => hiddenItem(id('q'), n));
      for (const item of items) await store.enqueueHidden(item);
      await store.enqueueHidden(hiddenItem(id('r'), 9, { parentId: 'field-1', kind: 'goal' }));
      const measure = { parentId: 'field-1', kind: 'measure', servesId: 'goal-7' } as const;
      await store.enqueueHidden(hiddenItem(id('r'), 10, measure));

      expect(await store.listHidden(id('q'))).toEqual(items);
      expect(await store.listHidden(id('r'))).toEqual([
        hiddenItem(id('r'), 9, { parentId: 'field-1', kind: 'goal' }),
        hiddenItem(id('r'), 10, measure),
      ]);
      // Another board's id, an unknown id and a duplicate are ignored.
      const taken = await store.takeHidden(id('q'), ['item-3', 'item-1', 'item-9', 'item-1']);
      expect(taken).toEqual([items[0], items[2]]);
      expect(await store.takeHidden(id('q'), ['item-1'])).toEqual([]);
      expect(await store.takeHidden(id('q'), [])).toEqual([]);
      expect(await store.listHidden(id('q'))).toEqual([items[1]]);
      expect(await store.listHidden(id('r'))).toHaveLength(2);
      await reopen();
      expect(await store.listHidden(id('q'))).toEqual([items[1]]);
    });

    it('takeHidden hands each item to one of two concurrent callers only', async () => {
      await store.createBoard(id('t'), meta, new Uint8Array([0, 0]));
      for (let n = 0; n < 20; n++) await store.enqueueHidden(hiddenItem(id('t'), n));
      const ids = Array.from({ length: 20 }, (_, n) => `item-${n}`);
      const [a, b] = await Promise.all([
        store.takeHidden(id('t'), ids),
        store.takeHidden(id('t'), ids),
      ]);
      expect(a.length + b.length).toBe(20);
      expect(new Set([...a, ...b].map((item) => item.id)).size).toBe(20);
    });

    it('keeps immutable versions per board, newest first, with their state', async () => {
      await store.createBoard(id('v'), meta, new Uint8Array([0, 0]));
      await store.createBoard(id('w'), meta, new Uint8Array([0, 0]));
      const source = new Y.Doc();
      const first = textUpdate(source, 'Zielerklärung');
      const infos = [
        versionInfo('AAAAAAAAAAAAAAA1', 'zielerklaerung', 1_000),
        versionInfo('AAAAAAAAAAAAAAA2', 'quarterly', 2_000, 'report-1'),
        // Same time as the previous one: the later insert counts as newer.
        versionInfo('AAAAAAAAAAAAAAA3', 'session', 2_000),
      ];
      await store.addVersion(id('v'), infos[0]!, first);
      await store.addVersion(id('v'), infos[1]!, Y.encodeStateAsUpdate(source));
      await store.addVersion(id('v'), infos[2]!, new Uint8Array([0, 0]));
      await store.addVersion(id('w'), versionInfo('AAAAAAAAAAAAAAA1', 'manual', 5), first);

      expect(await store.listVersions(id('v'))).toEqual([infos[2], infos[1], infos[0]]);
      const got = await store.getVersion(id('v'), 'AAAAAAAAAAAAAAA1');
      expect(got?.info).toEqual(infos[0]);
      expect(replay({ snapshot: got!.state, updates: [] }).getText('t').toString()).toBe(
        'Zielerklärung',
      );
      expect(await store.getVersion(id('v'), 'AAAAAAAAAAAAAAA9')).toBeUndefined();
      expect(await store.getVersion(id('x'), 'AAAAAAAAAAAAAAA1')).toBeUndefined();
      expect((await store.getVersion(id('w'), 'AAAAAAAAAAAAAAA1'))?.info.kind).toBe('manual');
      // Immutable: the same id again is refused, the stored version is unchanged.
      await expect(
        store.addVersion(id('v'), { ...infos[0]!, name: 'Überschrieben' }, new Uint8Array([0, 0])),
      ).rejects.toThrow();
      expect((await store.getVersion(id('v'), 'AAAAAAAAAAAAAAA1'))?.info.name).toBe(infos[0]!.name);
      // Unknown board: refused.
      await expect(store.addVersion(id('u'), infos[0]!, first)).rejects.toThrow();
      expect(await store.listVersions(id('u'))).toEqual([]);
      await reopen();
      expect(await store.listVersions(id('v'))).toHaveLength(3);
    });

    it('stores the calendar key hash per board and replaces it', async () => {
      await store.createBoard(id('k'), meta, new Uint8Array([0, 0]));
      expect(await store.getCalendarKey(id('k'))).toBeUndefined();
      await store.setCalendarKey(id('k'), new Uint8Array(32).fill(1));
      expect(await store.getCalendarKey(id('k'))).toEqual(new Uint8Array(32).fill(1));
      await store.setCalendarKey(id('k'), new Uint8Array(32).fill(2));
      await reopen();
      expect(await store.getCalendarKey(id('k'))).toEqual(new Uint8Array(32).fill(2));
      await expect(store.setCalendarKey(id('u'), new Uint8Array(32))).rejects.toThrow();
    });

    it('keeps one publication per board, found by its public id, revocable', async () => {
      await store.createBoard(id('p'), meta, new Uint8Array([0, 0]));
      const publication = {
        boardId: id('p'),
        publicId: 'P'.repeat(22),
        versionId: 'AAAAAAAAAAAAAAA1',
        title: 'Unsere Ziele für Musterstadt',
        text: 'Gemeinsam beschlossen: „Teilhabe für alle“.',
        publishedAt: 1_234,
      };
      expect(await store.getPublication(id('p'))).toBeUndefined();
      expect(await store.deletePublication(id('p'))).toBe(false);
      await store.putPublication(publication);
      expect(await store.getPublication(id('p'))).toEqual(publication);
      expect(await store.findPublication('P'.repeat(22))).toEqual(publication);
      // Replacing (a new version, a new public id) drops the old id.
      const next = { ...publication, publicId: 'Q'.repeat(22), versionId: 'B'.repeat(16) };
      await store.putPublication(next);
      expect(await store.findPublication('P'.repeat(22))).toBeUndefined();
      expect(await store.findPublication('Q'.repeat(22))).toEqual(next);
      await reopen();
      expect(await store.getPublication(id('p'))).toEqual(next);
      expect(await store.deletePublication(id('p'))).toBe(true);
      expect(await store.getPublication(id('p'))).toBeUndefined();
      expect(await store.findPublication('Q'.repeat(22))).toBeUndefined();
      await expect(store.putPublication({ ...publication, boardId: id('u') })).rejects.toThrow();
    });

    it('records attendance per step and name: first and last seen', async () => {
      await store.createBoard(id('a'), meta, new Uint8Array([0, 0]));
      await store.createBoard(id('b'), meta, new Uint8Array([0, 0]));
      await store.recordAttendance(id('a'), 3, 'Amira', 100);
      await store.recordAttendance(id('a'), 3, 'Jörg', 150);
      await store.recordAttendance(id('a'), 3, 'Amira', 300);
      await store.recordAttendance(id('a'), 3, 'Amira', 200); // late writer: keeps 300
      await store.recordAttendance(id('a'), 5, 'Amira', 400);
      await store.recordAttendance(id('b'), 3, 'Other', 1);
      expect(await store.listAttendance(id('a'))).toEqual([
        { step: 3, name: 'Amira', firstSeen: 100, lastSeen: 300 },
        { step: 3, name: 'Jörg', firstSeen: 150, lastSeen: 150 },
        { step: 5, name: 'Amira', firstSeen: 400, lastSeen: 400 },
      ]);
      await reopen();
      expect(await store.listAttendance(id('b'))).toHaveLength(1);
      expect(await store.listAttendance(id('c'))).toEqual([]);
    });

    it('deleting a board removes its versions, calendar key, publication and attendance', async () => {
      await store.createBoard(id('e'), meta, new Uint8Array([0, 0]));
      await store.createBoard(id('f'), meta, new Uint8Array([0, 0]));
      for (const board of [id('e'), id('f')]) {
        await store.addVersion(
          board,
          versionInfo('AAAAAAAAAAAAAAA1', 'manual', 1),
          new Uint8Array([0, 0]),
        );
        await store.setCalendarKey(board, new Uint8Array(32).fill(3));
        await store.recordAttendance(board, 5, 'Amira', 1);
        await store.putPublication({
          boardId: board,
          publicId: board.slice(0, 1).repeat(22),
          versionId: 'AAAAAAAAAAAAAAA1',
          title: 't',
          text: '',
          publishedAt: 1,
        });
      }
      expect(await store.deleteBoard(id('e'))).toBe(true);
      expect(await store.listVersions(id('e'))).toEqual([]);
      expect(await store.getVersion(id('e'), 'AAAAAAAAAAAAAAA1')).toBeUndefined();
      expect(await store.getCalendarKey(id('e'))).toBeUndefined();
      expect(await store.getPublication(id('e'))).toBeUndefined();
      expect(await store.findPublication('e'.repeat(22))).toBeUndefined();
      expect(await store.listAttendance(id('e'))).toEqual([]);
      // The other board keeps everything.
      expect(await store.listVersions(id('f'))).toHaveLength(1);
      expect(await store.getCalendarKey(id('f'))).toBeDefined();
      expect(await store.findPublication('f'.repeat(22))).toBeDefined();
      expect(await store.listAttendance(id('f'))).toHaveLength(1);
      // A board created again with the same id starts empty.
      await store.createBoard(id('e'), meta, new Uint8Array([0, 0]));
      expect(await store.listVersions(id('e'))).toEqual([]);
    });

    it('compacts from the stored state when the store offers it', async () => {
      if (!store.compact) return;
      const source = new Y.Doc();
      await store.createBoard(id('c'), meta, Y.encodeStateAsUpdate(source));
      await store.appendUpdates(id('c'), [textUpdate(source, 'a'), textUpdate(source, 'b')]);
      expect(await store.compact(id('c'))).toMatchObject({ throughSeq: 2 });
      const stored = await store.loadDoc(id('c'));
      expect(stored).toMatchObject({ snapshotSeq: 2, lastSeq: 2, updates: [] });
      expect(replay(stored!).getText('t').toString()).toBe('ab');
      expect(await store.compact(id('z'))).toBeUndefined();
    });
  });
}
