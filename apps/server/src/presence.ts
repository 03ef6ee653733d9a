/**
 * Who is in a board's live session (socket.io). In memory by default; a Redis implementation
 * will share presence between server processes.
 */
export interface PresenceStore {
  /** Adds a member (idempotent) and returns the board's member count. */
  join(boardId: string, memberId: string): Promise<number>;
  /** Removes a member (idempotent) and returns the board's member count. */
  leave(boardId: string, memberId: string): Promise<number>;
  count(boardId: string): Promise<number>;
  /** Forgets everything about a board (it was deleted). */
  deleteBoard(boardId: string): Promise<void>;
  close(): Promise<void>;
}

export class InMemoryPresenceStore implements PresenceStore {
  readonly #members = new Map<string, Set<string>>();

  async join(boardId: string, memberId: string): Promise<number> {
    let members = this.#members.get(boardId);
    if (!members) {
      members = new Set();
      this.#members.set(boardId, members);
    }
    members.add(memberId);
    return members.size;
  }

  async leave(boardId: string, memberId: string): Promise<number> {
    const members = this.#members.get(boardId);
    if (!members) return 0;
    members.delete(memberId);
    if (members.size === 0) this.#members.delete(boardId);
    return members.size;
  }

  async count(boardId: string): Promise<number> {
    return this.#members.get(boardId)?.size ?? 0;
  }

  async deleteBoard(boardId: string): Promise<void> {
    this.#members.delete(boardId);
  }

  async close(): Promise<void> {
    this.#members.clear();
  }
}
