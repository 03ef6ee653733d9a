/** How this person appears to others on a board (awareness) and as `createdBy` on new items. */
export interface Identity {
  name: string;
  color: string;
}

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Dot colours with at least 3:1 contrast on white and on the light card background. */
export const PEER_COLORS = [
  '#1f5fa8',
  '#b3261e',
  '#1d6b3a',
  '#8a3ea8',
  '#9a5300',
  '#00707a',
  '#a4366b',
  '#4f5d12',
] as const;

export const IDENTITY_STORAGE_KEY = 'werkraum:identity';
export const MAX_NAME_LENGTH = 40;

/** A random four-digit number for a guest pseudonym such as „Gast 4821“. */
export function pseudonymNumber(random: () => number = Math.random): string {
  return String(1000 + Math.floor(random() * 9000));
}

export function pickColor(random: () => number = Math.random): string {
  return PEER_COLORS[Math.floor(random() * PEER_COLORS.length) % PEER_COLORS.length] as string;
}

export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
}

function isIdentity(value: unknown): value is Identity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.name === 'string' &&
    cleanName(v.name).length > 0 &&
    typeof v.color === 'string' &&
    (PEER_COLORS as readonly string[]).includes(v.color)
  );
}

/**
 * The identity kept on this device, or a fresh pseudonym (saved right away so that it stays the
 * same on the next visit). `guestName` turns the number into the localized pseudonym.
 */
export function loadIdentity(
  storage: KeyValueStorage | undefined,
  guestName: (n: string) => string,
  random: () => number = Math.random,
): Identity {
  const raw = storage?.getItem(IDENTITY_STORAGE_KEY);
  if (raw) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isIdentity(parsed)) return { name: cleanName(parsed.name), color: parsed.color };
    } catch (error) {
      console.warn('Ignoring a damaged identity in localStorage.', error);
    }
  }
  const identity = { name: guestName(pseudonymNumber(random)), color: pickColor(random) };
  saveIdentity(storage, identity);
  return identity;
}

export function saveIdentity(storage: KeyValueStorage | undefined, identity: Identity): void {
  storage?.setItem(IDENTITY_STORAGE_KEY, JSON.stringify(identity));
}

export const AUTHOR_SECRET_KEY = 'werkraum:author-secret';
const AUTHOR_SECRET_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;

/** 24 random bytes as base64url (32 characters). */
export function newAuthorSecret(
  randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  let binary = '';
  for (const byte of randomBytes(24)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * This device's secret author key, created once and kept beside the pseudonym. Items carry only
 * the derived public id (`deriveAuthorId`); the secret goes to the server when connecting, so
 * that only this device can act as their author. Never put it into awareness.
 */
export function loadAuthorSecret(
  storage: KeyValueStorage | undefined,
  create: () => string = newAuthorSecret,
): string {
  const stored = storage?.getItem(AUTHOR_SECRET_KEY);
  if (stored && AUTHOR_SECRET_PATTERN.test(stored)) return stored;
  const secret = create();
  storage?.setItem(AUTHOR_SECRET_KEY, secret);
  return secret;
}
