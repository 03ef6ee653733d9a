import { deriveAuthorId, readSession } from '@werkraum/model';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient } from '../support/clients.js';
import { startServer, tokens } from '../support/server.js';
import { connectSession, recordEvents, request } from '../support/session.js';
import { eventually } from '../support/wait.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('anonymous votes and moderated collection, at the protocol level', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function setup() {
    const server = await startServer();
    cleanup.push(() => server.close());
    const board = await server.createBoard();
    const t = tokens(board);
    const facilitator = connectClient(server.wsUrl, board.id, {
      token: t.facilitator,
      author: 'Moderation',
    });
    cleanup.push(() => facilitator.destroy());
    await facilitator.whenSynced();
    const moderator = await connectSession(server.url, { boardId: board.id, token: t.facilitator });
    cleanup.push(() => moderator.close());
    return { server, board, t, facilitator, moderator };
  }

  it('keeps items hidden from every participant until the facilitator reveals them', async () => {
    const { server, board, t, facilitator, moderator } = await setup();
    const field = facilitator.model.create('field', {
      content: { title: 'Verwaltung und Zugang' },
    });
    expect(await request(moderator, 'session:openStep', { step: 3 })).toMatchObject({ ok: true });
    expect(await request(moderator, 'session:collect', { enabled: true })).toMatchObject({
      ok: true,
    });
    const queue = recordEvents(moderator);

    const secret = 'device-secret-of-the-author-0001';
    const author = connectClient(server.wsUrl, board.id, {
      token: t.participant,
      authorSecret: secret,
    });
    const other = connectClient(server.wsUrl, board.id, {
      token: t.participant,
      recordFrames: true,
    });
    cleanup.push(
      () => author.destroy(),
      () => other.destroy(),
    );
    await Promise.all([author.whenSynced(), other.whenSynced()]);
    const authorSocket = await connectSession(server.url, {
      boardId: board.id,
      token: t.participant,
      author: secret,
    });
    const otherSocket = await connectSession(server.url, {
      boardId: board.id,
      token: t.participant,
    });
    cleanup.push(
      () => authorSocket.close(),
      () => otherSocket.close(),
    );
    const otherEvents = recordEvents(otherSocket);
    await request(authorSocket, 'presence:update', {
      name: 'Farid',
      color: '#1f5fa8',
      editing: null,
    });

    const hidden = 'Termine bei der Ausländerbehörde nur mit Dolmetschung';
    // Writing the need straight into the doc is refused while collecting …
    author.model.create('need', { parentId: field, content: { text: 'direkt', lang: 'de' } });
    await eventually(() => expect(author.closes).toContain(4403));
    // … it goes to the moderation queue instead.
    const submitted = await request<{ id: string }>(authorSocket, 'collect:submit', {
      kind: 'need',
      parentId: field,
      content: { text: hidden, lang: 'de' },
    });
    expect(submitted).toMatchObject({ ok: true });
    await eventually(() => expect(queue.some((e) => e.event === 'collect:queue')).toBe(true));
    const listed = await request<{
      items: { id: string; content: { text: string }; authorName: string }[];
    }>(moderator, 'collect:list', {});
    expect(listed.ok && listed.items.map((i) => [i.content.text, i.authorName])).toEqual([
      [hidden, 'Farid'],
    ]);
    expect(await request(otherSocket, 'collect:list', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    await sleep(300);
    const bytes = Buffer.from(hidden);
    expect(other.frames.length).toBeGreaterThan(0);
    expect(other.frames.some((frame) => frame.includes(bytes))).toBe(false);
    expect(JSON.stringify(otherEvents)).not.toContain(hidden);
    expect(other.model.list('need')).toEqual([]);
    expect(facilitator.model.list('need')).toEqual([]);

    const revealed = await request<{ revealed: string[] }>(moderator, 'collect:reveal', {
      ids: [listed.ok ? listed.items[0]!.id : ''],
    });
    expect(revealed).toMatchObject({ ok: true });
    await eventually(() =>
      expect(other.model.list('need').map((n) => [n.text, n.createdBy, n.createdById])).toEqual([
        [hidden, 'Farid', deriveAuthorId(secret)],
      ]),
    );
  });

  it('counts dots anonymously and shows only totals, only after the reveal', async () => {
    const { server, board, t, facilitator, moderator } = await setup();
    const field = facilitator.model.create('field', { content: { title: 'Arbeit' } });
    const g1 = facilitator.model.create('goal', {
      parentId: field,
      content: { title: 'Anerkennung' },
    });
    const g2 = facilitator.model.create('goal', {
      parentId: field,
      content: { title: 'Ausbildung' },
    });
    const elsewhere = facilitator.model.create('field', { content: { title: 'Wohnen' } });
    const g3 = facilitator.model.create('goal', {
      parentId: elsewhere,
      content: { title: 'Wohnungen' },
    });
    const watcher = connectClient(server.wsUrl, board.id, { token: t.viewer, recordFrames: true });
    cleanup.push(() => watcher.destroy());
    await watcher.whenSynced();
    expect(
      await request(moderator, 'vote:start', { fieldId: field, dotsPerPerson: 2 }),
    ).toMatchObject({ ok: true });
    await eventually(() => expect(readSession(watcher.doc).vote?.status).toBe('open'));

    const voters = await Promise.all(
      ['eins', 'zwei', 'drei'].map((n) =>
        connectSession(server.url, {
          boardId: board.id,
          token: t.participant,
          author: `device-secret-of-voter-${n}-0000`,
        }),
      ),
    );
    cleanup.push(() => voters.forEach((v) => v.close()));
    const seen = voters.map((v) => recordEvents(v));
    const [v1, v2, v3] = voters as [(typeof voters)[0], (typeof voters)[0], (typeof voters)[0]];
    expect(await request(v1, 'vote:cast', { itemId: g1 })).toMatchObject({
      ok: true,
      mine: [g1],
      remaining: 1,
    });
    expect(await request(v1, 'vote:cast', { itemId: g1 })).toMatchObject({
      ok: true,
      remaining: 0,
    });
    expect(await request(v1, 'vote:cast', { itemId: g2 })).toMatchObject({ ok: false });
    expect(await request(v2, 'vote:cast', { itemId: g3 })).toMatchObject({ ok: false });
    expect(await request(v2, 'vote:cast', { itemId: g2 })).toMatchObject({ ok: true });
    expect(await request(v3, 'vote:cast', { itemId: g2 })).toMatchObject({ ok: true });
    expect(await request(v3, 'vote:retract', { itemId: g2 })).toMatchObject({
      ok: true,
      mine: [],
      remaining: 2,
    });
    expect(await request(v3, 'vote:cast', { itemId: g1 })).toMatchObject({ ok: true });
    expect(await request(v2, 'vote:reveal', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    // Before the reveal nobody — not the doc, not any event — carries a count or a ballot.
    await sleep(200);
    expect(readSession(watcher.doc).vote).toMatchObject({
      status: 'open',
      counts: null,
      voters: null,
    });
    for (const events of seen)
      expect(JSON.stringify(events)).not.toMatch(new RegExp(`${g1}|${g2}`));

    expect(await request(moderator, 'vote:reveal', {})).toMatchObject({ ok: true });
    await eventually(() =>
      expect(readSession(watcher.doc).vote).toMatchObject({
        status: 'revealed',
        counts: { [g1]: 3, [g2]: 1 },
        voters: 3,
      }),
    );
    // The stored result names no voter.
    const stored = JSON.stringify(readSession(watcher.doc).vote);
    for (const n of ['eins', 'zwei', 'drei']) {
      expect(stored).not.toContain(deriveAuthorId(`device-secret-of-voter-${n}-0000`));
    }
  });
});
