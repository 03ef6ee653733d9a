import type { Server as HttpServer } from 'node:http';
import { boardIdSchema } from '@werkraum/model';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { BoardInfo, Boards } from '../boards.js';
import type { Logger } from '../logger.js';
import type { PresenceStore } from '../presence.js';
import { SOCKET_IO_PATH, SessionEvent } from '../protocol.js';

export const joinPayloadSchema = z.strictObject({ boardId: boardIdSchema });

export type SessionErrorCode = 'bad_request' | 'not_found' | 'internal';

export type JoinAck =
  | { ok: true; meta: BoardInfo; participants: number }
  | { ok: false; error: { code: SessionErrorCode; message: string } };

export interface PresenceEvent {
  boardId: string;
  count: number;
}

export interface SocketIoTransportOptions {
  httpServer: HttpServer;
  boards: Boards;
  presence: PresenceStore;
  logger: Logger;
  maxHttpBufferSize: number;
}

export interface SocketIoTransport {
  readonly io: Server;
  readonly sessionCount: number;
  close(): Promise<void>;
}

const roomName = (boardId: string): string => `board:${boardId}`;

/**
 * The live-session channel (socket.io at `/socket.io`, websocket and polling transports). For
 * now: `board:join` and presence counts; facilitator controls come later.
 */
export function attachSocketIoTransport(options: SocketIoTransportOptions): SocketIoTransport {
  const { boards, presence, logger } = options;
  const io = new Server(options.httpServer, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    maxHttpBufferSize: options.maxHttpBufferSize,
  });

  const broadcastPresence = (boardId: string, count: number): void => {
    const event: PresenceEvent = { boardId, count };
    io.to(roomName(boardId)).emit(SessionEvent.Presence, event);
  };

  io.on('connection', (socket: Socket) => {
    const joined = new Set<string>();
    const log = logger.child({ session: socket.id });

    socket.on(SessionEvent.Join, async (payload: unknown, ack: unknown) => {
      const reply = (answer: JoinAck): void => {
        if (typeof ack === 'function') ack(answer);
      };
      const parsed = joinPayloadSchema.safeParse(payload);
      if (!parsed.success) {
        reply({
          ok: false,
          error: { code: 'bad_request', message: 'Expected { boardId } with a valid board id' },
        });
        return;
      }
      const { boardId } = parsed.data;
      try {
        const meta = await boards.describe(boardId);
        if (!meta) {
          reply({ ok: false, error: { code: 'not_found', message: 'Board not found' } });
          return;
        }
        if (!socket.connected) return;
        await socket.join(roomName(boardId));
        joined.add(boardId);
        const participants = await presence.join(boardId, socket.id);
        reply({ ok: true, meta, participants });
        broadcastPresence(boardId, participants);
      } catch (error) {
        log.error({ err: error }, 'board:join failed');
        reply({ ok: false, error: { code: 'internal', message: 'Internal server error' } });
      }
    });

    socket.on('disconnect', () => {
      for (const boardId of joined) {
        presence.leave(boardId, socket.id).then(
          (count) => broadcastPresence(boardId, count),
          (error: unknown) => log.error({ err: error }, 'updating presence failed'),
        );
      }
      joined.clear();
    });
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
