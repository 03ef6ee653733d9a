import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { Boards } from './boards.js';
import { loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { InMemoryPresenceStore, type PresenceStore } from './presence.js';
import { Rooms } from './rooms.js';
import { SqliteBoardStore } from './storage/sqlite.js';
import type { BoardStore } from './storage/types.js';
import { createHttpApp } from './transports/http.js';
import { attachSocketIoTransport } from './transports/socketio.js';
import { attachWsTransport } from './transports/ws.js';

export interface WerkraumServerOptions extends Partial<Config> {
  /** Board storage; default: SQLite in `dataDir`. Closed by `close()`. */
  store?: BoardStore;
  /** Presence of live sessions; default: in memory. Closed by `close()`. */
  presence?: PresenceStore;
  /** pino logger; default: a new one at `logLevel`. */
  logger?: Logger;
}

export interface WerkraumServer {
  /** Starts listening; resolves with the actual port (useful with `port: 0`) and a local URL. */
  listen(): Promise<{ port: number; url: string }>;
  /** Closes all connections, commits and compacts every board, then closes the store. */
  close(): Promise<void>;
  readonly httpServer: HttpServer;
  readonly rooms: Rooms;
  readonly boards: Boards;
  readonly store: BoardStore;
  readonly config: Config;
  readonly logger: Logger;
}

/**
 * Creates the server: one HTTP server carrying the JSON API (express), the y-websocket document
 * endpoint (`/yjs/<boardId>`), the socket.io session channel (`/socket.io`) and, if built and
 * `serveWeb` is set, the SvelteKit app. Options are merged over `defaultConfig` (not over the
 * environment; `main.ts` reads the environment with `loadConfig`).
 */
export function createWerkraumServer(options: WerkraumServerOptions = {}): WerkraumServer {
  const { store: givenStore, presence: givenPresence, logger: givenLogger, ...overrides } = options;
  const config = loadConfig({ overrides });
  const logger = givenLogger ?? createLogger(config.logLevel);
  const store =
    givenStore ??
    new SqliteBoardStore({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous });
  const presence = givenPresence ?? new InMemoryPresenceStore();
  const rooms = new Rooms({
    store,
    logger,
    unloadDelayMs: config.unloadDelayMs,
    compactAfterUpdates: config.compactAfterUpdates,
    compactAfterBytes: config.compactAfterBytes,
  });
  const boards = new Boards({ store, rooms, logger });

  let webHandler: RequestHandler | null = null;
  const httpServer = createServer();
  const app = createHttpApp({
    boards,
    logger,
    maxHttpBodyBytes: config.maxHttpBodyBytes,
    stats: () => ({
      boardsLoaded: rooms.loadedCount,
      connections: rooms.connectionCount,
      sessions: socketIo.sessionCount,
    }),
    webHandler: () => webHandler,
  });
  httpServer.on('request', app);
  const ws = attachWsTransport({
    httpServer,
    rooms,
    logger,
    maxFrameBytes: config.maxFrameBytes,
    keepaliveIntervalMs: config.keepaliveIntervalMs,
  });
  const socketIo = attachSocketIoTransport({
    httpServer,
    boards,
    presence,
    logger,
    maxHttpBufferSize: config.maxHttpBodyBytes,
  });

  const loadWebHandler = async (): Promise<void> => {
    if (!config.serveWeb || webHandler) return;
    try {
      const web = await import('@werkraum/web/handler');
      webHandler = web.handler as RequestHandler;
      logger.info('serving the web app');
    } catch (error) {
      logger.warn(
        { err: error },
        'web app not available (build apps/web first); serving only the API',
      );
    }
  };

  let closing: Promise<void> | null = null;

  return {
    httpServer,
    rooms,
    boards,
    store,
    config,
    logger,
    async listen() {
      await loadWebHandler();
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host || undefined, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const { port } = httpServer.address() as AddressInfo;
      const url = `http://${displayHost(config.host)}:${port}`;
      logger.info(
        { url, port, publicUrl: config.publicUrl, dataDir: path.resolve(config.dataDir) },
        'listening',
      );
      return { port, url };
    },
    close() {
      closing ??= (async () => {
        await ws.close();
        const httpClosed = socketIo.close();
        httpServer.closeIdleConnections();
        const force = setTimeout(() => httpServer.closeAllConnections(), 2_000);
        await httpClosed;
        clearTimeout(force);
        await rooms.closeAll();
        await presence.close();
        await store.close();
        logger.info('closed');
      })();
      return closing;
    },
  };
}

function displayHost(host: string): string {
  if (host === '') return 'localhost';
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
