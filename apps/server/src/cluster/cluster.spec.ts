import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresBoardStore } from '../storage/postgres.js';
import {
  makeTempDir,
  startTestServer,
  storedDoc,
  waitFor,
  waitForProviderClosed,
  waitForSynced,
  type TestServer,
} from '../testing/helpers.js';
import { createTestDatabase, createTestRedisPrefix, testRedisUrl } from '../testing/services.js';

/**
 * Two server processes (two servers in this process, each with its own Redis connections and
 * pool) behind one PostgreSQL database and one Redis prefix.
 */
describe('two server processes (PostgreSQL + Redis)', () => {
  let database: { url: string; drop: () => Promise<void> };
  const redis = createTestRedisPrefix();
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    tmp = await makeTempDir();
  });
  afterAll(async () => {
    await database.drop();
    await redis.clean();
    await tmp.cleanup();
  });

  const start = (): Promise<TestServer> =>
    startTestServer({
      dataDir: tmp.dir,
      databaseUrl: database.url,
      redisUrl: testRedisUrl,
      redisPrefix: redis.prefix,
      compactAfterUpdates: 7,
      unloadDelayMs: 50,
    });

  beforeAll(async () => {
    [a, b] = await Promise.all([start(), start()]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  /** A board created on A whose links B knows too. */
  const board = async (): Promise<string> => {
    const id = await a.createBoard();
    b.adopt(a.created(id));
    return id;
  };

  it('uses different instance ids and the shared store', () => {
    expect(a.server.config.instanceId).not.toBe(b.server.config.instanceId);
    expect(a.server.store).toBeInstanceOf(PostgresBoardStore);
  });

  it('concurrent edits on both processes converge, and everything is stored', async () => {
    const id = await board();
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const pA = a.provider(id, docA);
    const pB = b.provider(id, docB);
    await Promise.all([waitForSynced(pA), waitForSynced(pB)]);
    for (let i = 0; i < 20; i++) {
      docA.getArray<string>('log').push([`a${i}`]);
      docB.getArray<string>('log').push([`b${i}`]);
      if (i % 5 === 0) await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => {
      expect(docA.getArray('log').length).toBe(40);
      expect(docB.getArray('log').length).toBe(40);
    });
    expect(docA.getArray('log').toJSON()).toEqual(docB.getArray('log').toJSON());
    // Both rooms hold the same state, and so does the store (compacted by both meanwhile).
    await a.server.rooms.getLoaded(id)!.committed();
    await b.server.rooms.getLoaded(id)!.committed();
    const stored = await storedDoc(a.server.store, id);
    expect(stored.getArray('log').toJSON().sort()).toEqual(
      (docA.getArray('log').toJSON() as string[]).sort(),
    );
  });

  it('a joining client gets what was committed but never published (its process died)', async () => {
    const id = await board();
    const watcher = b.provider(id);
    await waitForSynced(watcher);
    // B has the board loaded. An update lands in the shared store without a bus message, as
    // when a process is killed between its commit and its publish.
    const lost = new Y.Doc();
    Y.applyUpdate(lost, Y.encodeStateAsUpdate(watcher.doc));
    lost.getArray<string>('log').push(['committed, never published']);
    await a.server.store.appendUpdates(id, [
      Y.encodeStateAsUpdate(lost, Y.encodeStateVector(watcher.doc)),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // A client reconnecting to B (the survivor) gets it; so does the client already there.
    const joiner = b.provider(id);
    await waitForSynced(joiner);
    expect(joiner.doc.getArray('log').toJSON()).toEqual(['committed, never published']);
    await waitFor(() =>
      expect(watcher.doc.getArray('log').toJSON()).toEqual(['committed, never published']),
    );
  });

  it('awareness of a client on A reaches a client on B, and its removal too', async () => {
    const id = await board();
    const pA = a.provider(id);
    const pB = b.provider(id);
    await Promise.all([waitForSynced(pA), waitForSynced(pB)]);
    pA.awareness.setLocalStateField('user', { color: '#123456' });
    await waitFor(() => {
      expect(pB.awareness.getStates().get(pA.awareness.clientID)).toEqual({
        user: { color: '#123456' },
      });
    });
    pB.awareness.setLocalStateField('user', { color: '#abcdef' });
    await waitFor(() => {
      expect(pA.awareness.getStates().get(pB.awareness.clientID)).toEqual({
        user: { color: '#abcdef' },
      });
    });
    const clientA = pA.awareness.clientID;
    pA.destroy();
    await waitFor(() => expect(pB.awareness.getStates().has(clientA)).toBe(false));
  });

  it('a client connecting to B after edits on A gets everything', async () => {
    const id = await board();
    const docA = new Y.Doc();
    const pA = a.provider(id, docA);
    await waitForSynced(pA);
    docA.getText('notes').insert(0, 'erst auf A');
    await waitFor(() => a.server.rooms.getLoaded(id)?.uncommittedCount === 0);
    await a.server.rooms.getLoaded(id)!.committed();
    // B has not loaded the board yet.
    const late = new Y.Doc();
    const pB = b.provider(id, late);
    await waitForSynced(pB);
    await waitFor(() => expect(late.getText('notes').toString()).toBe('erst auf A'));
    // And while B has it loaded, further edits on A arrive over the bus.
    docA.getText('notes').insert(0, '… ');
    await waitFor(() => expect(late.getText('notes').toString()).toBe('… erst auf A'));
  });

  it('rotating a link on A closes the connection on B with 4401 within 1 s', async () => {
    const id = await board();
    const pB = b.provider(id, { role: 'participant' });
    await waitForSynced(pB);
    await waitFor(() => b.server.access.liveCount(id) === 1);
    const closed = waitForProviderClosed(pB);
    const started = Date.now();
    await a.rotate(id, 'participant');
    const event = await closed;
    expect(event.code).toBe(4401);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(b.server.access.liveCount(id)).toBe(0);
  });

  it('deleting the board on A closes the connections on B with 4410', async () => {
    const id = await board();
    const docB = new Y.Doc();
    const pB = b.provider(id, docB);
    const pB2 = b.provider(id, { role: 'viewer' });
    await Promise.all([waitForSynced(pB), waitForSynced(pB2)]);
    docB.getText('notes').insert(0, 'wird gelöscht');
    const closed = Promise.all([waitForProviderClosed(pB), waitForProviderClosed(pB2)]);
    const res = await a.api(`/api/boards/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    const events = await closed;
    expect(events.map((e) => e.code)).toEqual([4410, 4410]);
    await waitFor(() => expect(b.server.rooms.getLoaded(id)).toBeUndefined());
    expect(await b.server.store.getBoard(id)).toBeUndefined();
  });

  it('the moderation queue is shared by both processes', async () => {
    const id = await board();
    await a.server.store.enqueueHidden({
      id: 'h1',
      boardId: id,
      kind: 'need',
      parentId: null,
      content: { text: 'versteckt' },
      servesId: null,
      authorName: 'X',
      authorId: 'y',
      submittedAt: 1,
    });
    expect(await b.server.store.listHidden(id)).toHaveLength(1);
    expect(await b.server.store.takeHidden(id, ['h1'])).toHaveLength(1);
    expect(await a.server.store.takeHidden(id, ['h1'])).toEqual([]);
  });
});
