import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readSession } from '@werkraum/model';
import type { RequestHandler } from 'express';
import { Access } from './access.js';
import { Attendance } from './attendance.js';
import { LocalBoardBus, type BoardBus } from './cluster/bus.js';
import { RedisBoardBus } from './cluster/redis-bus.js';
import { Boards } from './boards.js';
import { loadConfig, type Config } from './config.js';
import { boardRef, createLogger, type Logger } from './logger.js';
import { createOriginCheck } from './origin.js';
import { InMemoryPresenceStore, type PresenceStore } from './presence.js';
import { Rooms } from './rooms.js';
import { SessionRedis } from './session/redis.js';
import { InMemoryVoteStore } from './session/votes.js';
import { PostgresBoardStore } from './storage/postgres.js';
import { SqliteBoardStore } from './storage/sqlite.js';
import type { BoardStore } from './storage/types.js';
import { createHttpApp } from './transports/http.js';
import { attachSocketIoTransport } from './transports/socketio.js';
import { attachWsTransport } from './transports/ws.js';
import { Versions } from './versions.js';
import { PdfPrinter } from './exports/pdf.js';

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
  readonly access: Access;
  readonly versions: Versions;
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
  // Several processes share PostgreSQL (`databaseUrl`) and a Redis bus (`redisUrl`).
  const store: BoardStore =
    givenStore ??
    (config.databaseUrl
      ? new PostgresBoardStore({ connectionString: config.databaseUrl, logger })
      : new SqliteBoardStore({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous }));
  const bus: BoardBus = config.redisUrl
    ? new RedisBoardBus({
        url: config.redisUrl,
        prefix: config.redisPrefix,
        instanceId: config.instanceId,
        logger,
      })
    : new LocalBoardBus();
  // With Redis: presence, votes and socket.io broadcasts shared by every process.
  const sessionRedis = config.redisUrl
    ? new SessionRedis({ url: config.redisUrl, prefix: config.redisPrefix, logger })
    : null;
  const presence = givenPresence ?? sessionRedis?.presence ?? new InMemoryPresenceStore();
  const votes = sessionRedis?.votes ?? new InMemoryVoteStore();
  const rooms = new Rooms({
    store,
    logger,
    unloadDelayMs: config.unloadDelayMs,
    compactAfterUpdates: config.compactAfterUpdates,
    compactAfterBytes: config.compactAfterBytes,
    bus,
  });
  const access = new Access({ store, bus, logger });
  const boards = new Boards({
    store,
    rooms,
    access,
    presence,
    logger,
    retentionDays: config.retentionDays,
  });
  const versions = new Versions({ store, rooms, logger });
  // Prints the decision paper to PDF with the system Chromium, one at a time (started on demand).
  const pdfPrinter = new PdfPrinter({ chromiumPath: config.chromiumPath, logger });
  const attendance = new Attendance({
    store,
    presence,
    openStep: (boardId) => rooms.change(boardId, (room) => readSession(room.doc).openStep),
    logger,
  });
  /** The facilitator changed the open step: the automatic session version, attendance. */
  const stepChanged = async (
    boardId: string,
    from: number | null,
    to: number | null,
    by: string | null,
  ): Promise<void> => {
    if (from !== null && to === null) {
      try {
        await versions.record(boardId, {
          kind: 'session',
          name: `Sitzung – Schritt ${from}`,
          createdBy: by ?? '',
        });
      } catch (error) {
        logger.error(
          { err: error, board: boardRef(boardId) },
          'recording the session version failed',
        );
      }
    }
    if (to !== null) await attendance.stepOpened(boardId, to);
  };
  const originAllowed = createOriginCheck({
    allowedOrigins: config.allowedOrigins,
    publicUrl: config.publicUrl,
  });

  let webHandler: RequestHandler | null = null;
  const httpServer = createServer();
  const app = createHttpApp({
    boards,
    access,
    logger,
    maxHttpBodyBytes: config.maxHttpBodyBytes,
    maxImportBytes: config.maxImportBytes,
    httpWriteLimitPerMinute: config.httpWriteLimitPerMinute,
    trustProxy: config.trustProxy,
    hsts: config.publicUrl?.startsWith('https:') ?? false,
    stats: () => ({
      boardsLoaded: rooms.loadedCount,
      connections: rooms.connectionCount,
      sessions: socketIo.sessionCount,
    }),
    webHandler: () => webHandler,
    exports: { versions, pdf: pdfPrinter },
    process: {
      versions,
      attendance,
      store,
      publicReadLimitPerMinute: config.httpPublicReadLimitPerMinute,
      publicUrl: config.publicUrl,
    },
  });
  httpServer.on('request', app);
  const ws = attachWsTransport({
    httpServer,
    rooms,
    access,
    logger,
    maxFrameBytes: config.maxFrameBytes,
    maxBufferedBytes: config.maxBufferedBytes,
    keepaliveIntervalMs: config.keepaliveIntervalMs,
    originAllowed,
    rateLimitPerSecond: config.rateLimitPerSecond,
    rateLimitBurst: config.rateLimitBurst,
  });
  const socketIo = attachSocketIoTransport({
    httpServer,
    boards,
    access,
    presence,
    votes,
    queue: store,
    change: (boardId, fn) => rooms.change(boardId, (room) => fn(room.doc)),
    logger,
    maxHttpBufferSize: config.maxHttpBodyBytes,
    originAllowed,
    rateLimitPerSecond: config.socketRateLimitPerSecond,
    rateLimitBurst: config.socketRateLimitBurst,
    instanceId: config.instanceId,
    stepChanged,
    presenceNamed: (boardId, name) => attendance.named(boardId, name),
    // Polling needs sticky sessions; with several processes only WebSocket.
    ...(sessionRedis ? { adapter: sessionRedis.adapter, transports: ['websocket' as const] } : {}),
  });
  // Views that list versions reload when someone records one (on every process, via socket.io).
  versions.listen((boardId) => socketIo.versionsChanged(boardId));

  // Retention: boards without a stored change for `retentionDays` are deleted periodically.
  let sweepTimer: NodeJS.Timeout | null = null;
  const startSweeping = (): void => {
    if (sweepTimer || config.retentionSweepIntervalMs === 0) return;
    sweepTimer = setInterval(() => {
      boards.sweepExpired().catch((error: unknown) => {
        logger.error({ err: error }, 'retention sweep failed; retrying at the next interval');
      });
    }, config.retentionSweepIntervalMs);
    sweepTimer.unref();
  };

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
    access,
    versions,
    store,
    config,
    logger,
    async listen() {
      await loadWebHandler();
      await store.init?.();
      await withTimeout(
        bus.start(),
        config.redisConnectTimeoutMs,
        `Redis (${bus.description}) did not answer within ${config.redisConnectTimeoutMs} ms; check REDIS_URL`,
      );
      logger.info(
        {
          instance: config.instanceId,
          store: describeStore(store),
          bus: `${bus.kind}: ${bus.description}`,
        },
        'board store and bus ready',
      );
      if (sessionRedis) {
        await withTimeout(
          sessionRedis.ready(),
          config.redisConnectTimeoutMs,
          `Redis for presence did not answer within ${config.redisConnectTimeoutMs} ms; check REDIS_URL`,
        );
      }
      startSweeping();
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
        if (sweepTimer) clearInterval(sweepTimer);
        sweepTimer = null;
        await ws.close();
        const httpClosed = socketIo.close();
        httpServer.closeIdleConnections();
        const force = setTimeout(() => httpServer.closeAllConnections(), 2_000);
        await httpClosed;
        clearTimeout(force);
        await rooms.closeAll();
        await presence.close();
        await votes.close();
        await sessionRedis?.close();
        await bus.close();
        await pdfPrinter.close();
        await store.close();
        logger.info('closed');
      })();
      return closing;
    },
  };
}

/** Which store is in use, without credentials. */
function describeStore(store: BoardStore): string {
  if (store instanceof PostgresBoardStore) return `postgres: ${store.description}`;
  if (store instanceof SqliteBoardStore) return `sqlite: ${store.file}`;
  return store.constructor.name;
}

function displayHost(host: string): string {
  if (host === '') return 'localhost';
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Rejects with `message` when `promise` has not settled within `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
