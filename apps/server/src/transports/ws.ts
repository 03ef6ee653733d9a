import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { boardIdSchema, deriveAuthorId } from '@werkraum/model';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { z } from 'zod';
import type { Access, Grant } from '../access.js';
import type { Connection } from '../board-room.js';
import { boardRef, type Logger } from '../logger.js';
import { CloseCode, CloseReason, MessageType, YJS_PATH } from '../protocol.js';
import { TokenBucket } from '../rate-limit.js';
import type { ConnectionHandle, Rooms } from '../rooms.js';

export interface WsTransportOptions {
  httpServer: HttpServer;
  rooms: Rooms;
  access: Access;
  logger: Logger;
  maxFrameBytes: number;
  /**
   * Most bytes queued for one client (`ws.bufferedAmount`) before it is closed with 4408
   * (checked on every send): a client that stops reading cannot make the server buffer
   * without bound, nor slow down the others.
   */
  maxBufferedBytes: number;
  keepaliveIntervalMs: number;
  /** Whether a WebSocket upgrade's `Origin` may connect (refused: HTTP 403). */
  originAllowed: (request: IncomingMessage) => boolean;
  rateLimitPerSecond: number;
  rateLimitBurst: number;
}

/**
 * A device's author secret (`author` query parameter): 22–256 characters without control
 * characters. Only its unguessability matters (clients make it with a CSPRNG, like a token).
 */
// eslint-disable-next-line no-control-regex
export const authorSecretSchema = z.string().regex(/^[^\u0000-\u001f\u007f]{22,256}$/u);

export interface WsTransport {
  readonly wss: WebSocketServer;
  /** Number of open WebSocket connections. */
  readonly connectionCount: number;
  /** Closes every socket with `code` and stops accepting upgrades. */
  close(code?: CloseCode): Promise<void>;
}

/**
 * The y-websocket endpoint: `ws(s)://host/yjs/<boardId>?token=<token>&author=<secret>` (stock
 * client: `new WebsocketProvider('ws://host/yjs', boardId, doc, { params: { token, author } })`).
 *
 * Upgrades from a foreign `Origin` are refused with HTTP 403. Every other upgrade under `/yjs/`
 * is accepted, and a bad request is reported with a close code after the upgrade — 4400 for a
 * malformed id or author, 4401 for a missing/invalid/revoked token — because the stock client
 * stops reconnecting on 44xx codes and reports them (`closed` event), whereas a refused upgrade
 * makes it retry forever. Other upgrade paths are left to socket.io (`/socket.io/`) or refused
 * with 404.
 */
