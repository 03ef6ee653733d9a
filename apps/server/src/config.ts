import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from './errors.js';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * SQLite `synchronous` mode. With WAL, `NORMAL` makes every commit survive a killed process
 * (SIGKILL, crash); `FULL` additionally survives an OS crash or power loss, at the cost of an
 * fsync per commit.
 */
export type SqliteSynchronous = 'NORMAL' | 'FULL';

export interface Config {
  /** TCP port; 0 picks a free one (see `listen()`'s result). */
  port: number;
  host: string;
  /** Directory of the embedded SQLite database (`werkraum.sqlite`); created if missing. */
  dataDir: string;
  /** Largest WebSocket frame accepted; bigger frames close the connection with 1009. */
  maxFrameBytes: number;
  /**
   * Most bytes a document connection may have queued for sending (`ws.bufferedAmount`); a
   * client that reads slower than the board changes is closed with 4408 beyond this.
   */
  maxBufferedBytes: number;
  /** Largest HTTP JSON body (and socket.io message) accepted; bigger bodies get 413. */
  maxHttpBodyBytes: number;
  /** How long a board stays loaded after its last connection left. */
  unloadDelayMs: number;
  /** Write a snapshot after this many stored updates … */
  compactAfterUpdates: number;
  /** … or after this many bytes of stored updates since the last snapshot. */
  compactAfterBytes: number;
  logLevel: LogLevel;
  /** Mount the SvelteKit app (`@werkraum/web/handler`) if it is built. */
  serveWeb: boolean;
  sqliteSynchronous: SqliteSynchronous;
  /** Interval of WebSocket pings; a peer that missed the previous pong is dropped. */
  keepaliveIntervalMs: number;
  /** Public base URL (e.g. behind a proxy); logged at start, and its origin may open WebSockets. */
  publicUrl?: string | undefined;
  /**
   * Further origins (`https://host[:port]`) whose pages may open the live channels. The
   * request's own host and `publicUrl`'s origin are always allowed; so are clients that send no
   * `Origin` header (non-browser clients).
   */
  allowedOrigins: string[];
  /** Largest board export accepted by `POST /api/boards/import`. */
  maxImportBytes: number;
  /** Boards without a stored change for this many days are deleted by the retention sweep. */
  retentionDays: number;
  /** How often the retention sweep runs; 0 = never (call `boards.sweepExpired()` yourself). */
  retentionSweepIntervalMs: number;
  /** Messages per second a document connection may send on average … */
  rateLimitPerSecond: number;
  /** … and in one burst; more closes it with 4429. */
  rateLimitBurst: number;
  /** Events per second a socket.io connection may send on average … */
  socketRateLimitPerSecond: number;
  /**
   * … and in one burst; an event over the limit is refused (`rate_limited` ack), and a socket
   * with 3 × this many refused events within 10 s is disconnected.
   */
  socketRateLimitBurst: number;
  /**
   * Write requests per minute per client IP (burst the same) on create, import, rotate and
   * delete; more get 429.
   */
  httpWriteLimitPerMinute: number;
  /**
   * Requests per minute per client IP (burst the same) on the public reads that need no link
   * (calendar feed, public results page); more get 429.
   */
  httpPublicReadLimitPerMinute: number;
  /**
   * express `trust proxy`: whether (`true`), or through how many proxies (a number of hops),
   * the client IP is taken from `X-Forwarded-For`. Behind a reverse proxy it must be set, or
   * every client shares the proxy's IP and its HTTP write limit.
   */
  trustProxy: boolean | number;
  /**
   * Redis (`redis://` or `rediss://`) shared by several server processes: board updates,
   * awareness, revocations (`BoardBus`), socket.io adapter, presence. Unset = one process, all
   * in memory.
   */
  redisUrl?: string | undefined;
  /** Every Redis key and pub/sub channel starts with this (`<prefix>:…`). */
  redisPrefix: string;
  /**
   * How long `listen()` waits for Redis at start-up before it fails with a clear error (a wrong
   * `REDIS_URL` would otherwise wait forever, as the clients retry without end).
   */
  redisConnectTimeoutMs: number;
  /**
   * PostgreSQL (`postgres://…`) as the board store shared by several processes. Unset = the
   * embedded SQLite store in `dataDir`.
   */
  databaseUrl?: string | undefined;
  /**
   * This process's id in logs and on the Redis bus (a process ignores its own messages). ''
   * (the default) = a random id per `loadConfig` call, i.e. per server.
   */
  instanceId: string;
  /**
   * The system Chromium that prints PDF exports (playwright-core; nothing is downloaded). When
   * it is missing, `decision.pdf` answers 503 and everything else works.
   */
  chromiumPath: string;
}

