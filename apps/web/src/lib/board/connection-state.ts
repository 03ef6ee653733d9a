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
