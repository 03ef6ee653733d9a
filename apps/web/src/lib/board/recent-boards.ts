import type { KeyValueStorage } from './identity.js';

/** A board opened on this device, so people find it again from the start page. */
export interface RecentBoard {
  id: string;
  title: string;
  municipality: string;
  /** Epoch milliseconds. */
  lastOpened: number;
}

export const RECENT_BOARDS_KEY = 'werkraum:recent-boards';
export const MAX_RECENT_BOARDS = 20;

function isRecentBoard(value: unknown): value is RecentBoard {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.title === 'string' &&
    typeof v.municipality === 'string' &&
    typeof v.lastOpened === 'number' &&
    Number.isFinite(v.lastOpened)
  );
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
  return parsed.filter(isRecentBoard).sort((a, b) => b.lastOpened - a.lastOpened);
}

function write(storage: KeyValueStorage | undefined, boards: RecentBoard[]): RecentBoard[] {
  const kept = boards.slice(0, MAX_RECENT_BOARDS);
  storage?.setItem(RECENT_BOARDS_KEY, JSON.stringify(kept));
  return kept;
}

/** Adds or refreshes a board at the top of the list. */
export function rememberBoard(
  storage: KeyValueStorage | undefined,
  board: Omit<RecentBoard, 'lastOpened'>,
  now: number = Date.now(),
): RecentBoard[] {
  const others = readRecentBoards(storage).filter((b) => b.id !== board.id);
  return write(storage, [{ ...board, lastOpened: now }, ...others]);
}

export function forgetBoard(storage: KeyValueStorage | undefined, id: string): RecentBoard[] {
  return write(
    storage,
    readRecentBoards(storage).filter((b) => b.id !== id),
  );
}
