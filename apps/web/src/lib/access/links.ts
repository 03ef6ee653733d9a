/** Capability links: `/b/<boardId>#<token>`. The token never leaves the fragment for the server. */

/** What a link token looks like (base64url); anything else in the fragment is ignored. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,256}$/;

/** The token in a location hash (`#abc…`), or null when there is none or it is malformed. */
export function readFragmentToken(hash: string): string | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  let token: string;
  try {
    token = decodeURIComponent(raw).trim();
  } catch {
    // A broken percent escape is not a token of ours.
    return null;
  }
  return TOKEN_PATTERN.test(token) ? token : null;
}

/** The shareable link of a board for one token. */
export function boardLink(origin: string, boardId: string, token: string): string {
  return `${origin}/b/${encodeURIComponent(boardId)}#${token}`;
}

export type TokenSource = 'fragment' | 'stored';

/**
 * Which token to use for a visit: the link's own token wins (it may be a different role than the
 * one remembered); otherwise the token remembered on this device; null when there is none.
 */
export function chooseToken(input: {
  fragment: string | null;
  stored: string | undefined;
}): { token: string; source: TokenSource } | null {
  if (input.fragment) return { token: input.fragment, source: 'fragment' };
  if (input.stored) return { token: input.stored, source: 'stored' };
  return null;
}

/** The address without its fragment (what stays in the address bar). */
export function withoutFragment(url: Pick<URL, 'pathname' | 'search'>): string {
  return `${url.pathname}${url.search}`;
}
