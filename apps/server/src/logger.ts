import { createHash } from 'node:crypto';
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * JSON logs on stdout. Never log board ids (they are capability links), tokens or user
 * names: log `boardRef(id)` instead.
 */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'werkraum-server' } });
}

/**
 * A stable, non-reversible reference to a board for logs. The board id itself grants access
 * to the board, so it must not end up in log files.
 */
export function boardRef(boardId: string): string {
  return createHash('sha256').update(boardId).digest('base64url').slice(0, 10);
}
