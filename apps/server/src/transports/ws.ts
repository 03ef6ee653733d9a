import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { boardIdSchema } from '@werkraum/model';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { Connection } from '../board-room.js';
import type { Logger } from '../logger.js';
import { CloseCode, CloseReason, YJS_PATH } from '../protocol.js';
import type { Rooms } from '../rooms.js';

export interface WsTransportOptions {
  httpServer: HttpServer;
  rooms: Rooms;
  logger: Logger;
  maxFrameBytes: number;
  keepaliveIntervalMs: number;
}

export interface WsTransport {
  readonly wss: WebSocketServer;
  /** Number of open WebSocket connections. */
  readonly connectionCount: number;
  /** Closes every socket with `code` and stops accepting upgrades. */
  close(code?: CloseCode): Promise<void>;
}

/**
 * The y-websocket endpoint: `ws(s)://host/yjs/<boardId>` (stock client:
 * `new WebsocketProvider('ws://host/yjs', boardId, doc)`).
 *
 * Every upgrade under `/yjs/` is accepted, and a bad id is reported with a close code after the
 * upgrade — 4400 for a malformed id, 4404 for an unknown board — because the stock client stops
 * reconnecting on 44xx codes and reports them (`closed` event), whereas a refused upgrade makes
 * it retry forever. Other upgrade paths are left to socket.io (`/socket.io/`) or refused with 404.
 */
export function attachWsTransport(options: WsTransportOptions): WsTransport {
  const { httpServer, rooms, logger } = options;
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
    if (closing) {
      refuseUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      handleSocket(ws, pathname.slice(YJS_PATH.length + 1));
    });
  };

  const handleSocket = (ws: WebSocket, rawId: string): void => {
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

    const conn: Connection = {
      id,
      send: (data) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(data);
      },
      close: (code, reason) => {
        if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) {
          ws.close(code, reason);
        }
      },
    };
    const handle = rooms.connect(boardId.data, conn);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) {
        log.info('closing connection: text frame');
        handle.disconnected();
        conn.close(CloseCode.MalformedMessage, CloseReason[CloseCode.MalformedMessage]);
        return;
      }
      handle.receive(toUint8Array(data));
    });
    ws.on('close', () => handle.disconnected());
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

/** A fresh, exactly sized copy (ws may hand out views into pooled buffers). */
function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data instanceof ArrayBuffer ? data.slice(0) : data);
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
