import { BoardModel } from '@werkraum/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, MessageType, SyncMessageType } from '../protocol.js';
import { SqliteBoardStore } from '../storage/sqlite.js';
import {
  makeTempDir,
  openRawSocket,
  startTestServer,
  storedDoc,
  syncStep1Frame,
  waitFor,
  waitForClose,
  waitForProviderClosed,
  waitForSynced,
  type TestServer,
} from '../testing/helpers.js';

describe('y-websocket endpoint', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let t: TestServer;

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    t = await startTestServer({ dataDir: dir, maxFrameBytes: 64 * 1024 });
  });
  afterEach(async () => {
    await t.close();
    await cleanup();
  });

  it('syncs stock providers with each other and stores the edits durably', async () => {
    const boardId = await t.createBoard({ title: 'Anfang' });
    const a = t.provider(boardId);
    const b = t.provider(boardId);
    await Promise.all([waitForSynced(a), waitForSynced(b)]);
    // The initial board (meta + 10 steps) arrives with the first sync.
    expect(new BoardModel(a.doc).meta().title).toBe('Anfang');

    new BoardModel(a.doc).setMeta({ title: 'Integrationsstrategie 2030' });
    b.doc.getText('notes').insert(0, 'von b');
    await waitFor(() => {
      expect(new BoardModel(b.doc).meta().title).toBe('Integrationsstrategie 2030');
      expect(a.doc.getText('notes').toString()).toBe('von b');
    });

    // Restart the server on the same data dir: everything is there.
    const created = t.created(boardId);
    await t.close();
    t = await startTestServer({ dataDir: dir });
    t.adopt(created);
    const c = t.provider(boardId);
    await waitForSynced(c);
    expect(new BoardModel(c.doc).meta().title).toBe('Integrationsstrategie 2030');
    expect(c.doc.getText('notes').toString()).toBe('von b');
    const res = await t.api(`/api/boards/${boardId}`);
    expect(((await res.json()) as { title: string }).title).toBe('Integrationsstrategie 2030');
  });

  it('shares awareness between providers and removes it when one leaves', async () => {
    const boardId = await t.createBoard();
    const a = t.provider(boardId);
    const b = t.provider(boardId);
    await Promise.all([waitForSynced(a), waitForSynced(b)]);
    a.awareness.setLocalState({ user: { color: '#f00' } });
    await waitFor(() => expect(b.awareness.getStates().get(a.doc.clientID)).toBeDefined());
    a.disconnect();
    await waitFor(() => expect(b.awareness.getStates().has(a.doc.clientID)).toBe(false));
  });

  it('closes unknown boards with 4401 and malformed ids with 4400 (the client stops retrying)', async () => {
    const boardId = await t.createBoard();
    // A valid token of another board does not open an unknown one.
    const unknown = await openRawSocket(
      t.docUrl('A'.repeat(22), { token: t.token(boardId, 'facilitator') }),
    );
    expect((await waitForClose(unknown)).code).toBe(CloseCode.Unauthorized);
    const malformed = await openRawSocket(`${t.wsUrl}/not-a-board-id`);
    expect((await waitForClose(malformed)).code).toBe(CloseCode.MalformedMessage);

    const provider = t.provider('A'.repeat(22));
    const closed = await waitForProviderClosed(provider);
    expect(closed.code).toBe(4401);
    expect(provider.shouldConnect).toBe(false);
  });

  it('refuses upgrades outside /yjs/ with HTTP 404', async () => {
    await expect(openRawSocket(`${t.url.replace('http', 'ws')}/elsewhere`)).rejects.toThrow(/404/);
  });

  it.each([
    ['garbage', Uint8Array.from([0xff, 0xff, 0xff])],
    ['truncated sync message', Uint8Array.from([MessageType.Sync, SyncMessageType.Update, 40, 1])],
    ['unknown message type', Uint8Array.from([42, 0])],
    ['undecodable update', Uint8Array.from([MessageType.Sync, SyncMessageType.Update, 3, 1, 1, 1])],
    ['text frame', 'hello'],
  ])(
    'closes a connection sending a %s with 4400; others and the stored doc are unaffected',
    async (_name, payload) => {
      const boardId = await t.createBoard();
      const good = t.provider(boardId);
      await waitForSynced(good);
      const before = Y.encodeStateAsUpdate(await storedDoc(t.server.store, boardId));

      const bad = await openRawSocket(t.docUrl(boardId));
      const closed = waitForClose(bad);
      bad.send(payload, { binary: typeof payload !== 'string' });
      expect((await closed).code).toBe(CloseCode.MalformedMessage);

      expect(Y.encodeStateAsUpdate(await storedDoc(t.server.store, boardId))).toEqual(before);
      good.doc.getText('notes').insert(0, 'weiter');
      const watcher = t.provider(boardId);
      await waitFor(() => expect(watcher.doc.getText('notes').toString()).toBe('weiter'));
      expect(good.wsconnected).toBe(true);
    },
  );

  it('closes a connection sending a frame over maxFrameBytes with 1009', async () => {
    const boardId = await t.createBoard();
    const ws = await openRawSocket(t.docUrl(boardId));
    const closed = waitForClose(ws);
    ws.send(new Uint8Array(65 * 1024));
    expect((await closed).code).toBe(CloseCode.FrameTooLarge);
    expect(t.server.rooms.connectionCount).toBe(0);
  });

  it('answers a raw client’s sync step 1 with sync step 2', async () => {
    const boardId = await t.createBoard();
    const ws = await openRawSocket(t.docUrl(boardId));
    const frames: Uint8Array[] = [];
    ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
    ws.send(syncStep1Frame(new Y.Doc()));
    await waitFor(() =>
      expect(frames.some((f) => f[0] === MessageType.Sync && f[1] === SyncMessageType.Step2)).toBe(
        true,
      ),
    );
    ws.close();
  });

  it('commits everything before close(): a new store sees all edits', async () => {
    const boardId = await t.createBoard();
    const a = t.provider(boardId);
    await waitForSynced(a);
    for (let i = 0; i < 20; i++) a.doc.getText('notes').insert(0, 'x');
    await waitFor(async () => {
      const doc = await storedDoc(t.server.store, boardId);
      expect(doc.getText('notes').length).toBe(20);
    });
    await t.close();
    const store = new SqliteBoardStore({ dataDir: dir });
    try {
      expect((await storedDoc(store, boardId)).getText('notes').length).toBe(20);
      expect((await store.loadDoc(boardId))?.updates).toHaveLength(0); // compacted on close
    } finally {
      await store.close();
    }
  });
});
