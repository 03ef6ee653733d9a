import { describe, expect, it } from 'vitest';
import { deriveConnection, type ConnectionInput } from './connection-state.js';

const base: ConnectionInput = {
  provider: 'connecting',
  online: true,
  everConnected: false,
  synced: false,
  closed: false,
};

describe('deriveConnection', () => {
  it('is connecting before the first connection', () => {
    expect(deriveConnection(base)).toEqual({ state: 'connecting', sync: null });
  });

  it('is connected and syncing until the provider has synced', () => {
    const connected = { ...base, provider: 'connected' as const, everConnected: true };
    expect(deriveConnection(connected)).toEqual({ state: 'connected', sync: 'syncing' });
    expect(deriveConnection({ ...connected, synced: true })).toEqual({
      state: 'connected',
      sync: 'synced',
    });
  });

  it('is reconnecting after a lost connection', () => {
    expect(deriveConnection({ ...base, provider: 'disconnected', everConnected: true })).toEqual({
      state: 'reconnecting',
      sync: null,
    });
  });

  it('is offline whenever the browser is offline, whatever the provider says', () => {
    expect(deriveConnection({ ...base, provider: 'connected', online: false }).state).toBe(
      'offline',
    );
  });

  it('is closed when the server ended the connection for good', () => {
    expect(deriveConnection({ ...base, closed: true, online: false }).state).toBe('closed');
  });
});
