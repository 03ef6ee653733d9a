import { describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig } from './config.js';
import { ConfigError } from './errors.js';

describe('loadConfig', () => {
  it('returns the defaults without env or overrides', () => {
    const config = loadConfig();
    expect(config).toEqual({
      ...defaultConfig,
      instanceId: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
    // A random instance id per server, so that two servers in one process tell their bus
    // messages apart.
    expect(loadConfig().instanceId).not.toBe(config.instanceId);
    expect(defaultConfig).toMatchObject({
      port: 3000,
      host: '',
      dataDir: './data',
      maxFrameBytes: 2 * 1024 * 1024,
      maxHttpBodyBytes: 100_000,
      unloadDelayMs: 5_000,
      compactAfterUpdates: 500,
      compactAfterBytes: 4 * 1024 * 1024,
      logLevel: 'info',
      serveWeb: true,
      sqliteSynchronous: 'NORMAL',
    });
  });

  it('reads the environment; overrides win over it; empty values count as unset', () => {
    const config = loadConfig({
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: '/tmp/w',
        MAX_FRAME_BYTES: '4096',
        LOG_LEVEL: 'warn',
        PUBLIC_URL: 'https://werkraum.example.org/',
        SERVE_WEB: 'false',
        SQLITE_SYNCHRONOUS: 'FULL',
        UNRELATED: 'x',
      },
      overrides: { host: '::', logLevel: undefined },
    });
    expect(config).toMatchObject({
      port: 0,
      host: '::',
      dataDir: '/tmp/w',
      maxFrameBytes: 4096,
      logLevel: 'warn',
      publicUrl: 'https://werkraum.example.org',
      serveWeb: false,
      sqliteSynchronous: 'FULL',
    });
    expect(loadConfig({ env: { PORT: '', LOG_LEVEL: ' ' } }).port).toBe(3000);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT="abc"/],
    [{ PORT: '70000' }, /port/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL="loud"/],
    [{ MAX_FRAME_BYTES: '-1' }, /MAX_FRAME_BYTES/],
    [{ PUBLIC_URL: 'not a url' }, /publicUrl/],
    [{ SQLITE_SYNCHRONOUS: 'OFF' }, /SQLITE_SYNCHRONOUS/],
  ])('rejects bad environment %o with a message naming it', (env, message) => {
    expect(() => loadConfig({ env })).toThrow(ConfigError);
    expect(() => loadConfig({ env })).toThrow(message);
  });

  it('reads the access, retention and rate-limit settings', () => {
    expect(defaultConfig).toMatchObject({
      allowedOrigins: [],
      maxImportBytes: 10 * 1024 * 1024,
      retentionDays: 730,
      retentionSweepIntervalMs: 3_600_000,
      rateLimitPerSecond: 100,
      rateLimitBurst: 300,
    });
    const config = loadConfig({
      env: {
        ALLOWED_ORIGINS: 'https://werkraum.example.org, http://localhost:5173/',
        MAX_IMPORT_BYTES: '2048',
        RETENTION_DAYS: '365',
        RETENTION_SWEEP_INTERVAL_MS: '0',
        RATE_LIMIT_PER_SECOND: '50',
        RATE_LIMIT_BURST: '100',
      },
    });
    expect(config).toMatchObject({
      allowedOrigins: ['https://werkraum.example.org', 'http://localhost:5173'],
      maxImportBytes: 2048,
      retentionDays: 365,
      retentionSweepIntervalMs: 0,
      rateLimitPerSecond: 50,
      rateLimitBurst: 100,
    });
    expect(() => loadConfig({ env: { ALLOWED_ORIGINS: 'https://x.example/path' } })).toThrow(
      /allowedOrigins/,
    );
    expect(() => loadConfig({ env: { RETENTION_DAYS: '0' } })).toThrow(/retentionDays/);
  });

  it('reads the socket.io and HTTP limits and trust proxy', () => {
    expect(defaultConfig).toMatchObject({
      socketRateLimitPerSecond: 20,
      socketRateLimitBurst: 40,
      httpWriteLimitPerMinute: 30,
      httpPublicReadLimitPerMinute: 120,
      trustProxy: false,
    });
    expect(
      loadConfig({
        env: {
          SOCKET_RATE_LIMIT_PER_SECOND: '5',
          SOCKET_RATE_LIMIT_BURST: '10',
          HTTP_WRITE_LIMIT_PER_MINUTE: '60',
          HTTP_PUBLIC_READ_LIMIT_PER_MINUTE: '600',
          TRUST_PROXY: 'true',
        },
      }),
    ).toMatchObject({
      socketRateLimitPerSecond: 5,
      socketRateLimitBurst: 10,
      httpWriteLimitPerMinute: 60,
      httpPublicReadLimitPerMinute: 600,
      trustProxy: true,
    });
    expect(loadConfig({ env: { TRUST_PROXY: 'false' } }).trustProxy).toBe(false);
    // Digits are a hop count, not a boolean.
    expect(loadConfig({ env: { TRUST_PROXY: '1' } }).trustProxy).toBe(1);
    expect(() => loadConfig({ env: { TRUST_PROXY: 'yes please' } })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ env: { SOCKET_RATE_LIMIT_BURST: '0' } })).toThrow(
      /socketRateLimitBurst/,
    );
    expect(() => loadConfig({ env: { HTTP_WRITE_LIMIT_PER_MINUTE: 'many' } })).toThrow(
      /HTTP_WRITE_LIMIT_PER_MINUTE/,
    );
    expect(() => loadConfig({ overrides: { socketRateLimitPerSecond: 0 } })).toThrow(
      /socketRateLimitPerSecond/,
    );
  });

  it('rejects bad and unknown overrides', () => {
    expect(() => loadConfig({ overrides: { unloadDelayMs: -5 } })).toThrow(/unloadDelayMs/);
    expect(() => loadConfig({ overrides: { prot: 1 } as never })).toThrow(ConfigError);
  });

  it('reads the multi-process settings and never echoes a URL with a password', () => {
    const config = loadConfig({
      env: {
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_PREFIX: 'wr-test',
        DATABASE_URL: 'postgres://app:secret@db:5432/werkraum',
        INSTANCE_ID: 'node-1',
      },
    });
    expect(config).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: 'wr-test',
      databaseUrl: 'postgres://app:secret@db:5432/werkraum',
      instanceId: 'node-1',
    });
    expect(defaultConfig.redisPrefix).toBe('werkraum');
    expect(() => loadConfig({ env: { DATABASE_URL: 'mysql://app:secret@db/x' } })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ env: { DATABASE_URL: 'mysql://app:secret@db/x' } });
    } catch (error) {
      expect(String(error)).not.toContain('secret');
    }
    expect(() => loadConfig({ env: { REDIS_PREFIX: 'has space' } })).toThrow(ConfigError);
  });
});
