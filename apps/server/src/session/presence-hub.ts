import type { Role } from '@werkraum/model';
import {
  countMembers,
  type PresenceCounts,
  type PresenceMember,
  type PresenceStore,
} from '../presence.js';

/** A person as facilitator and steering group see them in `presence:state`. */
export interface PresencePerson {
  id: string;
  name: string;
  role: Role;
  color: string;
  editing: string | null;
}

/** `presence:state`: counts for everyone; `people` only for facilitator and steering group. */
export interface PresenceState {
  boardId: string;
  counts: PresenceCounts;
  people?: PresencePerson[];
}

export interface PresenceHubOptions {
  store: PresenceStore;
  /** Sends the board's state: `counts` to every socket, `people` only to those who may see them. */
  publish(boardId: string, counts: PresenceCounts, people: PresencePerson[]): void;
  /** How often boards with members on this process are checked for expired members. */
  checkIntervalMs: number;
  /** A background presence operation failed (reported, retried by the next change or check). */
  onError(error: unknown, boardId: string): void;
}

/**
 * The sockets of this process in the presence store, and the `presence:state` broadcasts: on
 * every change, and when the periodic check removed members of a process that died.
 */
export class PresenceHub {
  readonly #options: PresenceHubOptions;
  /** This process's members: boardId → memberId → record. */
  readonly #local = new Map<string, Map<string, PresenceMember>>();
  /** Boards whose broadcast is scheduled (several changes in one turn → one broadcast). */
  readonly #scheduled = new Set<string>();
  readonly #timer: NodeJS.Timeout;

  constructor(options: PresenceHubOptions) {
    this.#options = options;
    this.#timer = setInterval(() => this.#check(), options.checkIntervalMs);
    this.#timer.unref();
  }

  /** The local member record of a socket. */
  member(boardId: string, memberId: string): PresenceMember | undefined {
    return this.#local.get(boardId)?.get(memberId);
  }

  async join(member: PresenceMember): Promise<void> {
    let board = this.#local.get(member.boardId);
    if (!board) {
      board = new Map();
      this.#local.set(member.boardId, board);
    }
    board.set(member.id, member);
    await this.#options.store.upsert(member);
    this.#schedule(member.boardId);
  }

  async update(
    boardId: string,
    memberId: string,
    patch: Pick<PresenceMember, 'name' | 'color' | 'editing'>,
  ): Promise<void> {
    const current = this.member(boardId, memberId);
    if (!current) return;
    const next = { ...current, ...patch };
    this.#local.get(boardId)?.set(memberId, next);
    await this.#options.store.upsert(next);
    this.#schedule(boardId);
  }

  async leave(boardId: string, memberId: string): Promise<void> {
    const board = this.#local.get(boardId);
    if (!board?.delete(memberId)) return;
    if (board.size === 0) this.#local.delete(boardId);
    await this.#options.store.remove(boardId, memberId);
    this.#schedule(boardId);
  }

  async counts(boardId: string): Promise<PresenceCounts> {
    return this.#options.store.counts(boardId);
  }

  close(): void {
    clearInterval(this.#timer);
    this.#local.clear();
  }

  #schedule(boardId: string): void {
    if (this.#scheduled.has(boardId)) return;
    this.#scheduled.add(boardId);
    setImmediate(() => {
      this.#scheduled.delete(boardId);
      this.#broadcast(boardId).catch((error: unknown) => this.#options.onError(error, boardId));
    });
  }

  async #broadcast(boardId: string): Promise<void> {
    const members = await this.#options.store.list(boardId);
    const people = members.map(({ id, name, role, color, editing }) => ({
      id,
      name,
      role,
      color,
      editing,
    }));
    this.#options.publish(boardId, countMembers(members), people);
  }

  #check(): void {
    for (const boardId of this.#local.keys()) {
      this.#options.store.prune(boardId).then(
        (removed) => {
          if (removed > 0) this.#schedule(boardId);
        },
        (error: unknown) => this.#options.onError(error, boardId),
      );
    }
  }
}
