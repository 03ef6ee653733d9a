import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '@werkraum/model';
import { z } from 'zod';
import { LocalBoardBus, type BoardBus, type BusListener, type Unsubscribe } from './cluster/bus.js';
import { boardRef, createLogger, type Logger } from './logger.js';
import type { BoardStore } from './storage/types.js';

/**
 * Capability links. A link is `/b/<boardId>#<token>`; the token (128 bits from the CSPRNG,
 * base64url) is the permission. Only its SHA-256 is stored (a token has full entropy, so a fast
 * hash is enough), looked up by hash and compared with `timingSafeEqual`. Tokens are never
 * logged.
 */
export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'Not a valid link token.');

/** A new link token: 16 random bytes, base64url (22 characters). */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

/** SHA-256 of a token (32 bytes): what the store keeps. */
export function hashToken(token: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(token, 'utf8').digest());
}

/** The relative URL of a role's link; the token sits in the fragment (never sent to a server). */
export function linkUrl(boardId: string, token: string): string {
  return `/b/${boardId}#${token}`;
}

/** Why the server ends a live connection of a link. */
export type RevokeReason = 'revoked' | 'deleted';

/** A live connection (WebSocket or socket.io) authenticated with one of a board's links. */
export interface LiveConnection {
  /** Closes the connection at once (ws: 4401 / 4410; socket.io: disconnect). */
  revoke(reason: RevokeReason): void;
}

/** What a successful `Access.connect` returns: the role, and the call to make when it closes. */
export interface Grant {
  role: Role;
  /** Forget the connection (call when it closed; idempotent). */
  release(): void;
}

interface Registration {
  role: Role;
  /** SHA-256 of the token it authenticated with (to re-check it after a bus outage). */
  tokenHash: Uint8Array;
  connection: LiveConnection;
  /** Ends this registration's hold on the board's bus subscription. */
  unhold: () => void;
}

interface BusHold {
  refs: number;
  subscribed: Promise<Unsubscribe>;
}

export interface AccessOptions {
  store: BoardStore;
  /** Announces rotations to the other processes and hears theirs; default: one process. */
  bus?: BoardBus;
  logger?: Logger;
}

/**
 * Checks tokens and keeps track of the live connections each link authenticated, so that
 * rotating a link or deleting a board closes them at once — on every process: while a board has
 * live connections here, Access is subscribed to its `BoardBus` channel; a rotation is
 * announced there (`revoke`), and `revoke`/`deleted` from another process close the matching
 * connections here. The subscription is active before the token is checked, so a rotation
 * committed after the check is always heard.
 */
export class Access {
  readonly #store: BoardStore;
  readonly #bus: BoardBus;
  readonly #log: Logger;
  /** Boards whose bus channel this Access listens to, with the number of holders. */
  readonly #holds = new Map<string, BusHold>();
  /** boardId → live connections. */
  readonly #live = new Map<string, Set<Registration>>();
  /** Boards being deleted: no token of them works any more. */
  readonly #deleting = new Set<string>();
  /**
   * Bumped whenever a link stops working. A check that started before and finishes after a
   * bump is repeated, so no connection registers with a token revoked in between.
   */
  #revision = 0;

  constructor(options: AccessOptions) {
    this.#store = options.store;
    this.#bus = options.bus ?? new LocalBoardBus();
    this.#log = options.logger ?? createLogger('info');
  }

