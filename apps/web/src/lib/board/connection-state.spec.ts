import { describe, expect, it } from 'vitest';
import {
  closeOutcome,
  deriveConnection,
  rateLimitDelay,
  type ConnectionInput,
} from './connection-state.js';

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

describe('close codes', () => {
  it('maps the server’s close codes to what the page does', () => {
    expect(closeOutcome(4401)).toBe('revoked');
    expect(closeOutcome(4403)).toBe('refused');
    expect(closeOutcome(4404)).toBe('notFound');
    expect(closeOutcome(4410)).toBe('deleted');
    expect(closeOutcome(4429)).toBe('retry');
    expect(closeOutcome(4400)).toBe('closed');
  });

  it('waits longer after each rate-limited attempt, within bounds', () => {
    expect(rateLimitDelay(0, () => 0)).toBe(10_000);
    expect(rateLimitDelay(0, () => 1)).toBe(20_000);
    expect(rateLimitDelay(1, () => 0)).toBe(20_000);
    expect(rateLimitDelay(10, () => 1)).toBe(120_000);
  });
});
