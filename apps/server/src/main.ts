#!/usr/bin/env node
/**
 * Entry point: `node dist/main.js`. Reads the configuration from the environment (PORT, HOST,
 * DATA_DIR, MAX_FRAME_BYTES, LOG_LEVEL, PUBLIC_URL, SERVE_WEB, SQLITE_SYNCHRONOUS,
 * ALLOWED_ORIGINS, MAX_IMPORT_BYTES, RETENTION_DAYS, RETENTION_SWEEP_INTERVAL_MS,
 * RATE_LIMIT_PER_SECOND, RATE_LIMIT_BURST; see the README), starts the
 * server and logs `{"msg":"listening","url":"http://…"}`. SIGTERM/SIGINT commit every board and
 * exit 0; a second signal exits at once.
 */
import { ConfigError } from './errors.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createWerkraumServer } from './server.js';

const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig({ env: process.env });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`werkraum: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const server = createWerkraumServer({ ...config, logger });

  let shuttingDown = false;
  const shutdown = (reason: string, exitCode: number): void => {
    if (shuttingDown) {
      logger.warn({ reason }, 'second signal; exiting without waiting');
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ reason }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    server.close().then(
      () => process.exit(exitCode),
      (error: unknown) => {
        logger.fatal({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  process.on('SIGINT', () => shutdown('SIGINT', 0));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    shutdown('uncaughtException', 1);
  });
  process.on('unhandledRejection', (error) => {
    logger.fatal({ err: error }, 'unhandled rejection');
    shutdown('unhandledRejection', 1);
  });

  await server.listen();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `werkraum: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
