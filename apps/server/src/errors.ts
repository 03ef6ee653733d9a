import { CloseCode } from './protocol.js';

/** A client sent something that does not follow the protocol. Closes only that connection. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly closeCode = CloseCode.MalformedMessage;
}

/** The board id is well-formed but no such board exists. */
export class BoardNotFoundError extends Error {
  override readonly name = 'BoardNotFoundError';
  readonly closeCode = CloseCode.BoardNotFound;
  constructor() {
    super('Board not found');
  }
}

/** The connection's role may not make the change it sent. `reason` is safe to log. */
export class WriteForbiddenError extends Error {
  override readonly name = 'WriteForbiddenError';
  readonly closeCode = CloseCode.WriteForbidden;
}

/** The connection sent more messages than its rate limit allows. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  readonly closeCode = CloseCode.RateLimited;
  constructor() {
    super('Rate limit exceeded');
  }
}

/** Storage could not load or commit a board's data. */
export class StorageFailureError extends Error {
  override readonly name = 'StorageFailureError';
  readonly closeCode = CloseCode.StorageFailure;
}

/** The server is shutting down and accepts no new connections. */
export class ServerClosingError extends Error {
  override readonly name = 'ServerClosingError';
  readonly closeCode = CloseCode.GoingAway;
  constructor() {
    super('Server is shutting down');
  }
}

/** Invalid configuration (env var or option); the message names every bad setting. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Maps any error to the close code a connection should be closed with. */
export function closeCodeFor(error: unknown): CloseCode {
  if (
    error instanceof ProtocolError ||
    error instanceof BoardNotFoundError ||
    error instanceof WriteForbiddenError ||
    error instanceof RateLimitedError ||
    error instanceof StorageFailureError ||
    error instanceof ServerClosingError
  ) {
    return error.closeCode;
  }
  return CloseCode.InternalError;
}
