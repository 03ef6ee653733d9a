import { ApiError, getBoard, type BoardInfo } from '../api/boards-api.js';
import type { TokenSource } from './links.js';

/** How opening a board page ended. */
export type BoardAccess =
  | { kind: 'ok'; info: BoardInfo; token: string; source: TokenSource }
  /** No token in the link and none on this device. */
  | { kind: 'missing' }
  /** The token was refused (rotated or never valid). */
  | { kind: 'revoked' }
  | { kind: 'notFound' }
  | { kind: 'deleted' }
  /** Server unreachable or broken: worth trying again. */
  | { kind: 'failed'; error: unknown };

/**
 * Asks the server what the link may do. Tries the link's own token first, then the one this
 * device remembered (so that a stale shared link does not lock out a device that has a valid
 * one). Reads only; storing the result is the caller's business.
 */
export async function resolveBoardAccess(input: {
  boardId: string;
  fragmentToken: string | null;
  storedToken: string | undefined;
  fetch?: typeof fetch;
}): Promise<BoardAccess> {
  const candidates: { token: string; source: TokenSource }[] = [];
  if (input.fragmentToken) candidates.push({ token: input.fragmentToken, source: 'fragment' });
  if (input.storedToken && input.storedToken !== input.fragmentToken) {
    candidates.push({ token: input.storedToken, source: 'stored' });
  }
  // Without a token there is nothing to ask: the server answers 401 for every board then.
  if (candidates.length === 0) return { kind: 'missing' };
  for (const candidate of candidates) {
    try {
      const info = await getBoard(input.boardId, { token: candidate.token, fetch: input.fetch });
      return { kind: 'ok', info, ...candidate };
    } catch (error) {
      if (!(error instanceof ApiError) || error.isNetwork || error.status >= 500) {
        return { kind: 'failed', error };
      }
      if (error.status === 404 || error.status === 400) return { kind: 'notFound' };
      if (error.status === 410) return { kind: 'deleted' };
      if (error.status !== 401 && error.status !== 403) return { kind: 'failed', error };
    }
  }
  return { kind: 'revoked' };
}
