import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../protocol.js';
import {
  makeTempDir,
  openRawSocket,
  startTestServer,
  syncStep1Frame,
  waitFor,
  waitForSynced,
  type TestServer,
} from '../testing/helpers.js';
import * as Y from 'yjs';

describe('slow consumers on the document channel', () => {
  let cleanup: () => Promise<void>;
  let t: TestServer;

  beforeEach(async () => {
    let dir: string;
    ({ dir, cleanup } = await makeTempDir());
    t = await startTestServer({
      dataDir: dir,
      maxFrameBytes: 64 * 1024,
      maxBufferedBytes: 256 * 1024,
      rateLimitPerSecond: 10_000,
      rateLimitBurst: 10_000,
    });
  });
  afterEach(async () => {
    await t.close();
    await cleanup();
  });

  it('closes a client that stops reading with 4408 once its send buffer passes maxBufferedBytes; the others keep syncing', async () => {
    const boardId = await t.createBoard();
    const writer = t.provider(boardId);
    const reader = t.provider(boardId);
    await Promise.all([waitForSynced(writer), waitForSynced(reader)]);

    const slow = await openRawSocket(t.docUrl(boardId));
    let slowClose: { code: number } | null = null;
    slow.on('close', (code: number) => (slowClose = { code }));
    slow.send(syncStep1Frame(new Y.Doc()));
    await waitFor(() => expect(t.server.rooms.connectionCount).toBe(3));
    // Stop reading: the kernel buffers fill up, then the server's send buffer grows.
    slow.pause();

    const text = writer.doc.getText('notes');
    const chunk = 'x'.repeat(30_000);
    let sent = 0;
    // Keep writing until the server drops the slow client (at most ~60 MB).
    while (t.server.rooms.connectionCount === 3 && sent < 2_000) {
      text.insert(text.length, chunk);
      sent++;
      if (sent % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(() => expect(t.server.rooms.connectionCount).toBe(2), { timeoutMs: 10_000 });
    expect(sent).toBeLessThan(2_000);
    // Reading again, the slow client finds the close frame behind its backlog — unless it was
    // too slow even for that and the server terminated it after the grace second (1006).
    slow.resume();

    // The fast reader got every edit; the writer is still connected.
    await waitFor(() => expect(reader.doc.getText('notes').length).toBe(text.length), {
      timeoutMs: 10_000,
    });
    expect(writer.wsconnected && reader.wsconnected).toBe(true);

    await waitFor(() => expect(slowClose).not.toBeNull(), { timeoutMs: 5_000 });
    expect([CloseCode.TooSlow, 1006]).toContain(slowClose!.code);
  });
});
