import { ROLES, type Role } from '@werkraum/model';
import type { KeyValueStorage } from './identity.js';

/**
 * A board opened on this device, so that people find it again from the start page — with the
 * role and secret link token of this device. Kept only in this browser's storage.
 */
export interface RecentBoard {
  id: string;
  title: string;
  municipality: string;
  /** Epoch milliseconds. */
  lastOpened: number;
  /** The role of this device's link (absent in entries written before roles existed). */
  role?: Role;
  /** This device's link token for the board. */
  token?: string;
  /**
   * Link tokens of the roles this device knows (the device that created the board or rotated a
   * link). The server keeps only hashes, so nobody else can show them again.
   */
  links?: Partial<Record<Role, string>>;
}

export const RECENT_BOARDS_KEY = 'werkraum:recent-boards';
export const MAX_RECENT_BOARDS = 50;

const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

function readLinks(value: unknown): Partial<Record<Role, string>> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const links: Partial<Record<Role, string>> = {};
  for (const [role, token] of Object.entries(value)) {
    if (isRole(role) && typeof token === 'string' && token) links[role] = token;
  }
  return Object.keys(links).length > 0 ? links : undefined;
}

/** A stored entry as a RecentBoard, or null when it is damaged. Unknown keys are dropped. */
function readEntry(value: unknown): RecentBoard | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (
    typeof v.id !== 'string' ||
    typeof v.title !== 'string' ||
    typeof v.municipality !== 'string' ||
    typeof v.lastOpened !== 'number' ||
    !Number.isFinite(v.lastOpened)
  ) {
    return null;
  }
  const entry: RecentBoard = {
    id: v.id,
    title: v.title,
    municipality: v.municipality,
    lastOpened: v.lastOpened,
  };
  if (isRole(v.role)) entry.role = v.role;
  if (typeof v.token === 'string' && v.token) entry.token = v.token;
  const links = readLinks(v.links);
  if (links) entry.links = links;
  return entry;
}

/** The remembered boards, most recently opened first. Damaged entries are skipped. */
export function readRecentBoards(storage: KeyValueStorage | undefined): RecentBoard[] {
  const raw = storage?.getItem(RECENT_BOARDS_KEY);
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    console.warn('Ignoring a damaged list of recent boards in localStorage.', error);
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed
    .map(readEntry)
    .filter((entry): entry is RecentBoard => entry !== null)
    .sort((a, b) => b.lastOpened - a.lastOpened);
}

export function findRecentBoard(
  storage: KeyValueStorage | undefined,
  id: string,
): RecentBoard | undefined {
  return readRecentBoards(storage).find((b) => b.id === id);
}

function write(storage: KeyValueStorage | undefined, boards: RecentBoard[]): RecentBoard[] {
  const kept = boards.slice(0, MAX_RECENT_BOARDS);
  storage?.setItem(RECENT_BOARDS_KEY, JSON.stringify(kept));
  return kept;
}

export type RememberedBoard = Omit<RecentBoard, 'lastOpened'>;

/**
 * Adds a board or refreshes it at the top of the list. Fields not given are kept from the
 * existing entry; a new token of another role replaces the old token and role.
 */
export function rememberBoard(
  storage: KeyValueStorage | undefined,
  board: RememberedBoard,
  now: number = Date.now(),
): RecentBoard[] {
  const list = readRecentBoards(storage);
  const existing = list.find((b) => b.id === board.id);
  const others = list.filter((b) => b.id !== board.id);
  const links = { ...existing?.links, ...board.links };
  const merged: RecentBoard = { ...existing, ...board, lastOpened: now };
  if (Object.keys(links).length > 0) merged.links = links;
  return write(storage, [merged, ...others]);
}

/**
 * Updates title and municipality of a board that is already in the list (e.g. after someone
 * renamed it). Does nothing for a board this device has forgotten.
 */
export function refreshBoardTitle(
  storage: KeyValueStorage | undefined,
  board: Pick<RecentBoard, 'id' | 'title' | 'municipality'>,
): void {
  const list = readRecentBoards(storage);
  const existing = list.find((b) => b.id === board.id);
  if (!existing) return;
  if (existing.title === board.title && existing.municipality === board.municipality) return;
  write(
    storage,
    list.map((b) => (b.id === board.id ? { ...b, ...board } : b)),
  );
}

/** Remembers a role's link token that this device now knows (after creating or rotating). */
export function rememberLink(
  storage: KeyValueStorage | undefined,
  id: string,
  role: Role,
  token: string,
): void {
  const list = readRecentBoards(storage);
  const existing = list.find((b) => b.id === id);
  if (!existing) return;
  const next: RecentBoard = { ...existing, links: { ...existing.links, [role]: token } };
  // The device's own link was rotated: keep using the new one.
  if (existing.role === role) next.token = token;
  write(
    storage,
    list.map((b) => (b.id === id ? next : b)),
  );
}

/** Removes a board from this device: its entry, its token and the links it knew. */
export function forgetBoard(storage: KeyValueStorage | undefined, id: string): RecentBoard[] {
  return write(
    storage,
    readRecentBoards(storage).filter((b) => b.id !== id),
  );
}
