import type { IncomingMessage, Server as HttpServer } from 'node:http';
import {
  ROLE_PERMISSIONS,
  boardIdSchema,
  sessionSettingsSchema,
  type Role,
  type SessionSettings,
} from '@werkraum/model';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { Access, Grant, RevokeReason } from '../access.js';
import type { BoardInfo, Boards } from '../boards.js';
import { BoardNotFoundError } from '../errors.js';
import { boardRef, type Logger } from '../logger.js';
import type { PresenceStore } from '../presence.js';
import { SOCKET_IO_PATH, SessionEvent } from '../protocol.js';
import { TokenBucket } from '../rate-limit.js';

/** The handshake's `auth`: which board, with which link. */
export const handshakeAuthSchema = z.object({ boardId: boardIdSchema, token: z.string() });

/** `board:join` takes `{}` (an optional `boardId` must be the handshake's). */
export const joinPayloadSchema = z.strictObject({ boardId: boardIdSchema.optional() });
export const openStepPayloadSchema = z.strictObject({
  step: sessionSettingsSchema.shape.openStep,
});
export const setEditAllPayloadSchema = z.strictObject({ allowed: z.boolean() });

export type SessionErrorCode =
  'bad_request' | 'forbidden' | 'not_found' | 'rate_limited' | 'internal';

export interface SessionError {
  ok: false;
  error: { code: SessionErrorCode; message: string };
}

export type JoinAck =
  { ok: true; meta: BoardInfo; role: Role; participants: number } | SessionError;

/** Ack of `session:openStep` and `session:setEditAll`: the session settings now in force. */
export type SessionAck = { ok: true; session: SessionSettings } | SessionError;

export interface PresenceEvent {
  boardId: string;
  count: number;
}

/** Sent to a socket right before the server disconnects it because of its link or board. */
export interface ClosedEvent {
  reason: RevokeReason;
}

export interface SocketIoTransportOptions {
  httpServer: HttpServer;
  boards: Boards;
  access: Access;
  presence: PresenceStore;
  logger: Logger;
  maxHttpBufferSize: number;
  /** Whether a handshake's `Origin` may connect. */
  originAllowed: (request: IncomingMessage) => boolean;
  /** Events per second a socket may send on average … */
  rateLimitPerSecond: number;
  /** … and in one burst; see `FLOOD_WINDOW_MS` for when a socket is disconnected. */
  rateLimitBurst: number;
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
  close(): Promise<void>;
}

interface SocketData {
  boardId: string;
  role: Role;
  grant: Grant;
  /** Set when the link was revoked before the connection completed. */
  revoked: RevokeReason | null;
}

const roomName = (boardId: string): string => `board:${boardId}`;

function fail(code: SessionErrorCode, message: string): SessionError {
  return { ok: false, error: { code, message } };
}

/** An Error as socket.io's middleware hands it to the client (`connect_error`). */
function unauthorized(): Error & { data: { code: 'unauthorized' } } {
  return Object.assign(new Error('unauthorized'), { data: { code: 'unauthorized' as const } });
}

/**
 * The live-session channel (socket.io at `/socket.io`, websocket and polling transports).
 * The handshake authenticates (`auth: { boardId, token }`); events: `board:join`,
 * `session:openStep`, `session:setEditAll` (facilitator); the server emits `board:presence`
 * and, before it disconnects a socket whose link was rotated or board deleted, `board:closed`.
 */
