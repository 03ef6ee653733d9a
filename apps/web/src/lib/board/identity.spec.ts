import { describe, expect, it } from 'vitest';
import { deriveAuthorId } from '@werkraum/model';
import {
  AUTHOR_SECRET_KEY,
  IDENTITY_STORAGE_KEY,
  MAX_NAME_LENGTH,
  PEER_COLORS,
  chooseAnonymous,
  chooseName,
  cleanName,
  isPseudonym,
  loadAuthorSecret,
  loadIdentity,
  needsChoice,
  newAuthorSecret,
  pickColor,
  pseudonymNumber,
  saveIdentity,
  validateName,
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
      anonymous: true,
      chosen: false,
    });
  });

  it('cleans names', () => {
    expect(cleanName('  Amira \n  K.  ')).toBe('Amira K.');
    expect(cleanName('x'.repeat(100))).toHaveLength(MAX_NAME_LENGTH);
  });

  it('recognizes pseudonyms', () => {
    expect(isPseudonym('Gast 4821', guest)).toBe(true);
    expect(isPseudonym('Gast 4821 K.', guest)).toBe(false);
    expect(isPseudonym('Amira', guest)).toBe(false);
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

describe('the participation choice', () => {
  const stored = (storage: ReturnType<typeof memoryStorage>) =>
    JSON.parse(storage.data.get(IDENTITY_STORAGE_KEY) ?? 'null') as unknown;

  it('asks a participant on the first visit, with a pseudonym kept meanwhile', () => {
    const storage = memoryStorage();
    const identity = loadIdentity(storage, guest, () => 0);
    expect(identity).toEqual({
      name: 'Gast 1000',
      color: PEER_COLORS[0],
      anonymous: true,
      chosen: false,
    });
    expect(stored(storage)).toEqual(identity);
    expect(needsChoice(identity, 'participant')).toBe(true);
    for (const role of ['facilitator', 'steering', 'viewer']) {
      expect(needsChoice(identity, role)).toBe(false);
    }
  });

  it('keeps a chosen name and does not ask again', () => {
    const storage = memoryStorage();
    const first = loadIdentity(storage, guest, () => 0);
    saveIdentity(storage, chooseName(first, 'Amira K.'));
    const again = loadIdentity(storage, guest, () => 0.5);
    expect(again).toEqual({
      name: 'Amira K.',
      color: PEER_COLORS[0],
      anonymous: false,
      chosen: true,
    });
    expect(needsChoice(again, 'participant')).toBe(false);
  });

  it('keeps the anonymous choice and its pseudonym', () => {
    const storage = memoryStorage();
    const first = loadIdentity(storage, guest, () => 0);
    const anonymous = chooseAnonymous(first, guest, () => 0.5);
    // The device's pseudonym stays the same.
    expect(anonymous).toEqual({ ...first, anonymous: true, chosen: true });
    saveIdentity(storage, anonymous);
    const again = loadIdentity(storage, guest, () => 0.5);
    expect(again).toEqual(anonymous);
    expect(needsChoice(again, 'participant')).toBe(false);
  });

  it('makes a fresh pseudonym when someone with a name goes anonymous', () => {
    const named = chooseName(
      loadIdentity(undefined, guest, () => 0),
      'Amira',
    );
    expect(chooseAnonymous(named, guest, () => 0.5)).toEqual({
      name: 'Gast 5500',
      color: PEER_COLORS[0],
      anonymous: true,
      chosen: true,
    });
  });

  it('loads identities stored before the choice existed, as not chosen yet', () => {
    const storage = memoryStorage();
    storage.setItem(IDENTITY_STORAGE_KEY, JSON.stringify({ name: 'Gast 4821', color: '#1d6b3a' }));
    const pseudonym = loadIdentity(storage, guest, () => 0);
    expect(pseudonym).toEqual({
      name: 'Gast 4821',
      color: '#1d6b3a',
      anonymous: true,
      chosen: false,
    });
    expect(needsChoice(pseudonym, 'participant')).toBe(true);
    // Choosing anonymous keeps the pseudonym others already know.
    expect(chooseAnonymous(pseudonym, guest, () => 0).name).toBe('Gast 4821');

    storage.setItem(IDENTITY_STORAGE_KEY, JSON.stringify({ name: 'Amira', color: '#1d6b3a' }));
    expect(loadIdentity(storage, guest, () => 0)).toEqual({
      name: 'Amira',
      color: '#1d6b3a',
      anonymous: false,
      chosen: false,
    });
  });

  it('replaces stored names that are not valid', () => {
    const storage = memoryStorage();
    storage.setItem(
      IDENTITY_STORAGE_KEY,
      JSON.stringify({ name: 'A\u202Eb', color: '#1d6b3a', anonymous: false, chosen: true }),
    );
    expect(loadIdentity(storage, guest, () => 0)).toMatchObject({
      name: 'Gast 1000',
      chosen: false,
    });
  });
});

describe('validateName', () => {
  it('trims and accepts 1 to 80 characters', () => {
    expect(validateName('  Amira   K. ')).toEqual({ ok: true, name: 'Amira K.' });
    expect(validateName('x')).toEqual({ ok: true, name: 'x' });
    expect(validateName('Zoë Ğül 李')).toEqual({ ok: true, name: 'Zoë Ğül 李' });
    expect(validateName('x'.repeat(80))).toEqual({ ok: true, name: 'x'.repeat(80) });
    expect(validateName(` ${'x'.repeat(80)}  `)).toEqual({ ok: true, name: 'x'.repeat(80) });
  });

  it('refuses empty names', () => {
    expect(validateName('')).toEqual({ ok: false, problem: 'empty' });
    expect(validateName('   ')).toEqual({ ok: false, problem: 'empty' });
  });

  it('refuses names longer than 80 characters', () => {
    expect(validateName('x'.repeat(81))).toEqual({ ok: false, problem: 'tooLong' });
  });

  it('refuses control characters', () => {
    for (const name of [
      'A\u0000B',
      'A\nB',
      'A\tB',
      'A\u007fB',
      'A\u0085B',
      'A\u202EB',
      'A\u2066B',
    ]) {
      expect(validateName(name)).toEqual({ ok: false, problem: 'control' });
    }
  });
});
