import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, type BoardClient } from '../support/clients.js';
import { makeDataDir, spawnServer, tokens } from '../support/server.js';
import { createTestDatabase } from '../support/services.js';
import { connectSession, request, trackPresence } from '../support/session.js';
import { eventually } from '../support/wait.js';
import { editLoop, expectConverged, runCleanup, sleep, startTestRedis } from './support.js';

const OUTAGE_MS = 10_000;
/** Cross-process sync and presence must be back this soon after Redis returns. */
const RECOVERY_MS = 5_000;

describe('faults: Redis stopped for 10 s and restarted (empty)', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(() => runCleanup(cleanup));

  it('keeps syncing on each process during the outage and recovers cross-process sync and presence within 5 s', async () => {
    const redis = await startTestRedis();
    cleanup.push(() => redis.stop());
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: 'werkraum-fault', DATABASE_URL: db.url };
    const dirs = [await makeDataDir(), await makeDataDir()];
    cleanup.push(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
    const one = await spawnServer({ dataDir: dirs[0]!, env });
    cleanup.push(() => one.kill('SIGTERM'));
    const two = await spawnServer({ dataDir: dirs[1]!, env });
    cleanup.push(() => two.kill('SIGTERM'));
    const board = await one.createBoard();
    const t = tokens(board);

    const onOne: BoardClient[] = [];
    const onTwo: BoardClient[] = [];
    for (let n = 0; n < 4; n++) {
      onOne.push(connectClient(one.wsUrl, board.id, { author: `one-${n}`, token: t.steering }));
      onTwo.push(connectClient(two.wsUrl, board.id, { author: `two-${n}`, token: t.steering }));
    }
    const all = [...onOne, ...onTwo];
    cleanup.push(() => all.forEach((c) => c.destroy()));
    await Promise.all(all.map((c) => c.whenSynced(10_000)));
    const field = onOne[0]!.model.create('field', { content: { title: 'Bildung' } });
    await eventually(() => all.forEach((c) => expect(c.model.has(field)).toBe(true)));

    // One session socket per process; the one on process one watches presence.
    const watcher = await connectSession(one.url, { boardId: board.id, token: t.facilitator });
    cleanup.push(() => watcher.close());
    const presence = trackPresence(watcher);
    const other = await connectSession(two.url, { boardId: board.id, token: t.participant });
    cleanup.push(() => other.close());
    expect(
      await request(watcher, 'presence:update', {
        name: 'Moderation',
        color: '#0b6e4f',
        editing: null,
      }),
    ).toMatchObject({ ok: true });
    expect(
      await request(other, 'presence:update', { name: 'Gast 2', color: '#1f5fa8', editing: null }),
    ).toMatchObject({ ok: true });
    await eventually(() => expect(presence.current?.counts.total).toBe(2), { timeoutMs: 2_000 });

    const edits = editLoop(all, field, 3);
    await sleep(1_000);
    await redis.stop();
    const stoppedAt = Date.now();

    // During the outage: clients on the same process still converge among themselves.
    await sleep(3_000);
    const marker1 = onOne[1]!.model.create('goal', {
      parentId: field,
      content: { title: 'während des Ausfalls (1)' },
    });
    const marker2 = onTwo[1]!.model.create('goal', {
      parentId: field,
      content: { title: 'während des Ausfalls (2)' },
    });
    await eventually(
      () => {
        onOne.forEach((c) => expect(c.model.has(marker1)).toBe(true));
        onTwo.forEach((c) => expect(c.model.has(marker2)).toBe(true));
      },
      { timeoutMs: 3_000 },
    );
    // … but not across processes (no bus).
    expect(onTwo[0]!.model.has(marker1)).toBe(false);
    expect(Date.now() - stoppedAt).toBeLessThan(OUTAGE_MS);
    await sleep(stoppedAt + OUTAGE_MS - Date.now());
    await edits.stop();

    await redis.start();
    const backAt = Date.now();
    // Cross-process sync: everything written on either side reaches everyone.
    await eventually(() => expectConverged(all.map((c) => c.doc)), {
      timeoutMs: RECOVERY_MS,
      intervalMs: 50,
    });
    const syncRecoveredMs = Date.now() - backAt;
    // A new edit crosses processes again.
    const after = onTwo[2]!.model.create('goal', { parentId: field, content: { title: 'danach' } });
    await eventually(() => expect(onOne[3]!.model.has(after)).toBe(true), { timeoutMs: 2_000 });

    // Presence: Redis came back empty; each process writes its members again and a change on
    // process two reaches the watcher on process one with both members.
    let presenceRecoveredMs = -1;
    await eventually(
      async () => {
        const ack = await request(other, 'presence:update', {
          name: 'Gast 2',
          color: '#1f5fa8',
          editing: null,
        });
        expect(ack).toMatchObject({ ok: true });
        await sleep(100);
        expect(presence.current?.counts.total).toBe(2);
        expect(presence.current?.people?.map((p) => p.name).sort()).toEqual([
          'Gast 2',
          'Moderation',
        ]);
        presenceRecoveredMs = Date.now() - backAt;
      },
      { timeoutMs: RECOVERY_MS, intervalMs: 200 },
    );
    expect(presenceRecoveredMs).toBeLessThanOrEqual(RECOVERY_MS);

    // Nothing lost: every measure made on either process is on every client.
    expect(all[0]!.model.list('measure')).toHaveLength(edits.total);
    // No process died.
    expect([one.child.exitCode, two.child.exitCode]).toEqual([null, null]);
    console.info(
      `[faults] redis outage ${OUTAGE_MS} ms: ${edits.total} measures, sync back after ` +
        `${syncRecoveredMs} ms, presence after ${presenceRecoveredMs} ms`,
    );
  });
});
