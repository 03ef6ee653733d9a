import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import {
  boardIdSchema,
  deriveAuthorId,
  itemIdSchema,
  type Role,
  type SessionSettings,
} from '@werkraum/model';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { z } from 'zod';
import type { Access, Grant, RevokeReason } from '../access.js';
import type { BoardInfo, Boards } from '../boards.js';
import { BoardNotFoundError } from '../errors.js';
import { boardRef, type Logger } from '../logger.js';
import type { PresenceStore } from '../presence.js';
import { SOCKET_IO_PATH, SessionEvent } from '../protocol.js';
import { TokenBucket } from '../rate-limit.js';
import {
  createSessionCommands,
  fail,
  type Ack,
  type CommandContext,
  type SessionError,
  type SessionErrorCode,
  type SessionServices,
} from '../session/commands.js';
import type { HiddenItemQueue } from '../session/hidden.js';
import { PresenceHub, type PresenceState } from '../session/presence-hub.js';
import type { VoteStore } from '../session/votes.js';
import { authorSecretSchema } from './ws.js';

export type { SessionError, SessionErrorCode };
export type { PresenceState };

/** The handshake's `auth`: which board, with which link, and the device's author secret. */
export const handshakeAuthSchema = z.object({
  boardId: boardIdSchema,
  token: z.string(),
  author: authorSecretSchema.optional(),
});

/** `board:join` takes `{}` (an optional `boardId` must be the handshake's). */
export const joinPayloadSchema = z.strictObject({ boardId: boardIdSchema.optional() });

/** A display name: 1–80 characters, no control characters, no bidi overrides or isolates. */
export const displayNameSchema = z
  .string()
  .regex(/^[^\p{Cc}\u202A-\u202E\u2066-\u2069]{1,80}$/u)
  .refine((name) => name.trim() !== '');

export const presencePayloadSchema = z.strictObject({
  name: displayNameSchema,
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .transform((color) => color.toLowerCase()),
  editing: itemIdSchema.nullable(),
});

/** Ack of the `session:*`, `timer:*`, `vote:start|reveal|cancel` commands. */
export type SessionAck = { ok: true; session: SessionSettings } | SessionError;

/** Ack of `vote:cast`, `vote:retract` and `vote:mine`. */
export type BallotAck = { ok: true; mine: string[]; remaining: number } | SessionError;

export type JoinAck =
  { ok: true; meta: BoardInfo; role: Role; participants: number } | SessionError;

/** Sent to a socket right before the server disconnects it because of its link or board. */
export interface ClosedEvent {
  reason: RevokeReason;
}

/** Sent to the facilitator's sockets when the moderation queue changed. */
export interface CollectQueueEvent {
  boardId: string;
  count: number;
}

/** Sent to a submitter's sockets (same author key) when the facilitator discarded their items. */
export interface CollectDiscardedEvent {
  boardId: string;
  ids: string[];
}

/** Name and colour of a socket until it sends `presence:update`. */
export const DEFAULT_PRESENCE = { name: 'Gast', color: '#6b7280' } as const;

export interface SocketIoTransportOptions {
  httpServer: HttpServer;
  boards: Boards;
  access: Access;
  presence: PresenceStore;
  votes: VoteStore;
  queue: HiddenItemQueue;
  /** Runs a server-side change on a board's doc (`rooms.change`). */
  change: SessionServices['change'];
  logger: Logger;
  maxHttpBufferSize: number;
  /** Whether a handshake's `Origin` may connect. */
  originAllowed: (request: IncomingMessage) => boolean;
  /** Events per second a socket may send on average … */
  rateLimitPerSecond: number;
  /** … and in one burst; see `FLOOD_WINDOW_MS` for when a socket is disconnected. */
  rateLimitBurst: number;
  /** This process (written into presence records). */
  instanceId: string;
  /** socket.io adapter (the Redis adapter with several processes); default in memory. */
  adapter?: ServerOptions['adapter'];
  /**
   * Allowed transports. With several processes only `['websocket']`: polling needs sticky
   * sessions. Default both.
   */
  transports?: ServerOptions['transports'];
  /** How often boards with members here are checked for expired members. Default 5 s. */
  presenceCheckIntervalMs?: number;
  /** The server clock; default `Date.now`. */
  now?: () => number;
  /** The facilitator changed the open step (session versions, attendance); see `SessionServices`. */
  stepChanged?: SessionServices['stepChanged'];
  /** A socket set its presence name (attendance); must not reject. */
  presenceNamed?: (boardId: string, name: string) => Promise<void>;
}

/**
 * A socket that had `FLOOD_FACTOR × rateLimitBurst` events refused within `FLOOD_WINDOW_MS`
 * keeps flooding despite the `rate_limited` acks, and is disconnected.
 */
export const FLOOD_WINDOW_MS = 10_000;
export const FLOOD_FACTOR = 3;

