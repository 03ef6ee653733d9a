import { createHash } from 'node:crypto';
import type { RedisClient } from '../presence.js';

/**
 * The ballots of anonymous dot-voting rounds. A ballot is the list of item ids one voter put a
 * dot on (an item may get several dots). Ballots are kept only while a round is open: closing
 * the round (reveal or cancel) hands them out once and deletes them, so no ballot outlives the
 * round. Voters are stored under a hash of round and voter key, never by name.
 */
export interface VoteStore {
  /**
   * Adds a dot unless the voter already has `limit` dots or the round is closed. Resolves the
   * voter's dots afterwards.
   */
  cast(input: BallotInput & { itemId: string; limit: number }): Promise<CastResult>;
  /** Removes one of the voter's dots on `itemId` (none there: no change). */
  retract(input: BallotInput & { itemId: string }): Promise<string[]>;
  /** The voter's dots. */
  mine(input: BallotInput): Promise<string[]>;
  /**
   * Closes the round for good: no dot is accepted afterwards. Resolves every ballot (each a
   * list of item ids, in no particular order and without voter keys) and deletes them, or null
   * if the round had been closed before (by this or another process).
   */
  closeRound(boardId: string, roundId: string): Promise<string[][] | null>;
  /** Forgets every round of a board (it was deleted). */
  deleteBoard(boardId: string): Promise<void>;
  close(): Promise<void>;
}

export interface BallotInput {
  boardId: string;
  roundId: string;
  /** The voter's author id, or their presence member id when they have none. */
  voterKey: string;
}

export type CastResult =
  { ok: true; mine: string[] } | { ok: false; reason: 'limit' | 'closed'; mine: string[] };

/** How long a closed round is remembered (so that late dots are refused) and ballots kept. */
const ROUND_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** The key a ballot is stored under: not the voter key itself, and different in every round. */
function ballotKey(roundId: string, voterKey: string): string {
  return createHash('sha256').update(`${roundId}\n${voterKey}`).digest('base64url').slice(0, 22);
}

interface MemoryRound {
  closed: boolean;
  ballots: Map<string, string[]>;
}

/** Ballots in memory (one process). */
export class InMemoryVoteStore implements VoteStore {
  /** boardId → roundId → round (insertion order = age). */
  readonly #boards = new Map<string, Map<string, MemoryRound>>();

  #round(boardId: string, roundId: string): MemoryRound {
    let rounds = this.#boards.get(boardId);
    if (!rounds) {
      rounds = new Map();
      this.#boards.set(boardId, rounds);
    }
    let round = rounds.get(roundId);
    if (!round) {
      round = { closed: false, ballots: new Map() };
      rounds.set(roundId, round);
      // Closed rounds are only remembered to refuse late dots; keep a few.
      for (const [id, old] of rounds) {
        if (rounds.size <= 16) break;
        if (old.closed) rounds.delete(id);
      }
    }
    return round;
  }

  async cast(input: BallotInput & { itemId: string; limit: number }): Promise<CastResult> {
    const round = this.#round(input.boardId, input.roundId);
    const key = ballotKey(input.roundId, input.voterKey);
    const mine = round.ballots.get(key) ?? [];
    if (round.closed) return { ok: false, reason: 'closed', mine: [...mine] };
    if (mine.length >= input.limit) return { ok: false, reason: 'limit', mine: [...mine] };
    const next = [...mine, input.itemId];
    round.ballots.set(key, next);
    return { ok: true, mine: [...next] };
  }

  async retract(input: BallotInput & { itemId: string }): Promise<string[]> {
    const round = this.#round(input.boardId, input.roundId);
    const key = ballotKey(input.roundId, input.voterKey);
    const mine = round.ballots.get(key) ?? [];
    const index = mine.lastIndexOf(input.itemId);
    if (round.closed || index === -1) return [...mine];
    const next = mine.filter((_, i) => i !== index);
    if (next.length === 0) round.ballots.delete(key);
    else round.ballots.set(key, next);
    return [...next];
  }

  async mine(input: BallotInput): Promise<string[]> {
    const round = this.#boards.get(input.boardId)?.get(input.roundId);
    return [...(round?.ballots.get(ballotKey(input.roundId, input.voterKey)) ?? [])];
  }

  async closeRound(boardId: string, roundId: string): Promise<string[][] | null> {
    const round = this.#round(boardId, roundId);
    if (round.closed) return null;
    round.closed = true;
    const ballots = Array.from(round.ballots.values());
    round.ballots.clear();
    return ballots;
  }

  async deleteBoard(boardId: string): Promise<void> {
    this.#boards.delete(boardId);
  }

  async close(): Promise<void> {
    this.#boards.clear();
  }
}

