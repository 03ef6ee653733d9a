import { describe, expect, it } from 'vitest';
import {
  IDENTITY_STORAGE_KEY,
  PEER_COLORS,
  cleanName,
  loadIdentity,
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
});