export const defaultConfig: Readonly<Config> = Object.freeze({
  port: 3000,
  // '' = every interface, IPv6 and IPv4 (Node's default), so that http://localhost works either way.
  host: '',
  dataDir: './data',
  maxFrameBytes: 2 * 1024 * 1024,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxHttpBodyBytes: 100_000,
  unloadDelayMs: 5_000,
  compactAfterUpdates: 500,
  compactAfterBytes: 4 * 1024 * 1024,
  logLevel: 'info',
  serveWeb: true,
  sqliteSynchronous: 'NORMAL',
  keepaliveIntervalMs: 30_000,
  publicUrl: undefined,
  allowedOrigins: [],
  maxImportBytes: 10 * 1024 * 1024,
  retentionDays: 730,
  retentionSweepIntervalMs: 3_600_000,
  rateLimitPerSecond: 100,
  rateLimitBurst: 300,
  socketRateLimitPerSecond: 20,
  socketRateLimitBurst: 40,
  httpWriteLimitPerMinute: 30,
  httpPublicReadLimitPerMinute: 120,
  trustProxy: false,
  redisUrl: undefined,
  redisPrefix: 'werkraum',
  redisConnectTimeoutMs: 15_000,
  databaseUrl: undefined,
  instanceId: '',
  chromiumPath: '/usr/bin/chromium',
});

const positiveInt = z.number().int().positive();

export const configSchema = z.strictObject({
  port: z.number().int().min(0).max(65_535),
  host: z.string(),
  dataDir: z.string().min(1),
  maxFrameBytes: positiveInt.min(1024),
  maxBufferedBytes: positiveInt.min(65_536),
  maxHttpBodyBytes: positiveInt.min(1024),
  unloadDelayMs: z.number().int().min(0),
  compactAfterUpdates: positiveInt,
  compactAfterBytes: positiveInt,
  logLevel: z.enum(logLevels),
  serveWeb: z.boolean(),
  sqliteSynchronous: z.enum(['NORMAL', 'FULL']),
  keepaliveIntervalMs: positiveInt,
  publicUrl: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  allowedOrigins: z.array(
    z
      .url({ protocol: /^https?$/ })
      .refine((url) => new URL(url).origin === url.replace(/\/+$/, ''), 'expected an origin only')
      .transform((url) => new URL(url).origin),
  ),
  maxImportBytes: positiveInt.min(1024),
  retentionDays: positiveInt,
  retentionSweepIntervalMs: z.number().int().min(0),
  rateLimitPerSecond: positiveInt,
  rateLimitBurst: positiveInt,
  socketRateLimitPerSecond: positiveInt,
  socketRateLimitBurst: positiveInt,
  httpWriteLimitPerMinute: positiveInt,
  httpPublicReadLimitPerMinute: positiveInt,
  trustProxy: z.union([z.boolean(), z.number().int().min(0).max(100)]),
  redisUrl: z.url({ protocol: /^rediss?$/ }).optional(),
  redisPrefix: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'expected 1–64 of A–Z a–z 0–9 _ . : -'),
  redisConnectTimeoutMs: positiveInt,
  databaseUrl: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  instanceId: z.string().regex(/^[A-Za-z0-9_.-]{0,64}$/, 'expected 0–64 of A–Z a–z 0–9 _ . -'),
  chromiumPath: z.string().min(1),
});

/** Environment variables whose value may hold a password: never echoed in errors. */
const secretEnv = new Set(['REDIS_URL', 'DATABASE_URL']);

const intString = (what: string) =>
  z
    .string()
    .regex(/^\d+$/, `expected ${what}`)
    .transform((value) => Number(value));

const boolString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Environment variables and the config key each one sets. */
const envSchema = z.object({
  PORT: intString('a port number 0–65535').optional(),
  HOST: z.string().optional(),
  DATA_DIR: z.string().optional(),
  MAX_FRAME_BYTES: intString('a number of bytes').optional(),
  MAX_BUFFERED_BYTES: intString('a number of bytes').optional(),
  LOG_LEVEL: z.enum(logLevels).optional(),
  PUBLIC_URL: z.string().optional(),
  SERVE_WEB: boolString.optional(),
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).optional(),
  ALLOWED_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .optional(),
  MAX_IMPORT_BYTES: intString('a number of bytes').optional(),
  RETENTION_DAYS: intString('a number of days').optional(),
  RETENTION_SWEEP_INTERVAL_MS: intString('milliseconds').optional(),
  RATE_LIMIT_PER_SECOND: intString('a number of messages').optional(),
  RATE_LIMIT_BURST: intString('a number of messages').optional(),
  SOCKET_RATE_LIMIT_PER_SECOND: intString('a number of events').optional(),
  SOCKET_RATE_LIMIT_BURST: intString('a number of events').optional(),
  HTTP_WRITE_LIMIT_PER_MINUTE: intString('a number of requests').optional(),
  HTTP_PUBLIC_READ_LIMIT_PER_MINUTE: intString('a number of requests').optional(),
  // Digits are a hop count (so `1` means one proxy, not `true`).
  TRUST_PROXY: z
    .union([
      z.enum(['true', 'false']).transform((value) => value === 'true'),
      intString('true, false or a number of proxy hops'),
    ])
    .optional(),
  REDIS_URL: z.string().optional(),
  REDIS_PREFIX: z.string().optional(),
  REDIS_CONNECT_TIMEOUT_MS: intString('milliseconds').optional(),
  DATABASE_URL: z.string().optional(),
  INSTANCE_ID: z.string().optional(),
  CHROMIUM_PATH: z.string().optional(),
});