export interface SocketIoTransport {
  readonly io: Server;
  readonly sessionCount: number;
  /** Tells everyone on the board (all processes) that a version was recorded. */
  versionsChanged(boardId: string): void;
  close(): Promise<void>;
}

interface SocketData {
  boardId: string;
  role: Role;
  grant: Grant;
  authorId: string;
  /** Set when the link was revoked before the connection completed. */
  revoked: RevokeReason | null;
}

/** socket.io rooms: every socket of a board, and its sockets per role. */
const boardRoom = (boardId: string): string => `board:${boardId}`;
const roleRoom = (boardId: string, role: Role): string => `board:${boardId}:${role}`;
/** The sockets of one person (author key) on a board: their phone, their laptop. */
const authorRoom = (boardId: string, authorId: string): string =>
  `board:${boardId}:author:${authorId}`;
/** Roles that see who is there (names), not only counts. */
const SEES_PEOPLE: readonly Role[] = ['facilitator', 'steering'];

/** An Error as socket.io's middleware hands it to the client (`connect_error`). */
function refusal(code: 'unauthorized' | 'bad_request' | 'internal'): Error & {
  data: { code: string };
} {
  return Object.assign(new Error(code), { data: { code } });
}

/**
 * The live-session channel (socket.io at `/socket.io`): a thin adapter around the session
 * commands (`session/commands.ts`) and presence (`session/presence-hub.ts`). The handshake
 * authenticates (`auth: { boardId, token, author? }`); every event is rate-limited, then
 * validated, role-checked and acknowledged by its command.
 */
