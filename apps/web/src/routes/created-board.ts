import type { Role } from '@werkraum/model';
import type { CreatedBoard } from '$lib/api/boards-api.js';
import type { KeyValueStorage } from '$lib/board/identity.js';
import { rememberBoard } from '$lib/board/recent-boards.js';

/**
 * Keeps a board just created (or imported) on this device: its role and token, and the links of
 * every role — the server keeps only their hashes, so this device is the only place they exist.
 */
export function rememberCreatedBoard(
  storage: KeyValueStorage | undefined,
  board: CreatedBoard,
  now: number = Date.now(),
): void {
  const links: Partial<Record<Role, string>> = {};
  for (const [role, link] of Object.entries(board.links) as [Role, { token: string }][]) {
    links[role] = link.token;
  }
  rememberBoard(
    storage,
    {
      id: board.id,
      title: board.title,
      municipality: board.municipality,
      role: board.role,
      token: links[board.role] as string,
      links,
    },
    now,
  );
}
