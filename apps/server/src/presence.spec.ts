import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { sleep, waitFor } from './testing/helpers.js';
import {
  InMemoryPresenceStore,
  RedisPresenceStore,
  type PresenceMember,
  type RedisClient,
} from './presence.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BOARD = 'B'.repeat(22);

const member = (id: string, patch: Partial<PresenceMember> = {}): PresenceMember => ({
  id,
  boardId: BOARD,
  name: `Person ${id}`,
  role: 'participant',
  color: '#123456',
  editing: null,
  instanceId: 'test',
  ...patch,
});

describe('InMemoryPresenceStore', () => {
  it('keeps member records per board and counts them per role', async () => {
    const store = new InMemoryPresenceStore();
    await store.upsert(member('a'));
    await store.upsert(member('b', { role: 'facilitator' }));
    await store.upsert(member('a', { name: 'Neu' }));
    expect((await store.list(BOARD)).map((m) => m.name).sort()).toEqual(['Neu', 'Person b']);
    expect(await store.counts(BOARD)).toEqual({
      facilitator: 1,
      steering: 0,
      participant: 1,
      viewer: 0,
      total: 2,
    });
    await store.remove(BOARD, 'a');
    await store.remove(BOARD, 'a');
    expect((await store.counts(BOARD)).total).toBe(1);
    await store.deleteBoard(BOARD);
    expect(await store.list(BOARD)).toEqual([]);
  });
});

describe('RedisPresenceStore (real Redis)', () => {
  let client: RedisClient;
  let prefix: string;
  const stores: RedisPresenceStore[] = [];
  const errors: unknown[] = [];
  const store = (options: { ttlMs: number; renewIntervalMs: number }) => {
    const created = new RedisPresenceStore({
      client,
      prefix,
      ...options,
      onError: (error) => errors.push(error),
    });
    stores.push(created);
    return created;
  };

  beforeEach(async () => {
    prefix = `werkraum-test-${randomBytes(6).toString('hex')}`;
    client = createClient({ url: REDIS_URL });
    await client.connect();
  });
  afterEach(async () => {
    for (const created of stores.splice(0)) await created.close();
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}:*` })) keys.push(...batch);
    if (keys.length > 0) await client.del(keys);
    await client.close();
    expect(errors).toEqual([]);
  });

  it('shares members between processes, keyed under the prefix', async () => {
    const one = store({ ttlMs: 15_000, renewIntervalMs: 5_000 });
    const two = store({ ttlMs: 15_000, renewIntervalMs: 5_000 });
    await one.upsert(member('a', { instanceId: 'one' }));
    await two.upsert(member('b', { instanceId: 'two', role: 'viewer' }));
    expect((await one.list(BOARD)).map((m) => m.id).sort()).toEqual(['a', 'b']);
    expect(await two.counts(BOARD)).toMatchObject({ participant: 1, viewer: 1, total: 2 });
    expect(await client.hLen(`${prefix}:presence:${BOARD}`)).toBe(2);
    await two.remove(BOARD, 'b');
    expect((await one.list(BOARD)).map((m) => m.id)).toEqual(['a']);
    await one.deleteBoard(BOARD);
    expect(await client.exists(`${prefix}:presence:${BOARD}`)).toBe(0);
  });

  it('drops the members of a process that stopped renewing within the TTL', async () => {
    const alive = store({ ttlMs: 400, renewIntervalMs: 100 });
    // A process that died: its members are never renewed.
    const dead = store({ ttlMs: 400, renewIntervalMs: 60_000 });
    await alive.upsert(member('alive'));
    await dead.upsert(member('dead1'));
    await dead.upsert(member('dead2'));
    expect((await alive.counts(BOARD)).total).toBe(3);
    await sleep(700);
    expect((await alive.list(BOARD)).map((m) => m.id)).toEqual(['alive']);
    // Deleted, not only hidden.
    expect(await client.hKeys(`${prefix}:presence:${BOARD}`)).toEqual(['alive']);
    expect(await alive.prune(BOARD)).toBe(0);
    await waitFor(async () => expect((await alive.counts(BOARD)).total).toBe(1));
  });

  it('prune reports how many expired members it removed; idle boards vanish as a whole', async () => {
    const alive = store({ ttlMs: 300, renewIntervalMs: 50 });
    const dead = store({ ttlMs: 300, renewIntervalMs: 60_000 });
    await alive.upsert(member('alive'));
    await dead.upsert(member('x'));
    await sleep(500);
    expect(await alive.prune(BOARD)).toBe(1);
    expect(await alive.prune(BOARD)).toBe(0);
    // Nobody renews a board any more: its keys expire in Redis itself.
    await alive.remove(BOARD, 'alive');
    await dead.upsert(member('y', { boardId: 'C'.repeat(22) }));
    await sleep(500);
    expect(await client.exists(`${prefix}:presence:${'C'.repeat(22)}`)).toBe(0);
    expect(await client.exists(`${prefix}:presence:${'C'.repeat(22)}:expiry`)).toBe(0);
  });
});