export function attachSocketIoTransport(options: SocketIoTransportOptions): SocketIoTransport {
  const { boards, access, logger } = options;
  const now = options.now ?? Date.now;
  const io = new Server(options.httpServer, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    maxHttpBufferSize: options.maxHttpBufferSize,
    ...(options.adapter ? { adapter: options.adapter } : {}),
    ...(options.transports ? { transports: options.transports } : {}),
    allowRequest: (request, callback) => {
      const ok = options.originAllowed(request);
      if (!ok) logger.info('refusing socket.io handshake: foreign origin');
      callback(ok ? null : 'forbidden origin', ok);
    },
  });

  const hub = new PresenceHub({
    store: options.presence,
    checkIntervalMs: options.presenceCheckIntervalMs ?? 5_000,
    publish: (boardId, counts, people) => {
      const seers = SEES_PEOPLE.map((role) => roleRoom(boardId, role));
      const forAll: PresenceState = { boardId, counts };
      const forSeers: PresenceState = { boardId, counts, people };
      io.to(boardRoom(boardId)).except(seers).emit(SessionEvent.PresenceState, forAll);
      io.to(seers).emit(SessionEvent.PresenceState, forSeers);
    },
    onError: (error, boardId) =>
      logger.error({ err: error, board: boardRef(boardId) }, 'updating presence failed'),
  });

  const commands = createSessionCommands({
    change: options.change,
    votes: options.votes,
    queue: options.queue,
    now,
    ...(options.stepChanged ? { stepChanged: options.stepChanged } : {}),
    queueChanged: (boardId, count) => {
      const event: CollectQueueEvent = { boardId, count };
      io.to(roleRoom(boardId, 'facilitator')).emit(SessionEvent.CollectQueue, event);
    },
    submissionsDiscarded: (boardId, idsByAuthor) => {
      for (const [authorId, ids] of idsByAuthor) {
        const event: CollectDiscardedEvent = { boardId, ids };
        io.to(authorRoom(boardId, authorId)).emit(SessionEvent.CollectDiscarded, event);
      }
    },
  });

  const revokeSocket = (socket: Socket, reason: RevokeReason): void => {
    const data = socket.data as SocketData;
    if (!socket.connected) {
      // Not connected yet (still in the middleware chain): refused on connection.
      data.revoked = reason;
      return;
    }
    const event: ClosedEvent = { reason };
    socket.emit(SessionEvent.Closed, event);
    socket.disconnect(true);
  };

  io.use((socket, next) => {
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) {
      const badAuthor = auth.error.issues.some((issue) => issue.path[0] === 'author');
      next(refusal(badAuthor ? 'bad_request' : 'unauthorized'));
      return;
    }
    const { boardId, token, author } = auth.data;
    // Filled in below; `revoked` may be set by a rotation before the connection completes.
    const data = { revoked: null } as SocketData;
    socket.data = data;
    access.connect(boardId, token, { revoke: (reason) => revokeSocket(socket, reason) }).then(
      (grant) => {
        if (!grant) {
          next(refusal('unauthorized'));
          return;
        }
        const authorId = author === undefined ? '' : deriveAuthorId(author);
        Object.assign(data, { boardId, role: grant.role, grant, authorId });
        // Also when the client goes away before the connection completed.
        socket.conn.once('close', () => grant.release());
        next();
      },
      (error: unknown) => {
        logger.error({ err: error, board: boardRef(boardId) }, 'checking the link failed');
        next(refusal('internal'));
      },
    );
  });

  io.on('connection', (socket: Socket) => {
    const data = socket.data as SocketData;
    const { boardId, role, authorId } = data;
    const log = logger.child({ session: socket.id, board: boardRef(boardId) });
    // The presence id others see; random, so that it cannot be used to address the socket.
    const memberId = randomBytes(12).toString('base64url');
    // Presence operations of this socket run in order (join, updates, leave).
    let presenceQueue: Promise<void> = Promise.resolve();
    const inOrder = (operation: () => Promise<void>): Promise<void> => {
      const next = presenceQueue.then(operation);
      presenceQueue = next.catch((error: unknown) => {
        log.error({ err: error }, 'updating presence failed');
      });
      return next;
    };

    socket.on('disconnect', () => {
      data.grant.release();
      void inOrder(() => hub.leave(boardId, memberId));
    });
    if (data.revoked) {
      revokeSocket(socket, data.revoked);
      return;
    }

    // Every socket of the board is present from its connection on (name `Gast` until it says).
    void socket.join([
      boardRoom(boardId),
      roleRoom(boardId, role),
      ...(authorId ? [authorRoom(boardId, authorId)] : []),
    ]);
    void inOrder(() =>
      hub.join({
        id: memberId,
        boardId,
        role,
        ...DEFAULT_PRESENCE,
        editing: null,
        instanceId: options.instanceId,
      }),
    );

    // Rate limit of every incoming event, before any handler runs: an event over the limit is
    // not executed and acknowledged `rate_limited`; a socket that keeps flooding is dropped.
    const bucket = new TokenBucket({
      ratePerSecond: options.rateLimitPerSecond,
      burst: options.rateLimitBurst,
    });
    const floodLimit = FLOOD_FACTOR * options.rateLimitBurst;
    const refusedAt: number[] = [];
    socket.use((event, next) => {
      if (bucket.take()) {
        next();
        return;
      }
      const at = performance.now();
      while (refusedAt.length > 0 && at - (refusedAt[0] as number) > FLOOD_WINDOW_MS) {
        refusedAt.shift();
      }
      refusedAt.push(at);
      if (refusedAt.length >= floodLimit) {
        log.info('disconnecting socket: flooding despite the rate limit');
        socket.disconnect(true);
        return;
      }
      const ack: unknown = event.at(-1);
      if (typeof ack === 'function') ack(fail('rate_limited', 'Too many events; slow down'));
    });

    /** Registers an acknowledged event; unexpected errors are logged and acked `internal`. */
    const on = (event: string, run: (payload: unknown) => Promise<Ack>): void => {
      socket.on(event, async (payload: unknown, ack: unknown) => {
        let answer: Ack;
        try {
          answer = await run(payload);
        } catch (error) {
          if (error instanceof BoardNotFoundError) answer = fail('not_found', 'Board not found');
          else {
            log.error({ err: error, event }, 'session event failed');
            answer = fail('internal', 'Internal server error');
          }
        }
        if (typeof ack === 'function') ack(answer);
      });
    };

    on(SessionEvent.Join, async (payload) => {
      const parsed = joinPayloadSchema.safeParse(payload);
      if (!parsed.success) return fail('bad_request', 'Expected {}');
      if (parsed.data.boardId !== undefined && parsed.data.boardId !== boardId) {
        return fail('forbidden', 'This connection belongs to another board');
      }
      const meta = await boards.describe(boardId);
      if (!meta) return fail('not_found', 'Board not found');
      await presenceQueue;
      const counts = await hub.counts(boardId);
      return { ok: true, meta, role, participants: counts.total };
    });

    on(SessionEvent.PresenceUpdate, async (payload) => {
      const parsed = presencePayloadSchema.safeParse(payload);
      if (!parsed.success) {
        return fail(
          'bad_request',
          "Expected { name: 1–80 characters, color: '#rrggbb', editing: itemId | null }",
        );
      }
      await inOrder(() => hub.update(boardId, memberId, parsed.data));
      void options.presenceNamed?.(boardId, parsed.data.name);
      return { ok: true };
    });

    const context = (): CommandContext => ({
      role,
      boardId,
      authorId,
      memberId,
      name: hub.member(boardId, memberId)?.name ?? null,
    });
    for (const [event, command] of commands) {
      on(event, (payload) => command.execute(context(), payload));
    }
  });

  return {
    io,
    get sessionCount() {
      return io.engine.clientsCount;
    },
    versionsChanged: (boardId) => {
      io.to(boardRoom(boardId)).emit(SessionEvent.VersionsChanged, { boardId });
    },
    close: () =>
      new Promise<void>((resolve) => {
        hub.close();
        // Closes the sockets and, as socket.io does, the HTTP server it is attached to.
        io.close(() => resolve());
      }),
  };
}
