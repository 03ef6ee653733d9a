import type { VersionInfo } from '@werkraum/model';
import { listVersions } from '$lib/api/process-api.js';
import { storedToken } from './access.js';

/**
 * The board's recorded versions for a step view: loaded on demand, reloaded after this person
 * recorded one (or when a report shows a version this list does not know yet).
 */
export class VersionList {
  readonly boardId: string;
  #versions = $state.raw<VersionInfo[]>([]);
  #loaded = $state(false);
  #failed = $state(false);
  #request = 0;

  constructor(boardId: string) {
    this.boardId = boardId;
  }

  get versions(): VersionInfo[] {
    return this.#versions;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  get failed(): boolean {
    return this.#failed;
  }

  has(id: string): boolean {
    return this.#versions.some((v) => v.id === id);
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    try {
      const versions = await listVersions(this.boardId, { token: storedToken(this.boardId) });
      if (request !== this.#request) return;
      this.#versions = versions;
      this.#failed = false;
    } catch (error) {
      console.error('Loading the versions failed', error);
      if (request === this.#request) this.#failed = true;
    } finally {
      if (request === this.#request) this.#loaded = true;
    }
  }

  /** Adds a version this person just recorded (before the reload answers). */
  add(version: VersionInfo): void {
    if (!this.has(version.id)) this.#versions = [version, ...this.#versions];
  }
}
