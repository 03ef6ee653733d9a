import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '@werkraum/model';
import { z } from 'zod';
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
  connection: LiveConnection;
}

/**
 * Checks tokens and keeps track of the live connections each link authenticated, so that
 * rotating a link or deleting a board closes them at once. One process: with several server
 * processes, rotation and deletion must also be announced to the others (e.g. via Redis).
 */
export class Access {
  readonly #store: BoardStore;
  /** boardId → live connections. */
  readonly #live = new Map<string, Set<Registration>>();
  /** Boards being deleted: no token of them works any more. */
  readonly #deleting = new Set<string>();
  /**
   * Bumped whenever a link stops working. A check that started before and finishes after a
   * bump is repeated, so no connection registers with a token revoked in between.
   */
  #revision = 0;

  constructor(options: { store: BoardStore }) {
    this.#store = options.store;
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
    for (;;) {
      const revision = this.#revision;
      const role = await this.authenticate(boardId, token);
      // A link stopped working while we looked it up: look again.
      if (revision !== this.#revision) continue;
      if (role === undefined) return undefined;
      return this.#register(boardId, role, connection);
    }
  }

  /** Issues a new token for `role` and closes the live connections of the old one. */
  async rotate(boardId: string, role: Role): Promise<string> {
    const token = newToken();
    await this.#store.replaceLink(boardId, role, hashToken(token));
    this.#revision++;
    this.#revokeWhere(boardId, (registration) => registration.role === role, 'revoked');
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

  #register(boardId: string, role: Role, connection: LiveConnection): Grant {
    const registration: Registration = { role, connection };
    let set = this.#live.get(boardId);
    if (!set) {
      set = new Set();
      this.#live.set(boardId, set);
    }
    set.add(registration);
    return {
      role,
      release: () => {
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
      registration.connection.revoke(reason);
    }
    if (set.size === 0) this.#live.delete(boardId);
  }
}