const envKeys = {
  PORT: 'port',
  HOST: 'host',
  DATA_DIR: 'dataDir',
  MAX_FRAME_BYTES: 'maxFrameBytes',
  MAX_BUFFERED_BYTES: 'maxBufferedBytes',
  LOG_LEVEL: 'logLevel',
  PUBLIC_URL: 'publicUrl',
  SERVE_WEB: 'serveWeb',
  SQLITE_SYNCHRONOUS: 'sqliteSynchronous',
  ALLOWED_ORIGINS: 'allowedOrigins',
  MAX_IMPORT_BYTES: 'maxImportBytes',
  RETENTION_DAYS: 'retentionDays',
  RETENTION_SWEEP_INTERVAL_MS: 'retentionSweepIntervalMs',
  RATE_LIMIT_PER_SECOND: 'rateLimitPerSecond',
  RATE_LIMIT_BURST: 'rateLimitBurst',
  SOCKET_RATE_LIMIT_PER_SECOND: 'socketRateLimitPerSecond',
  SOCKET_RATE_LIMIT_BURST: 'socketRateLimitBurst',
  HTTP_WRITE_LIMIT_PER_MINUTE: 'httpWriteLimitPerMinute',
  HTTP_PUBLIC_READ_LIMIT_PER_MINUTE: 'httpPublicReadLimitPerMinute',
  TRUST_PROXY: 'trustProxy',
  REDIS_URL: 'redisUrl',
  REDIS_PREFIX: 'redisPrefix',
  REDIS_CONNECT_TIMEOUT_MS: 'redisConnectTimeoutMs',
  DATABASE_URL: 'databaseUrl',
  INSTANCE_ID: 'instanceId',
  CHROMIUM_PATH: 'chromiumPath',
} as const satisfies Record<keyof z.infer<typeof envSchema>, keyof Config>;

export interface LoadConfigOptions {
  /** Usually `process.env`; empty values count as unset. */
  env?: Record<string, string | undefined>;
  /** Wins over env and defaults. `undefined` values are ignored. */
  overrides?: Partial<Config>;
}

function describeIssues(error: z.ZodError, label: (path: PropertyKey[]) => string): string {
  return error.issues.map((issue) => `${label(issue.path)}: ${issue.message}`).join('; ');
}

/**
 * Builds the configuration: `defaultConfig`, then environment variables, then `overrides`.
 * Throws a `ConfigError` naming every invalid setting.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const rawEnv: Record<string, string> = {};
  for (const name of Object.keys(envKeys)) {
    const value = options.env?.[name];
    if (value !== undefined && value.trim() !== '') rawEnv[name] = value.trim();
  }
  const env = envSchema.safeParse(rawEnv);
  if (!env.success) {
    throw new ConfigError(
      `Invalid environment: ${describeIssues(env.error, (path) => {
        const name = String(path[0]);
        if (secretEnv.has(name)) return name;
        return `${name}=${JSON.stringify(rawEnv[name] ?? '')}`;
      })}`,
    );
  }
  const fromEnv: Partial<Config> = {};
  for (const [name, key] of Object.entries(envKeys)) {
    const value = env.data[name as keyof typeof envKeys];
    if (value !== undefined) Object.assign(fromEnv, { [key]: value });
  }
  const fromOverrides = Object.fromEntries(
    Object.entries(options.overrides ?? {}).filter(([, value]) => value !== undefined),
  );
  const merged = configSchema.safeParse({ ...defaultConfig, ...fromEnv, ...fromOverrides });
  if (!merged.success) {
    throw new ConfigError(
      `Invalid configuration: ${describeIssues(merged.error, (path) => path.map(String).join('.') || '(root)')}`,
    );
  }
  if (merged.data.instanceId === '') merged.data.instanceId = randomBytes(6).toString('hex');
  return merged.data;
}

/** A URL for logs: the password (and user name) replaced, so no credential is logged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    // Not a URL (cannot happen for validated config): log nothing of it.
    return '(unparseable URL)';
  }
}
