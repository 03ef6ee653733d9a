import { toPlainBoard } from '@werkraum/model';
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, containsUpdate, type BoardClient } from '../support/clients.js';
import { makeDataDir, spawnServer, tokens } from '../support/server.js';
import {
  cleanRedis,
  createTestDatabase,
  REDIS_URL,
  uniqueRedisPrefix,
} from '../support/services.js';
import { connectSession, request, trackPresence } from '../support/session.js';
import { eventually } from '../support/wait.js';

/** Two Werkraum processes sharing one Redis (own key prefix) and one PostgreSQL database. */
async function cluster(cleanup: (() => unknown)[]) {
  const db = await createTestDatabase();
  const prefix = uniqueRedisPrefix();
  cleanup.push(
    () => db.drop(),
    () => cleanRedis(prefix),
  );
  const env = { REDIS_URL, REDIS_PREFIX: prefix, DATABASE_URL: db.url };
  const dirs = [await makeDataDir(), await makeDataDir()];
  cleanup.push(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const one = await spawnServer({ dataDir: dirs[0]!, env });
  cleanup.push(() => one.kill('SIGTERM'));
  const two = await spawnServer({ dataDir: dirs[1]!, env });
  cleanup.push(() => two.kill('SIGTERM'));
  return { one, two };
}

function typeAt(client: BoardClient, goal: string, at: (title: string) => number, word: string) {
  const start = at(client.model.get(goal, 'goal')!.title);
  [...word].forEach((ch, i) => {
    const now = client.model.get(goal, 'goal')!.title;
    client.model.setText<'goal'>(
      goal,
      'title',
      now.slice(0, start + i) + ch + now.slice(start + i),
    );
  });
}

describe('several server processes on one Redis and one PostgreSQL', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('shares presence, edits and the facilitator’s focus across processes', async () => {
    const { one, two } = await cluster(cleanup);
    const board = await one.createBoard();
    const t = tokens(board);
    const facilitatorSocket = await connectSession(one.url, {
      boardId: board.id,
      token: t.facilitator,
    });
    cleanup.push(() => facilitatorSocket.close());
    const presence = trackPresence(facilitatorSocket);
    await request(facilitatorSocket, 'presence:update', {
      name: 'Moderation',
      color: '#0b6e4f',
      editing: null,
    });
    const facilitator = connectClient(one.wsUrl, board.id, {
      token: t.facilitator,
      author: 'Moderation',
    });
    cleanup.push(() => facilitator.destroy());
    await facilitator.whenSynced();
    const field = facilitator.model.create('field', { content: { title: 'Wohnen' } });
    const goal = facilitator.model.create('goal', {
      parentId: field,
      content: { title: 'Wohnungen' },
    });
    expect(await request(facilitatorSocket, 'session:openStep', { step: 5 })).toMatchObject({
      ok: true,
    });
    expect(await request(facilitatorSocket, 'session:setEditAll', { allowed: true })).toMatchObject(
      { ok: true },
    );

    // Participant A on process 1, participant B on process 2.
    const a = connectClient(one.wsUrl, board.id, { token: t.participant, author: 'A' });
    const b = connectClient(two.wsUrl, board.id, { token: t.participant, author: 'B' });
    cleanup.push(
      () => a.destroy(),
      () => b.destroy(),
    );
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    await eventually(() => expect(b.model.has(goal)).toBe(true));
    const socketA = await connectSession(one.url, { boardId: board.id, token: t.participant });
    const socketB = await connectSession(two.url, { boardId: board.id, token: t.participant });
    cleanup.push(
      () => socketA.close(),
      () => socketB.close(),
    );
    const seenByA = trackPresence(socketA);
    const seenByB = trackPresence(socketB);
    expect(
      await request(socketA, 'presence:update', { name: 'Amira', color: '#1f5fa8', editing: goal }),
    ).toMatchObject({ ok: true });
    expect(
      await request(socketB, 'presence:update', {
        name: 'Bogdan',
        color: '#8a3ffc',
        editing: null,
      }),
    ).toMatchObject({ ok: true });
    // Within 1 s everyone sees both, whichever process they are on.
    await eventually(
      () => {
        expect(seenByA.current?.counts.participant).toBe(2);
        expect(seenByB.current?.counts.participant).toBe(2);
        expect(presence.current?.people?.map((p) => `${p.name}/${p.role}`).sort()).toEqual([
          'Amira/participant',
          'Bogdan/participant',
          'Moderation/facilitator',
        ]);
      },
      { timeoutMs: 1_000 },
    );
    expect(presence.current?.people?.find((p) => p.name === 'Amira')?.editing).toBe(goal);
    // Participants get counts, not names.
    expect(seenByA.current?.people).toBeUndefined();

    // Both type into the same goal at once and converge.
    typeAt(a, goal, () => 0, 'Mehr ');
    typeAt(b, goal, (s) => s.length, ' bis 2029');
    await eventually(() => {
      const titles = [a, b, facilitator].map((c) => c.model.get(goal, 'goal')?.title);
      expect(titles).toEqual(Array(3).fill('Mehr Wohnungen bis 2029'));
    });
    expect(toPlainBoard(a.doc)).toEqual(toPlainBoard(b.doc));

    // The facilitator focuses a field on process 1; a beamer on process 2 follows within 1 s.
    const beamer = connectClient(two.wsUrl, board.id, { token: t.viewer });
    cleanup.push(() => beamer.destroy());
    await beamer.whenSynced();
    expect(
      await request(facilitatorSocket, 'session:focus', { target: { kind: 'field', id: field } }),
    ).toMatchObject({
      ok: true,
    });
    await eventually(
      () => expect(beamer.model.session().focus).toEqual({ kind: 'field', id: field }),
      {
        timeoutMs: 1_000,
      },
    );
  });

  it('when a process is killed, its participants leave presence within the TTL and carry on on the other', async () => {
    const { one, two } = await cluster(cleanup);
    const board = await one.createBoard();
    const t = tokens(board);
    const watcher = await connectSession(two.url, { boardId: board.id, token: t.facilitator });
    cleanup.push(() => watcher.close());
    const presence = trackPresence(watcher);
    const facilitatorOnTwo = connectClient(two.wsUrl, board.id, {
      token: t.facilitator,
      author: 'Moderation',
    });
    cleanup.push(() => facilitatorOnTwo.destroy());
    await facilitatorOnTwo.whenSynced();
    expect(await request(watcher, 'session:openStep', { step: 3 })).toMatchObject({ ok: true });

    const secret = 'device-secret-of-participant-one';
    const a = connectClient(one.wsUrl, board.id, {
      token: t.participant,
      author: 'A',
      authorSecret: secret,
    });
    cleanup.push(() => a.destroy());
    await a.whenSynced();
    const socketA = await connectSession(one.url, { boardId: board.id, token: t.participant });
    expect(
      await request(socketA, 'presence:update', { name: 'Amira', color: '#1f5fa8', editing: null }),
    ).toMatchObject({ ok: true });
    await eventually(() => expect(presence.current?.counts.participant).toBe(1), {
      timeoutMs: 2_000,
    });
    const needs = [
      'Sprachkurs mit Kinderbetreuung',
      'Busverbindung am Abend',
      'Termine ohne Online-Portal',
    ];
    for (const text of needs) a.model.create('need', { content: { text } });
    await eventually(() => expect(facilitatorOnTwo.model.list('need')).toHaveLength(3));

    await one.kill('SIGKILL');
    const killedAt = Date.now();
    socketA.close();
    a.provider.disconnect();
    // The dead process cannot say goodbye: its member expires in Redis.
    await eventually(() => expect(presence.current?.counts.participant).toBe(0), {
      timeoutMs: 25_000,
    });
    expect(Date.now() - killedAt).toBeLessThan(25_000);

    // The participant's device reconnects to the surviving process with its copy of the board.
    const again = connectClient(two.wsUrl, board.id, {
      token: t.participant,
      author: 'A',
      authorSecret: secret,
      doc: a.doc,
    });
    cleanup.push(() => again.destroy());
    await again.whenSynced();
    again.model.create('need', { content: { text: 'Kinderbetreuung am Samstag' } });
    await eventually(() => expect(facilitatorOnTwo.model.list('need')).toHaveLength(4));
    for (const update of a.received)
      expect(containsUpdate(facilitatorOnTwo.doc, update)).toBe(true);
    expect(toPlainBoard(again.doc)).toEqual(toPlainBoard(facilitatorOnTwo.doc));
  });
});