  /** The role `token` grants on `boardId`, or undefined (missing, malformed, revoked, other board). */
  async authenticate(boardId: string, token: unknown): Promise<Role | undefined> {
    if (typeof token !== 'string' || !tokenSchema.safeParse(token).success) return undefined;
    const hash = hashToken(token);
    const link = await this.#store.findLink(hash);
    if (!link || link.tokenHash.byteLength !== hash.byteLength) return undefined;
    if (!timingSafeEqual(link.tokenHash, hash)) return undefined;
    if (link.boardId !== boardId || this.#deleting.has(boardId)) return undefined;
    return link.role;
  }

  /**
   * Authenticates and registers a live connection in one step: if the link is rotated or the
   * board deleted afterwards, `connection.revoke()` is called. Undefined when the token is not
   * valid for the board.
   */
  async connect(
    boardId: string,
    token: unknown,
    connection: LiveConnection,
  ): Promise<Grant | undefined> {
    // Listen for rotations of other processes BEFORE the token is checked.
    const unhold = await this.#hold(boardId);
    try {
      for (;;) {
        const revision = this.#revision;
        const role = await this.authenticate(boardId, token);
        // A link stopped working while we looked it up: look again.
        if (revision !== this.#revision) continue;
        if (role === undefined) {
          unhold();
          return undefined;
        }
        return this.#register(boardId, role, hashToken(token as string), connection, unhold);
      }
    } catch (error) {
      unhold();
      throw error;
    }
  }

  /** Issues a new token for `role` and closes the live connections of the old one. */
  async rotate(boardId: string, role: Role): Promise<string> {
    const token = newToken();
    await this.#store.replaceLink(boardId, role, hashToken(token));
    this.#revision++;
    this.#revokeWhere(boardId, (registration) => registration.role === role, 'revoked');
    try {
      await this.#bus.publish(boardId, { type: 'revoke', role });
    } catch (error) {
      // The old token is dead everywhere (the store), but other processes may keep its live
      // connections open: fail the rotation so that the facilitator rotates again.
      this.#log.error(
        { err: error, board: boardRef(boardId), role },
        'announcing a link rotation to the other processes failed',
      );
      throw error;
    }
    return token;
  }

  /**
   * Stops every token of the board from working and closes its live connections; the caller
   * then deletes the board and calls `endDelete`.
   */
  beginDelete(boardId: string): void {
    this.#deleting.add(boardId);
    this.#revision++;
    this.#revokeWhere(boardId, () => true, 'deleted');
  }

  endDelete(boardId: string): void {
    this.#deleting.delete(boardId);
  }

  /** Number of live connections registered for a board (for tests and health numbers). */
  liveCount(boardId: string): number {
    return this.#live.get(boardId)?.size ?? 0;
  }

  /**
   * Holds the board's bus subscription (subscribing if this is the first holder); resolves
   * once it is active, with the call that ends the hold (idempotent).
   */
  async #hold(boardId: string): Promise<() => void> {
    let hold = this.#holds.get(boardId);
    if (!hold) {
      const created: BusHold = {
        refs: 0,
        subscribed: this.#bus.subscribe(boardId, this.#listener(boardId)),
      };
      created.subscribed.then(undefined, () => {
        // The error goes to every waiting `connect`; a later one subscribes again.
        if (this.#holds.get(boardId) === created) this.#holds.delete(boardId);
      });
      this.#holds.set(boardId, created);
      hold = created;
    }
    const held = hold;
    held.refs++;
    try {
      await held.subscribed;
    } catch (error) {
      held.refs--;
      throw error;
    }
    let done = false;
    return () => {
      if (done) return;
      done = true;
      held.refs--;
      if (held.refs > 0 || this.#holds.get(boardId) !== held) return;
      this.#holds.delete(boardId);
      held.subscribed
        .then((unsubscribe) => unsubscribe())
        .catch((error: unknown) => {
          this.#log.warn(
            { err: error, board: boardRef(boardId) },
            'leaving the board bus channel failed',
          );
        });
    };
  }

  #listener(boardId: string): BusListener {
    return {
      onMessage: (message) => {
        if (message.type === 'revoke') {
          this.#revision++;
          this.#revokeWhere(boardId, (r) => r.role === message.role, 'revoked');
        } else if (message.type === 'deleted') {
          this.#revision++;
          this.#revokeWhere(boardId, () => true, 'deleted');
        }
      },
      onResync: () => {
        void this.#recheck(boardId).catch((error: unknown) => {
          this.#log.error(
            { err: error, board: boardRef(boardId) },
            're-checking live connections after a bus outage failed',
          );
        });
      },
    };
  }

  /** After a bus outage: closes the live connections whose link was rotated or board deleted. */
  async #recheck(boardId: string): Promise<void> {
    const set = this.#live.get(boardId);
    if (!set) return;
    const boardExists = (await this.#store.getBoard(boardId)) !== undefined;
    for (const registration of Array.from(set)) {
      const link = boardExists ? await this.#store.findLink(registration.tokenHash) : undefined;
      if (link?.boardId === boardId && link.role === registration.role) continue;
      set.delete(registration);
      registration.unhold();
      registration.connection.revoke(boardExists ? 'revoked' : 'deleted');
    }
    if (set.size === 0 && this.#live.get(boardId) === set) this.#live.delete(boardId);
  }

  #register(
    boardId: string,
    role: Role,
    tokenHash: Uint8Array,
    connection: LiveConnection,
    unhold: () => void,
  ): Grant {
    const registration: Registration = { role, tokenHash, connection, unhold };
    let set = this.#live.get(boardId);
    if (!set) {
      set = new Set();
      this.#live.set(boardId, set);
    }
    set.add(registration);
    return {
      role,
      release: () => {
        registration.unhold();
        const current = this.#live.get(boardId);
        if (!current) return;
        current.delete(registration);
        if (current.size === 0) this.#live.delete(boardId);
      },
    };
  }

  #revokeWhere(
    boardId: string,
    match: (registration: Registration) => boolean,
    reason: RevokeReason,
  ): void {
    const set = this.#live.get(boardId);
    if (!set) return;
    for (const registration of Array.from(set)) {
      if (!match(registration)) continue;
      set.delete(registration);
      registration.unhold();
      registration.connection.revoke(reason);
    }
    if (set.size === 0) this.#live.delete(boardId);
  }
}
