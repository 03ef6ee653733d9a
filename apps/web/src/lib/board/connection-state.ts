/** The status the y-websocket provider reports. */
export type ProviderStatus = 'connecting' | 'connected' | 'disconnected';

/** What the connection badge shows. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';
export type SyncState = 'synced' | 'syncing';

export interface ConnectionInput {
  provider: ProviderStatus;
  /** `navigator.onLine`. */
  online: boolean;
  /** Whether this page has been connected at least once (then a loss is a reconnect). */
  everConnected: boolean;
  /** The provider's initial sync with the server finished on the current connection. */
  synced: boolean;
  /** The server closed the connection for good (4400–4499): the provider stopped retrying. */
  closed: boolean;
}

export interface ConnectionView {
  state: ConnectionState;
  /** Only meaningful while connected; null when there is no connection to sync over. */
  sync: SyncState | null;
}

export function deriveConnection(input: ConnectionInput): ConnectionView {
  if (input.closed) return { state: 'closed', sync: null };
  if (!input.online) return { state: 'offline', sync: null };
  if (input.provider === 'connected') {
    return { state: 'connected', sync: input.synced ? 'synced' : 'syncing' };
  }
  return { state: input.everConnected ? 'reconnecting' : 'connecting', sync: null };
}

/** Close codes of the board channel that the web app handles (see apps/server README). */
export const CloseCode = {
  /** The link is unknown or was rotated (revoked). */
  Unauthorized: 4401,
  /** The server refused a write of this link's role. */
  WriteRefused: 4403,
  BoardNotFound: 4404,
  /** The facilitator deleted the board. */
  BoardDeleted: 4410,
  /** Too many connections or messages: try again later. */
  RateLimited: 4429,
} as const;

/** Why a board page stopped for good (or has to start over, for `refused`). */
export type BoardEnd = 'revoked' | 'refused' | 'notFound' | 'deleted' | 'closed';

/**
 * What to do after the server closed the board channel for good (the provider's `closed`
 * event, codes 4400–4499): `retry` later, or end with a reason.
 */
export function closeOutcome(code: number): BoardEnd | 'retry' {
  switch (code) {
    case CloseCode.Unauthorized:
      return 'revoked';
    case CloseCode.WriteRefused:
      return 'refused';
    case CloseCode.BoardNotFound:
      return 'notFound';
    case CloseCode.BoardDeleted:
      return 'deleted';
    case CloseCode.RateLimited:
      return 'retry';
    default:
      return 'closed';
  }
}

/** Waiting time before reconnecting after `RateLimited`: 10–20 s, doubling per attempt (≤ 2 min). */
export function rateLimitDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(60_000, 10_000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (1 + random()));
}
