import type { Role } from '@werkraum/model';
import { boardLink } from '$lib/access/links.js';
import { deviceStorage } from '$lib/board/device-storage.js';
import { findRecentBoard } from '$lib/board/recent-boards.js';

/**
 * This device's link token for a board, as the board page remembered it when it opened the
 * board (and after rotating its own link): what the process endpoints need as Bearer token.
 */
export function storedToken(boardId: string): string | null {
  return findRecentBoard(deviceStorage(), boardId)?.token ?? null;
}

/** The full link of another role that this device knows (it created the board or rotated it). */
export function knownRoleLink(boardId: string, role: Role, origin: string): string | null {
  const token = findRecentBoard(deviceStorage(), boardId)?.links?.[role];
  return token ? boardLink(origin, boardId, token) : null;
}
