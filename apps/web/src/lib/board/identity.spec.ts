import { describe, expect, it } from 'vitest';
import { deriveAuthorId } from '@werkraum/model';
import {
  AUTHOR_SECRET_KEY,
  IDENTITY_STORAGE_KEY,
  PEER_COLORS,
  cleanName,
  loadAuthorSecret,
  loadIdentity,
  newAuthorSecret,
  pickColor,
  pseudonymNumber,
  type KeyValueStorage,
} from './identity.js';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const guest = (n: string) => `Gast ${n}`;

describe('identity', () => {
  it('makes four-digit pseudonym numbers', () => {
    expect(pseudonymNumber(() => 0)).toBe('1000');
    expect(pseudonymNumber(() => 0.999999)).toBe('9999');
  });

  it('picks colours from the palette only', () => {
    expect(pickColor(() => 0)).toBe(PEER_COLORS[0]);
    expect(pickColor(() => 0.999999)).toBe(PEER_COLORS.at(-1));
  });

  it('creates and keeps a pseudonym on this device', () => {
    const storage = memoryStorage();
    const first = loadIdentity(storage, guest, () => 0.5);
    expect(first.name).toMatch(/^Gast \d{4}$/);
    const second = loadIdentity(storage, guest, () => 0.1);
    expect(second).toEqual(first);
  });

  it('replaces a damaged or foreign stored identity', () => {
    const storage = memoryStorage();
    storage.setItem(IDENTITY_STORAGE_KEY, '{not json');
    expect(loadIdentity(storage, guest, () => 0).name).toBe('Gast 1000');
    storage.setItem(IDENTITY_STORAGE_KEY, JSON.stringify({ name: 'X', color: 'red' }));
    expect(loadIdentity(storage, guest, () => 0).color).toBe(PEER_COLORS[0]);
  });

  it('works without storage (private mode)', () => {
    expect(loadIdentity(undefined, guest, () => 0)).toEqual({
      name: 'Gast 1000',
      color: PEER_COLORS[0],
    });
  });

  it('cleans names', () => {
    expect(cleanName('  Amira \n  K.  ')).toBe('Amira K.');
    expect(cleanName('x'.repeat(100))).toHaveLength(40);
  });

  it('creates a random author secret once and keeps it on this device', () => {
    const storage = memoryStorage();
    const secret = loadAuthorSecret(storage);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(storage.data.get(AUTHOR_SECRET_KEY)).toBe(secret);
    expect(loadAuthorSecret(storage)).toBe(secret);
    expect(deriveAuthorId(secret)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newAuthorSecret()).not.toBe(secret);
  });

  it('replaces a damaged author secret and works without storage', () => {
    const storage = memoryStorage();
    storage.data.set(AUTHOR_SECRET_KEY, 'short');
    expect(loadAuthorSecret(storage)).not.toBe('short');
    expect(loadAuthorSecret(undefined)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newAuthorSecret(() => new Uint8Array(24).fill(255))).toBe('_'.repeat(32));
  });
});