export function attachSocketIoTransport(options: SocketIoTransportOptions): SocketIoTransport {
  const { boards, access, presence, logger } = options;
  const io = new Server(options.httpServer, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    maxHttpBufferSize: options.maxHttpBufferSize,
    allowRequest: (request, callback) => {
      const ok = options.originAllowed(request);
      if (!ok) logger.info('refusing socket.io handshake: foreign origin');
      callback(ok ? null : 'forbidden origin', ok);
    },
  });

  const broadcastPresence = (boardId: string, count: number): void => {
    const event: PresenceEvent = { boardId, count };
    io.to(roomName(boardId)).emit(SessionEvent.Presence, event);
  };

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
      next(unauthorized());
      return;
    }
    const { boardId, token } = auth.data;
    // Filled in below; `revoked` may be set by a rotation before the connection completes.
    const data = { revoked: null } as SocketData;
    socket.data = data;
    access.connect(boardId, token, { revoke: (reason) => revokeSocket(socket, reason) }).then(
      (grant) => {
        if (!grant) {
          next(unauthorized());
          return;
        }
        Object.assign(data, { boardId, role: grant.role, grant });
        // Also when the client goes away before the connection completed.
        socket.conn.once('close', () => grant.release());
        next();
      },
      (error: unknown) => {
        logger.error({ err: error, board: boardRef(boardId) }, 'checking the link failed');
        next(Object.assign(new Error('internal'), { data: { code: 'internal' } }));
      },
    );
  });

  io.on('connection', (socket: Socket) => {
    const data = socket.data as SocketData;
    const { boardId, role } = data;
    const log = logger.child({ session: socket.id, board: boardRef(boardId) });
    let joined = false;

    socket.on('disconnect', () => {
      data.grant.release();
      if (!joined) return;
      joined = false;
      presence.leave(boardId, socket.id).then(
        (count) => broadcastPresence(boardId, count),
        (error: unknown) => log.error({ err: error }, 'updating presence failed'),
      );
    });
    if (data.revoked) {
      revokeSocket(socket, data.revoked);
      return;
    }

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
      const now = performance.now();
      while (refusedAt.length > 0 && now - (refusedAt[0] as number) > FLOOD_WINDOW_MS) {
        refusedAt.shift();
      }
      refusedAt.push(now);
      if (refusedAt.length >= floodLimit) {
        log.info('disconnecting socket: flooding despite the rate limit');
        socket.disconnect(true);
        return;
      }
      const ack: unknown = event.at(-1);
      if (typeof ack === 'function') {
        const answer: SessionError = fail('rate_limited', 'Too many events; slow down');
        ack(answer);
      }
    });

    /**
     * Registers an acknowledged event: the payload is validated, `run` answers. Errors become
     * `internal` (logged) or `not_found` (board deleted meanwhile).
     */
    const handle = <S extends z.ZodType, A extends { ok: true }>(
      event: string,
      schema: S,
      message: string,
      run: (payload: z.infer<S>) => Promise<A | SessionError>,
    ): void => {
      socket.on(event, async (payload: unknown, ack: unknown) => {
        const reply = (answer: A | SessionError): void => {
          if (typeof ack === 'function') ack(answer);
        };
        const parsed = schema.safeParse(payload);
        if (!parsed.success) {
          reply(fail('bad_request', message));
          return;
        }
        try {
          reply(await run(parsed.data));
        } catch (error) {
          if (error instanceof BoardNotFoundError) {
            reply(fail('not_found', 'Board not found'));
            return;
          }
          log.error({ err: error, event }, 'session event failed');
          reply(fail('internal', 'Internal server error'));
        }
      });
    };

    handle(SessionEvent.Join, joinPayloadSchema, 'Expected {}', async (payload) => {
      if (payload.boardId !== undefined && payload.boardId !== boardId) {
        return fail('forbidden', 'This connection belongs to another board');
      }
      const meta = await boards.describe(boardId);
      if (!meta) return fail('not_found', 'Board not found');
      if (!socket.connected) return fail('not_found', 'Disconnected');
      if (!joined) {
        await socket.join(roomName(boardId));
        joined = true;
      }
      const participants = await presence.join(boardId, socket.id);
      broadcastPresence(boardId, participants);
      return { ok: true as const, meta, role, participants };
    });

    const requireRunSession = (): SessionError | null =>
      ROLE_PERMISSIONS[role].runSession
        ? null
        : fail('forbidden', 'Only the facilitator runs the session');

    handle(
      SessionEvent.OpenStep,
      openStepPayloadSchema,
      'Expected { step: 1..10 | null }',
      async ({ step }) => {
        const refused = requireRunSession();
        if (refused) return refused;
        const session = await boards.setSession(boardId, { openStep: step });
        return { ok: true as const, session };
      },
    );

    handle(
      SessionEvent.SetEditAll,
      setEditAllPayloadSchema,
      'Expected { allowed: boolean }',
      async ({ allowed }) => {
        const refused = requireRunSession();
        if (refused) return refused;
        const session = await boards.setSession(boardId, { participantsMayEditAll: allowed });
        return { ok: true as const, session };
      },
    );
  });

  return {
    io,
    get sessionCount() {
      return io.engine.clientsCount;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Closes the sockets and, as socket.io does, the HTTP server it is attached to.
        io.close(() => resolve());
      }),
  };
}
