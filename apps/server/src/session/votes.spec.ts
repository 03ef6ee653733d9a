import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import type { RedisClient } from '../presence.js';
import { InMemoryVoteStore, RedisVoteStore, tally, type VoteStore } from './votes.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `werkraum-test-${randomBytes(6).toString('hex')}`;
let client: RedisClient;

beforeAll(async () => {
  client = createClient({ url: REDIS_URL });
  await client.connect();
});
afterAll(async () => {
  const keys: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: `${prefix}:*` })) keys.push(...batch);
  if (keys.length > 0) await client.del(keys);
  await client.close();
});

describe.each([
  ['memory', () => new InMemoryVoteStore()],
  ['redis', () => new RedisVoteStore({ client, prefix })],
] as const)('VoteStore (%s)', (_name, make: () => VoteStore) => {
  const board = 'V'.repeat(22);

  it('limits dots per voter, retracts one, closes once and deletes the ballots', async () => {
    const votes = make();
    const roundId = randomBytes(12).toString('base64url');
    const ballot = (voterKey: string) => ({ boardId: board, roundId, voterKey });
    expect(await votes.cast({ ...ballot('a'), itemId: 'x', limit: 2 })).toEqual({
      ok: true,
      mine: ['x'],
    });
    expect(await votes.cast({ ...ballot('a'), itemId: 'x', limit: 2 })).toEqual({
      ok: true,
      mine: ['x', 'x'],
    });
    expect(await votes.cast({ ...ballot('a'), itemId: 'y', limit: 2 })).toEqual({
      ok: false,
      reason: 'limit',
      mine: ['x', 'x'],
    });
    expect(await votes.retract({ ...ballot('a'), itemId: 'x' })).toEqual(['x']);
    expect(await votes.retract({ ...ballot('a'), itemId: 'z' })).toEqual(['x']);
    await votes.cast({ ...ballot('b'), itemId: 'y', limit: 2 });
    await votes.cast({ ...ballot('c'), itemId: 'y', limit: 2 });
    expect(await votes.retract({ ...ballot('c'), itemId: 'y' })).toEqual([]);
    expect(await votes.mine(ballot('b'))).toEqual(['y']);

    const ballots = await votes.closeRound(board, roundId);
    expect(ballots?.map((b) => b.join()).sort()).toEqual(['x', 'y']);
    expect(tally(ballots ?? [])).toEqual({ counts: { x: 1, y: 1 }, voters: 2 });
    expect(await votes.closeRound(board, roundId)).toBeNull();
    expect(await votes.mine(ballot('a'))).toEqual([]);
    expect(await votes.cast({ ...ballot('a'), itemId: 'x', limit: 2 })).toMatchObject({
      ok: false,
      reason: 'closed',
    });
    if (votes instanceof RedisVoteStore) {
      // No ballot is kept, and no key carries a voter key.
      expect(await client.exists(`${prefix}:votes:${board}:${roundId}`)).toBe(0);
    }
    await votes.deleteBoard(board);
  });

  it('holds the limit under concurrent casts of one voter', async () => {
    const votes = make();
    const roundId = randomBytes(12).toString('base64url');
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        votes.cast({ boardId: board, roundId, voterKey: 'same', itemId: 'x', limit: 3 }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(await votes.mine({ boardId: board, roundId, voterKey: 'same' })).toHaveLength(3);
    await votes.deleteBoard(board);
  });
});
