/** How this person appears to others on a board (awareness) and as `createdBy` on new items. */
export interface Identity {
  name: string;
  color: string;
}

/**
 * The identity kept on this device, with the participation choice: `chosen` once the person
 * picked a name or to stay anonymous (then `name` is a pseudonym such as „Gast 4821“).
 * Stored as JSON `{ name, color, anonymous, chosen }`; entries written before the choice existed
 * (`{ name, color }`) still load, as not chosen yet.
 */
export interface DeviceIdentity extends Identity {
  anonymous: boolean;
  chosen: boolean;
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
/** Same limit as `createdBy` in the model. */
export const MAX_NAME_LENGTH = 80;

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

/** C0/C1 control characters, and the bidi embeddings, overrides and isolates (text spoofing). */
const CONTROL_CHARACTERS = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

export type NameProblem = 'empty' | 'tooLong' | 'control';
export type NameCheck = { ok: true; name: string } | { ok: false; problem: NameProblem };

/**
 * Checks a display name typed by the person: trimmed (runs of spaces become one), 1 to
 * `MAX_NAME_LENGTH` characters, no control characters.
 */
export function validateName(input: string): NameCheck {
  if (CONTROL_CHARACTERS.test(input.trim())) return { ok: false, problem: 'control' };
  const name = input.replace(/\s+/g, ' ').trim();
  if (name.length === 0) return { ok: false, problem: 'empty' };
  if (name.length > MAX_NAME_LENGTH) return { ok: false, problem: 'tooLong' };
  return { ok: true, name };
}

/** Whether `name` is exactly a pseudonym made by `guestName` (e.g. „Gast 4821“). */
export function isPseudonym(name: string, guestName: (n: string) => string): boolean {
  const number = /\d{4}/.exec(name)?.[0];
  return number !== undefined && guestName(number) === name;
}

function readStored(value: unknown, guestName: (n: string) => string): DeviceIdentity | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.name !== 'string' || typeof v.color !== 'string') return null;
  if (!(PEER_COLORS as readonly string[]).includes(v.color)) return null;
  const check = validateName(v.name);
  if (!check.ok) return null;
  // Entries from before the choice existed have neither flag: not chosen yet, and anonymous
  // unless the person had typed a name of their own.
  const anonymous =
    typeof v.anonymous === 'boolean' ? v.anonymous : isPseudonym(check.name, guestName);
  return { name: check.name, color: v.color, anonymous, chosen: v.chosen === true };
}

/**
 * The identity kept on this device, or a fresh pseudonym (saved right away so that it stays the
 * same on the next visit, not chosen yet). `guestName` turns the number into the localized
 * pseudonym.
 */
export function loadIdentity(
  storage: KeyValueStorage | undefined,
  guestName: (n: string) => string,
  random: () => number = Math.random,
): DeviceIdentity {
  const raw = storage?.getItem(IDENTITY_STORAGE_KEY);
  if (raw) {
    try {
      const stored = readStored(JSON.parse(raw), guestName);
      if (stored) return stored;
    } catch (error) {
      console.warn('Ignoring a damaged identity in localStorage.', error);
    }
  }
  const identity: DeviceIdentity = {
    name: guestName(pseudonymNumber(random)),
    color: pickColor(random),
    anonymous: true,
    chosen: false,
  };
  saveIdentity(storage, identity);
  return identity;
}

export function saveIdentity(storage: KeyValueStorage | undefined, identity: DeviceIdentity): void {
  const { name, color, anonymous, chosen } = identity;
  storage?.setItem(IDENTITY_STORAGE_KEY, JSON.stringify({ name, color, anonymous, chosen }));
}

/** Participants are asked once per device how they want to appear; other roles are not. */
export function needsChoice(identity: DeviceIdentity, role: string): boolean {
  return role === 'participant' && !identity.chosen;
}

/** Taking part under a name (already checked with `validateName`). */
export function chooseName(identity: DeviceIdentity, name: string): DeviceIdentity {
  return { ...identity, name, anonymous: false, chosen: true };
}

/** Taking part anonymously: the pseudonym this device already has, or a fresh one. */
export function chooseAnonymous(
  identity: DeviceIdentity,
  guestName: (n: string) => string,
  random: () => number = Math.random,
): DeviceIdentity {
  const name =
    identity.anonymous && isPseudonym(identity.name, guestName)
      ? identity.name
      : guestName(pseudonymNumber(random));
  return { ...identity, name, anonymous: true, chosen: true };
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
