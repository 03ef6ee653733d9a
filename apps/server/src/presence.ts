import { ROLES, roleSchema, type Role } from '@werkraum/model';
import type { createClient } from 'redis';
import { z } from 'zod';

/**
 * Who is in a board's live session (socket.io): one member record per socket. In memory for
 * one process (the default); `RedisPresenceStore` shares presence between server processes.
 */
export interface PresenceMember {
  /** Random per socket (not the socket.io id, which other sockets could address). */
  id: string;
  boardId: string;
  /** Display name or pseudonym; never logged. */
  name: string;
  role: Role;
  /** `#rrggbb` */
  color: string;
  /** Id of the item the member is editing, or null. */
  editing: string | null;
  /** The server process the socket is connected to. */
  instanceId: string;
}

export type PresenceCounts = Record<Role, number> & { total: number };

export const presenceMemberSchema = z.strictObject({
  id: z.string().min(1).max(64),
  boardId: z.string().min(1).max(64),
  name: z.string().max(80),
  role: roleSchema,
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  editing: z.string().max(64).nullable(),
  instanceId: z.string().max(200),
});

export interface PresenceStore {
  /** Adds or replaces a member record. */
  upsert(member: PresenceMember): Promise<void>;
  /** Removes a member (idempotent). */
  remove(boardId: string, memberId: string): Promise<void>;
  /** The board's members (expired ones are dropped and deleted first). */
  list(boardId: string): Promise<PresenceMember[]>;
  /** Members per role and in total. */
  counts(boardId: string): Promise<PresenceCounts>;
  /**
   * Deletes expired members of a board (members of a process that died); resolves how many.
   * Always 0 for a store without expiry.
   */
  prune(boardId: string): Promise<number>;
  /** Forgets everything about a board (it was deleted). */
  deleteBoard(boardId: string): Promise<void>;
  close(): Promise<void>;
}

export function countMembers(members: readonly PresenceMember[]): PresenceCounts {
  const counts = Object.fromEntries(ROLES.map((role) => [role, 0])) as PresenceCounts;
  for (const member of members) counts[member.role] += 1;
  counts.total = members.length;
  return counts;
}

export class InMemoryPresenceStore implements PresenceStore {
  readonly #boards = new Map<string, Map<string, PresenceMember>>();

  async upsert(member: PresenceMember): Promise<void> {
    let members = this.#boards.get(member.boardId);
    if (!members) {
      members = new Map();
      this.#boards.set(member.boardId, members);
    }
    members.set(member.id, { ...member });
  }

  async remove(boardId: string, memberId: string): Promise<void> {
    const members = this.#boards.get(boardId);
    if (!members) return;
    members.delete(memberId);
    if (members.size === 0) this.#boards.delete(boardId);
  }

