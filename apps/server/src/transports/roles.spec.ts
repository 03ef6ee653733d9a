import { BoardModel, deriveAuthorId, toPlainBoard } from '@werkraum/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode } from '../protocol.js';
import { AWARENESS_RATE_FACTOR } from './ws.js';
import {
  makeTempDir,
  openRawSocket,
  sleep,
  storedDoc,
  updateFrame,
  waitFor,
  waitForClose,
  waitForProviderClosed,
  waitForSynced,
  type TestServer,
  startTestServer,
} from '../testing/helpers.js';

const AUTHOR = 'participant-device-secret-0001';
const OTHER_AUTHOR = 'participant-device-secret-0002';

describe('roles on the document channel', () => {
  let cleanup: () => Promise<void>;
  let t: TestServer;
  let boardId: string;
  let facilitator: WebsocketProvider;
  let model: BoardModel;

  beforeEach(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    t = await startTestServer({ dataDir: temp.dir });
    boardId = await t.createBoard();
    facilitator = t.provider(boardId);
    await waitForSynced(facilitator);
    model = new BoardModel(facilitator.doc);
  });
  afterEach(async () => {
    await t.close();
    await cleanup();
  });

  /** The board as stored (committed) — what a reload would show. */
  const stored = async () => toPlainBoard(await storedDoc(t.server.store, boardId));

  /** Waits until the room has committed everything (and so relayed it). */
  const committed = async () => (await t.server.rooms.get(boardId)).committed();

  const openStep = async (step: number | null, editAll = false) => {
    model.setSession({ openStep: step, participantsMayEditAll: editAll });
    await committed();
  };

  const participant = async (author = AUTHOR) => {
    const provider = t.provider(boardId, { role: 'participant', author });
    await waitForSynced(provider);
    return provider;
  };

  const expectRefused = async (provider: WebsocketProvider, change: () => void) => {
    const storedBefore = await stored();
    const closed = waitForProviderClosed(provider);
    change();
    expect((await closed).code).toBe(CloseCode.WriteForbidden);
    await committed();
    expect(await stored()).toEqual(storedBefore);
    // Nothing reached the others.
    expect(toPlainBoard(facilitator.doc)).toEqual(storedBefore);
  };

  it('viewer stays connected through the stock handshake; its real edits are refused (4403)', async () => {
    const viewer = t.provider(boardId, { role: 'viewer' });
    await waitForSynced(viewer);
    viewer.awareness.setLocalState({ name: 'Beamer' });
    await waitFor(() => expect(facilitator.awareness.getStates().size).toBe(1));
    // Changes of others arrive; deletions in its doc do not count as writes on reconnect.
    const id = model.create('field', { content: { title: 'Wohnen' } });
    model.delete(id);
    const kept = model.create('field', { content: { title: 'Arbeit' } });
    await waitFor(() => expect(new BoardModel(viewer.doc).has(kept)).toBe(true));
    expect(new BoardModel(viewer.doc).has(id)).toBe(false);
    viewer.disconnect();
    viewer.connect();
    await waitForSynced(viewer);
    await sleep(100);
    expect(viewer.wsconnected).toBe(true);

    await expectRefused(viewer, () => new BoardModel(viewer.doc).setMeta({ title: 'Gekapert' }));
    expect(viewer.shouldConnect).toBe(false);
  });

  it('participant adds an own need while step 3 is open; a goal in step 3 is refused', async () => {
    await openStep(3);
    const p = await participant();
    const pm = new BoardModel(p.doc, { authorId: deriveAuthorId(AUTHOR) });
    const needId = pm.create('need', { content: { text: 'Sprachkurse am Abend', lang: 'de' } });
    await waitFor(() => expect(model.get(needId, 'need')?.text).toBe('Sprachkurse am Abend'));
    await committed();
    expect((await stored()).needs.map((n) => n.id)).toEqual([needId]);
    // Editing its own need is fine.
    pm.text(needId, 'text').insert(0, 'Mehr ');
    await waitFor(() => expect(model.get(needId, 'need')?.text).toBe('Mehr Sprachkurse am Abend'));

    const fieldId = model.create('field', { content: { title: 'Bildung' } });
    await waitFor(() => expect(pm.has(fieldId)).toBe(true));
    await expectRefused(p, () => pm.create('goal', { parentId: fieldId }));
  });

  it('participant is refused when no step is open, and with another author’s id', async () => {
    const p = await participant();
    const pm = new BoardModel(p.doc, { authorId: deriveAuthorId(AUTHOR) });
    await expectRefused(p, () => pm.create('need', { content: { text: 'x', lang: 'de' } }));

    await openStep(3);
    const q = await participant();
    const qm = new BoardModel(q.doc, { authorId: deriveAuthorId(OTHER_AUTHOR) });
    await expectRefused(q, () => qm.create('need', { content: { text: 'y', lang: 'de' } }));
  });

  it('participant may edit the facilitator’s item only when editAll is on', async () => {
    await openStep(3);
    const needId = model.create('need', { content: { text: 'Kita-Plätze', lang: 'de' } });
    await committed();
    const p = await participant();
    const pm = new BoardModel(p.doc, { authorId: deriveAuthorId(AUTHOR) });
    await expectRefused(p, () => pm.text(needId, 'text').insert(0, 'Keine '));

    await openStep(3, true);
    const q = await participant();
    const qm = new BoardModel(q.doc, { authorId: deriveAuthorId(AUTHOR) });
    qm.text(needId, 'text').insert(0, 'Mehr ');
    await waitFor(() => expect(model.get(needId, 'need')?.text).toBe('Mehr Kita-Plätze'));
    await committed();
    expect((await stored()).needs[0]?.text).toBe('Mehr Kita-Plätze');
    expect(q.wsconnected).toBe(true);
  });

  it('steering edits everything but is refused changing openStep via the doc', async () => {
    const s = t.provider(boardId, { role: 'steering' });
    await waitForSynced(s);
    const sm = new BoardModel(s.doc);
    const fieldId = sm.create('field', { content: { title: 'Arbeit' } });
    sm.setMeta({ title: 'Neuer Titel' });
    await waitFor(() => expect(model.get(fieldId, 'field')?.title).toBe('Arbeit'));
    await waitFor(() => expect(model.meta().title).toBe('Neuer Titel'));
    await expectRefused(s, () => sm.setSession({ openStep: 5 }));
    expect(model.session().openStep).toBeNull();
  });

  it('refuses a participant update with missing dependencies (pending structs)', async () => {
    await openStep(3);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(facilitator.doc));
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    const cm = new BoardModel(client, { authorId: deriveAuthorId(AUTHOR) });
    const needId = cm.create('need', { content: { text: 'a', lang: 'de' } });
    cm.text(needId, 'text').insert(1, 'b');
    expect(updates).toHaveLength(2);

    const before = await stored();
    const ws = await openRawSocket(t.docUrl(boardId, { role: 'participant', author: AUTHOR }));
    const closed = waitForClose(ws);
    ws.send(updateFrame(updates[1]!)); // the text edit without the need it belongs to
    expect((await closed).code).toBe(CloseCode.WriteForbidden);

    // The gap is not kept anywhere: the need arriving later does not pull the edit in.
    const p = await participant();
    Y.applyUpdate(p.doc, updates[0]!);
    await waitFor(() => expect(model.get(needId, 'need')?.text).toBe('a'));
    await committed();
    expect((await stored()).needs.map((n) => n.text)).toEqual(['a']);
    expect(before.needs).toEqual([]);
    const room = await t.server.rooms.get(boardId);
    expect(room.doc.store.pendingStructs).toBeNull();
  });

  it('closes a connection with a malformed author secret with 4400', async () => {
    const ws = await openRawSocket(t.docUrl(boardId, { role: 'participant', author: 'short' }));
    expect((await waitForClose(ws)).code).toBe(CloseCode.MalformedMessage);
  });

  it('closes a connection that floods messages with 4429', async () => {
    await t.close();
    const temp = await makeTempDir();
    t = await startTestServer({ dataDir: temp.dir, rateLimitPerSecond: 10, rateLimitBurst: 20 });
    boardId = await t.createBoard();
    const ws = await openRawSocket(t.docUrl(boardId, { role: 'viewer' }));
    const closed = waitForClose(ws);
    for (let i = 0; i < 50; i++) ws.send(Uint8Array.from([0, 0, 1, 0])); // sync step 1
    expect((await closed).code).toBe(CloseCode.RateLimited);

    // Awareness has a budget AWARENESS_RATE_FACTOR times larger (stock clients echo awareness).
    const aware = await openRawSocket(t.docUrl(boardId, { role: 'viewer' }));
    const awareClosed = waitForClose(aware);
    for (let i = 0; i < 50; i++) aware.send(Uint8Array.from([3])); // query awareness
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(aware.readyState).toBe(aware.OPEN);
    for (let i = 0; i < 20 * AWARENESS_RATE_FACTOR; i++) aware.send(Uint8Array.from([3]));
    expect((await awareClosed).code).toBe(CloseCode.RateLimited);
    await temp.cleanup();
  });
});
