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