  async list(boardId: string): Promise<PresenceMember[]> {
    return Array.from(this.#boards.get(boardId)?.values() ?? [], (member) => ({ ...member }));
  }

  async counts(boardId: string): Promise<PresenceCounts> {
    return countMembers(await this.list(boardId));
  }

  async prune(): Promise<number> {
    return 0;
  }

  async deleteBoard(boardId: string): Promise<void> {
    this.#boards.delete(boardId);
  }

  async close(): Promise<void> {
    this.#boards.clear();
  }
}

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisPresenceStoreOptions {
  /** A connected (or connecting) node-redis client; not closed by the store. */
  client: RedisClient;
  /** Prefix of every key (`REDIS_PREFIX`). */
  prefix: string;
  /** A member not renewed for this long is gone (its process died). Default 15 s. */
  ttlMs?: number;
  /** How often this process renews its own members. Default 5 s. */
  renewIntervalMs?: number;
  /** Called when a renewal fails (it is retried at the next interval); e.g. log it. */
  onError: (error: unknown) => void;
}

/** Deletes the members whose expiry time passed, atomically; returns how many. */
const PRUNE_SCRIPT = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
for _, id in ipairs(ids) do
  redis.call('HDEL', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
end
return #ids
`;

/**
 * Presence in Redis, shared by every server process: per board a hash
 * `<prefix>:presence:<boardId>` (member id → JSON record) and a sorted set
 * `<prefix>:presence:<boardId>:expiry` (member id → expiry time in ms). Each process renews its
 * own members every `renewIntervalMs` with a TTL of `ttlMs`; readers drop expired members, so
 * the members of a killed process disappear within the TTL. Both keys also expire as a whole
 * when nobody renews them.
 */
export class RedisPresenceStore implements PresenceStore {
  readonly #client: RedisClient;
  readonly #prefix: string;
  readonly #ttlMs: number;
  /** This process's members, renewed periodically: boardId → memberId → record. */
  readonly #local = new Map<string, Map<string, PresenceMember>>();
  readonly #timer: NodeJS.Timeout;

  constructor(options: RedisPresenceStoreOptions) {
    this.#client = options.client;
    this.#prefix = options.prefix;
    this.#ttlMs = options.ttlMs ?? 15_000;
    this.#timer = setInterval(() => {
      this.#renew().catch(options.onError);
    }, options.renewIntervalMs ?? 5_000);
    this.#timer.unref();
  }

  #keys(boardId: string): { hash: string; expiry: string } {
    const hash = `${this.#prefix}:presence:${boardId}`;
    return { hash, expiry: `${hash}:expiry` };
  }

  async #write(members: readonly PresenceMember[]): Promise<void> {
    if (members.length === 0) return;
    const expiresAt = Date.now() + this.#ttlMs;
    const multi = this.#client.multi();
    for (const member of members) {
      const { hash, expiry } = this.#keys(member.boardId);
      multi.hSet(hash, member.id, JSON.stringify(member));
      multi.zAdd(expiry, { score: expiresAt, value: member.id });
      multi.pExpire(hash, this.#ttlMs);
      multi.pExpire(expiry, this.#ttlMs);
    }
    await multi.exec();
  }

  /** Writes this process's members again now (e.g. after Redis came back empty). */
  renewNow(): Promise<void> {
    return this.#renew();
  }

  async #renew(): Promise<void> {
    const members: PresenceMember[] = [];
    for (const board of this.#local.values()) members.push(...board.values());
    await this.#write(members);
  }

  async upsert(member: PresenceMember): Promise<void> {
    const record = presenceMemberSchema.parse(member);
    let board = this.#local.get(record.boardId);
    if (!board) {
      board = new Map();
      this.#local.set(record.boardId, board);
    }
    board.set(record.id, record);
    await this.#write([record]);
  }

  async remove(boardId: string, memberId: string): Promise<void> {
    const board = this.#local.get(boardId);
    board?.delete(memberId);
    if (board?.size === 0) this.#local.delete(boardId);
    const { hash, expiry } = this.#keys(boardId);
    await this.#client.multi().hDel(hash, memberId).zRem(expiry, memberId).exec();
  }

  async prune(boardId: string): Promise<number> {
    const { hash, expiry } = this.#keys(boardId);
    const removed = await this.#client.eval(PRUNE_SCRIPT, {
      keys: [hash, expiry],
      arguments: [String(Date.now())],
    });
    return Number(removed);
  }

  async list(boardId: string): Promise<PresenceMember[]> {
    await this.prune(boardId);
    const { hash, expiry } = this.#keys(boardId);
    const raw = await this.#client.hGetAll(hash);
    const members: PresenceMember[] = [];
    const broken: string[] = [];
    for (const [id, json] of Object.entries(raw)) {
      const parsed = presenceMemberSchema.safeParse(parseJson(json));
      if (parsed.success && parsed.data.id === id) members.push(parsed.data);
      else broken.push(id);
    }
    // Records that are not ours to read (another version, a manual edit) are removed, not shown.
    if (broken.length > 0)
      await this.#client.multi().hDel(hash, broken).zRem(expiry, broken).exec();
    return members;
  }

  async counts(boardId: string): Promise<PresenceCounts> {
    return countMembers(await this.list(boardId));
  }

  async deleteBoard(boardId: string): Promise<void> {
    this.#local.delete(boardId);
    const { hash, expiry } = this.#keys(boardId);
    await this.#client.del([hash, expiry]);
  }

  /** Stops renewing and removes this process's members (a graceful shutdown). */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    const local = Array.from(this.#local.values(), (board) => Array.from(board.values())).flat();
    this.#local.clear();
    if (local.length === 0 || !this.#client.isOpen) return;
    const multi = this.#client.multi();
    for (const member of local) {
      const { hash, expiry } = this.#keys(member.boardId);
      multi.hDel(hash, member.id);
      multi.zRem(expiry, member.id);
    }
    await multi.exec();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