export function attachWsTransport(options: WsTransportOptions): WsTransport {
  const { httpServer, rooms, access, logger } = options;
  // maxPayload: ws closes a connection with 1009 when a frame is larger.
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes });
  const alive = new WeakSet<WebSocket>();
  let closing = false;

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!pathname.startsWith(`${YJS_PATH}/`)) {
      if (!pathname.startsWith('/socket.io/')) refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (!options.originAllowed(request)) {
      logger.info('refusing websocket upgrade: foreign origin');
      refuseUpgrade(socket, 403, 'Forbidden');
      return;
    }
    if (closing) {
      refuseUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    // The query carries the token: never log the request URL.
    const params = new URL(request.url ?? '/', 'http://localhost').searchParams;
    wss.handleUpgrade(request, socket, head, (ws) => {
      handleSocket(ws, pathname.slice(YJS_PATH.length + 1), params);
    });
  };

  const handleSocket = (ws: WebSocket, rawId: string, params: URLSearchParams): void => {
    const id = randomUUID();
    const log = logger.child({ connection: id });
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    ws.on('error', (error) => {
      // e.g. a frame over maxPayload: ws closes the socket itself (1009).
      log.info({ err: error }, 'websocket error');
    });

    const boardId = boardIdSchema.safeParse(rawId);
    if (!boardId.success) {
      ws.close(CloseCode.MalformedMessage, 'malformed board id');
      return;
    }
    const author = params.get('author');
    if (author !== null && !authorSecretSchema.safeParse(author).success) {
      ws.close(CloseCode.MalformedMessage, 'malformed author');
      return;
    }
    const authorId = author === null ? '' : deriveAuthorId(author);

    const closeSocket = (code: CloseCode, reason: string = CloseReason[code]): void => {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) {
        ws.close(code, reason);
      }
    };
    const bucket = new TokenBucket({
      ratePerSecond: options.rateLimitPerSecond,
      burst: options.rateLimitBurst,
    });
    // Awareness has its own, larger budget: the stock y-websocket client echoes every awareness
    // change it receives back to the server, so on a board with N people it sends about N
    // awareness frames per second without doing anything wrong.
    const awarenessBucket = new TokenBucket({
      ratePerSecond: options.rateLimitPerSecond * AWARENESS_RATE_FACTOR,
      burst: options.rateLimitBurst * AWARENESS_RATE_FACTOR,
    });
    // Frames that arrive while the token is checked wait here (the rate limit caps them).
    let early: Uint8Array[] | null = [];
    let handle: ConnectionHandle | null = null;
    let grant: Grant | undefined;
    let closed = false;
    /** Set when the send buffer overflowed: nothing more is queued, the socket is dropped. */
    let tooSlow = false;

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (closed) return;
      if (!isBinary) {
        log.info('closing connection: text frame');
        shutdown(CloseCode.MalformedMessage);
        return;
      }
      const frame = toUint8Array(data);
      const isAwareness =
        frame[0] === MessageType.Awareness || frame[0] === MessageType.QueryAwareness;
      if (!(isAwareness ? awarenessBucket : bucket).take()) {
        log.info({ board: boardRef(boardId.data) }, 'closing connection: rate limited');
        shutdown(CloseCode.RateLimited);
        return;
      }
      if (handle) handle.receive(frame);
      else early?.push(frame);
    });
    ws.on('close', () => {
      closed = true;
      early = null;
      handle?.disconnected();
      grant?.release();
    });

    const dropSlow = (): void => {
      tooSlow = true;
      log.warn(
        { board: boardRef(boardId.data), bufferedBytes: ws.bufferedAmount },
        'closing connection: client too slow (send buffer over maxBufferedBytes)',
      );
      // Not inside the room's send loop: leave it on the next turn.
      setImmediate(() => {
        shutdown(CloseCode.TooSlow);
        // The close frame waits behind the unread data; a peer that does not read would keep
        // the buffer until ws's own close timeout (30 s). Free it sooner.
        setTimeout(() => ws.terminate(), SLOW_CLIENT_GRACE_MS).unref();
      });
    };

    const shutdown = (code: CloseCode): void => {
      closed = true;
      early = null;
      handle?.disconnected();
      grant?.release();
      closeSocket(code);
    };

    access
      .connect(boardId.data, params.get('token'), {
        revoke: (reason) =>
          shutdown(reason === 'deleted' ? CloseCode.BoardDeleted : CloseCode.Unauthorized),
      })
      .then(
        (granted) => {
          if (!granted) {
            log.debug({ board: boardRef(boardId.data) }, 'closing connection: unauthorized');
            closed = true;
            closeSocket(CloseCode.Unauthorized);
            return;
          }
          grant = granted;
          if (closed) {
            granted.release();
            return;
          }
          const conn: Connection = {
            id,
            role: granted.role,
            authorId,
            send: (data) => {
              if (tooSlow || ws.readyState !== WebSocket.OPEN) return;
              ws.send(data);
              if (ws.bufferedAmount > options.maxBufferedBytes) dropSlow();
            },
            close: (code, reason) => {
              closed = true;
              early = null;
              grant?.release();
              closeSocket(code, reason);
            },
          };
          handle = rooms.connect(boardId.data, conn);
          for (const frame of early ?? []) handle.receive(frame);
          early = null;
        },
        (error: unknown) => {
          log.error({ err: error, board: boardRef(boardId.data) }, 'checking the link failed');
          closed = true;
          closeSocket(CloseCode.InternalError);
        },
      );
  };

  httpServer.on('upgrade', onUpgrade);

  // Keepalive: drop peers that did not answer the previous ping.
  const keepalive = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, options.keepaliveIntervalMs);
  keepalive.unref();

  return {
    wss,
    get connectionCount() {
      return wss.clients.size;
    },
    async close(code = CloseCode.GoingAway) {
      closing = true;
      clearInterval(keepalive);
      httpServer.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(code, CloseReason[code]);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
        }, 1_000);
        wss.close(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

/** How long a too-slow client may take to read the close frame before its socket is dropped. */
const SLOW_CLIENT_GRACE_MS = 1_000;

/** A fresh, exactly sized copy (ws may hand out views into pooled buffers). */
function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data instanceof ArrayBuffer ? data.slice(0) : data);
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** How many times the document budget a connection may send in awareness frames. */
export const AWARENESS_RATE_FACTOR = 10;
