import type { KeyValueStorage } from '$lib/board/identity.js';

/*
 * The server stores only a hash of a board's calendar secret and shows the address once, when
 * it is made. The device that made it keeps it (like the board links it created), so that the
 * address can be copied again later on this device.
 */

const key = (boardId: string) => `werkraum:calendar:${boardId}`;

export function readCalendarAddress(
  storage: KeyValueStorage | undefined,
  boardId: string,
): string | null {
  try {
    const value = storage?.getItem(key(boardId)) ?? null;
    return value && /^(https?|webcal):\/\//.test(value) ? value : null;
  } catch {
    return null;
  }
}

export function writeCalendarAddress(
  storage: KeyValueStorage | undefined,
  boardId: string,
  url: string,
): void {
  try {
    storage?.setItem(key(boardId), url);
  } catch {
    // Storage full or forbidden: the address is shown for this visit only.
  }
}