// KEYS[1] ballots hash, KEYS[2] closed marker; ARGV: ballot key, item id, limit, retention ms.
// Returns { status, ballot JSON } with status 1 = added, 0 = closed, -1 = limit reached.
const CAST_SCRIPT = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then raw = '[]' end
if redis.call('EXISTS', KEYS[2]) == 1 then return { 0, raw } end
local mine = cjson.decode(raw)
if #mine >= tonumber(ARGV[3]) then return { -1, raw } end
table.insert(mine, ARGV[2])
local out = cjson.encode(mine)
redis.call('HSET', KEYS[1], ARGV[1], out)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return { 1, out }
`;

// KEYS[1] ballots hash, KEYS[2] closed marker; ARGV: ballot key, item id. Returns the ballot.
const RETRACT_SCRIPT = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return '[]' end
if redis.call('EXISTS', KEYS[2]) == 1 then return raw end
local mine = cjson.decode(raw)
for i = #mine, 1, -1 do
  if mine[i] == ARGV[2] then
    table.remove(mine, i)
    break
  end
end
if #mine == 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
  return '[]'
end
local out = cjson.encode(mine)
redis.call('HSET', KEYS[1], ARGV[1], out)
return out
`;

// KEYS[1] ballots hash, KEYS[2] closed marker; ARGV: retention ms. Returns the ballots, or
// nil if the round was closed before.
const CLOSE_SCRIPT = `
if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[1]) then return nil end
local ballots = redis.call('HVALS', KEYS[1])
redis.call('DEL', KEYS[1])
return ballots
`;

export interface RedisVoteStoreOptions {
  /** A connected (or connecting) node-redis client; not closed by the store. */
  client: RedisClient;
  /** Prefix of every key (`REDIS_PREFIX`). */
  prefix: string;
}

/**
 * Ballots in Redis, shared by every process: a hash per round
 * `<prefix>:votes:<boardId>:<roundId>` (ballot key → JSON array of item ids) and a marker
 * `<prefix>:votes:<boardId>:<roundId>:closed`. Every change is one Lua script, so the dot limit
 * holds across processes and no dot lands after the round closed.
 */
export class RedisVoteStore implements VoteStore {
  readonly #client: RedisClient;
  readonly #prefix: string;

  constructor(options: RedisVoteStoreOptions) {
    this.#client = options.client;
    this.#prefix = options.prefix;
  }

  #keys(boardId: string, roundId: string): [string, string] {
    const ballots = `${this.#prefix}:votes:${boardId}:${roundId}`;
    return [ballots, `${ballots}:closed`];
  }

  async cast(input: BallotInput & { itemId: string; limit: number }): Promise<CastResult> {
    const reply = (await this.#client.eval(CAST_SCRIPT, {
      keys: this.#keys(input.boardId, input.roundId),
      arguments: [
        ballotKey(input.roundId, input.voterKey),
        input.itemId,
        String(input.limit),
        String(ROUND_RETENTION_MS),
      ],
    })) as [number, string];
    const [status, json] = reply;
    const mine = parseBallot(json);
    if (status === 1) return { ok: true, mine };
    return { ok: false, reason: status === 0 ? 'closed' : 'limit', mine };
  }

  async retract(input: BallotInput & { itemId: string }): Promise<string[]> {
    const json = (await this.#client.eval(RETRACT_SCRIPT, {
      keys: this.#keys(input.boardId, input.roundId),
      arguments: [ballotKey(input.roundId, input.voterKey), input.itemId],
    })) as string;
    return parseBallot(json);
  }

  async mine(input: BallotInput): Promise<string[]> {
    const [ballots] = this.#keys(input.boardId, input.roundId);
    const json = await this.#client.hGet(ballots, ballotKey(input.roundId, input.voterKey));
    return json === null ? [] : parseBallot(json);
  }

  async closeRound(boardId: string, roundId: string): Promise<string[][] | null> {
    const reply = (await this.#client.eval(CLOSE_SCRIPT, {
      keys: this.#keys(boardId, roundId),
      arguments: [String(ROUND_RETENTION_MS)],
    })) as string[] | null;
    return reply === null ? null : reply.map(parseBallot);
  }

  async deleteBoard(boardId: string): Promise<void> {
    const keys: string[] = [];
    for await (const batch of this.#client.scanIterator({
      MATCH: `${this.#prefix}:votes:${boardId}:*`,
      COUNT: 500,
    })) {
      keys.push(...batch);
    }
    if (keys.length > 0) await this.#client.del(keys);
  }

  async close(): Promise<void> {
    // The client belongs to the caller.
  }
}

/** A stored ballot: a JSON array of item ids (Lua's cjson writes an empty one as `{}`). */
function parseBallot(json: string): string[] {
  const value = JSON.parse(json) as unknown;
  if (Array.isArray(value)) return value.filter((id): id is string => typeof id === 'string');
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 0) return [];
  throw new Error('A stored ballot is not a list of item ids');
}

/** Dots per item and the number of people who voted, from the ballots of a closed round. */
export function tally(ballots: readonly string[][]): {
  counts: Record<string, number>;
  voters: number;
} {
  const counts: Record<string, number> = {};
  let voters = 0;
  for (const ballot of ballots) {
    if (ballot.length === 0) continue;
    voters++;
    for (const id of ballot) counts[id] = (counts[id] ?? 0) + 1;
  }
  return { counts, voters };
}
