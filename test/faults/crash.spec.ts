import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, type BoardClient } from '../support/clients.js';
import { makeDataDir, spawnServer, tokens, type Role } from '../support/server.js';
import {
  cleanRedis,
  createTestDatabase,
  REDIS_URL,
  uniqueRedisPrefix,
} from '../support/services.js';
import { eventually } from '../support/wait.js';
import {
  checkReceived,
  duplicateTitles,
  editLoop,
  expectConverged,
  runCleanup,
  sleep,
} from './support.js';

const CLIENTS = 50;
const EDITS_PER_SECOND = 3;
const EDIT_MS = 3_000;

interface Member {
  client: BoardClient;
  role: Role;
  authorSecret: string;
}

/** 50 stock clients, half facilitator, half steering group, all synced. */
async function connectMembers(
  wsUrls: string[],
  boardId: string,
  t: Record<Role, string>,
  cleanup: (() => unknown)[],
): Promise<Member[]> {
  const members = Array.from({ length: CLIENTS }, (_, n): Member => {
    const role: Role = n % 2 ? 'steering' : 'facilitator';
    const authorSecret = `fault-suite-author-secret-${n}-${Math.random().toString(36).slice(2)}`;
    const client = connectClient(wsUrls[n % wsUrls.length]!, boardId, {
      author: `Client ${n}`,
      token: t[role],
      authorSecret,
    });
    return { client, role, authorSecret };
  });
  cleanup.push(() => members.forEach((m) => m.client.destroy()));
  await Promise.all(members.map((m) => m.client.whenSynced(20_000)));
  return members;
}

/** The same device reconnecting with its doc (its unsent edits go with it). */
function reconnect(member: Member, wsUrl: string, boardId: string, t: Record<Role, string>) {
  member.client.provider.destroy();
  member.client = connectClient(wsUrl, boardId, {
    author: 'again',
    token: t[member.role],
    authorSecret: member.authorSecret,
    doc: member.client.doc,
  });
  return member.client;
}

describe('faults: SIGKILL while 50 clients edit', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(() => runCleanup(cleanup));

  it('single process with SQLite: the restarted server has every update any client had received; all converge', async () => {
    const dataDir = await makeDataDir();
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const first = await spawnServer({ dataDir });
    cleanup.push(() => first.kill());
    const board = await first.createBoard();
    const t = tokens(board);
    const members = await connectMembers([first.wsUrl], board.id, t, cleanup);
    const field = members[0]!.client.model.create('field', { content: { title: 'Arbeit' } });
    await eventually(() => members.forEach((m) => expect(m.client.model.has(field)).toBe(true)), {
      timeoutMs: 10_000,
    });

    const edits = editLoop(
      members.map((m) => m.client),
      field,
      EDITS_PER_SECOND,
    );
    await sleep(EDIT_MS);
    await first.kill('SIGKILL');
    // Freeze what every client had received from the server before it died.
    const received = members.map((m) => [...m.client.received]);
    // The clients go on editing offline for a moment.
    await sleep(500);
    await edits.stop();
    members.forEach((m) => m.client.provider.disconnect());

    const second = await spawnServer({ dataDir });
    cleanup.push(() => second.kill('SIGTERM'));
    // Before any old client is back: the restarted server alone must have it all.
    const late = connectClient(second.wsUrl, board.id, { token: t.facilitator });
    cleanup.push(() => late.destroy());
    await late.whenSynced(15_000);
    const check = checkReceived(late.doc, received);
    // At least half the edits made before the kill reached other clients and are checked.
    expect(check.measures).toBeGreaterThan((CLIENTS * EDITS_PER_SECOND * EDIT_MS) / 1000 / 2);
    expect(check.missing).toBe(0);

    const again = members.map((m) => reconnect(m, second.wsUrl, board.id, t));
    await eventually(() => expectConverged([late.doc, ...again.map((c) => c.doc)]), {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
    expect(duplicateTitles(late.doc)).toEqual([]);
    // Every edit any client made — before, during and after the kill — is on the board.
    expect(late.model.list('measure')).toHaveLength(edits.total);
    console.info(
      `[faults] sqlite SIGKILL: ${CLIENTS} clients, ${edits.total} measures, ` +
        `${check.total} received updates (${check.distinct} distinct, ${check.measures} measures) checked, lost ${check.missing}`,
    );
  });

  it('two processes on Redis + PostgreSQL: the survivor has every update; the clients of the killed one carry on there', async () => {
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
    cleanup.push(() => one.kill());
    const two = await spawnServer({ dataDir: dirs[1]!, env });
    cleanup.push(() => two.kill('SIGTERM'));
    const board = await one.createBoard();
    const t = tokens(board);
    // Even clients on process one, odd ones on process two.
    const members = await connectMembers([one.wsUrl, two.wsUrl], board.id, t, cleanup);
    const field = members[0]!.client.model.create('field', { content: { title: 'Wohnen' } });
    await eventually(() => members.forEach((m) => expect(m.client.model.has(field)).toBe(true)), {
      timeoutMs: 10_000,
    });

    const edits = editLoop(
      members.map((m) => m.client),
      field,
      EDITS_PER_SECOND,
    );
    await sleep(EDIT_MS);
    await one.kill('SIGKILL');
    const received = members.map((m) => [...m.client.received]);
    // The survivor's clients keep editing; the killed process's clients are offline.
    await sleep(500);

    // A client joining the survivor now must find everything anyone had received.
    const late = connectClient(two.wsUrl, board.id, { token: t.facilitator });
    cleanup.push(() => late.destroy());
    await late.whenSynced(15_000);
    const check = checkReceived(late.doc, received);
    // At least half the edits made before the kill reached other clients and are checked.
    expect(check.measures).toBeGreaterThan((CLIENTS * EDITS_PER_SECOND * EDIT_MS) / 1000 / 2);
    expect(check.missing).toBe(0);

    // The killed process's clients reconnect to the survivor with their docs.
    const orphans = members.filter((_, n) => n % 2 === 0);
    for (const m of orphans) reconnect(m, two.wsUrl, board.id, t);
    await sleep(1_000);
    await edits.stop();
    await eventually(() => expectConverged([late.doc, ...members.map((m) => m.client.doc)]), {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
    expect(duplicateTitles(late.doc)).toEqual([]);
    expect(late.model.list('measure')).toHaveLength(edits.total);
    console.info(
      `[faults] cluster SIGKILL: ${CLIENTS} clients, ${edits.total} measures, ` +
        `${check.total} received updates (${check.distinct} distinct, ${check.measures} measures) checked, lost ${check.missing}`,
    );
  });
});
