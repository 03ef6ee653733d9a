/**
 * Summarises other people's changes for one polite live region: the ids of the items changed
 * since the last announcement are collected, and at most one announcement is made every
 * `intervalMs` (the first after `settleMs`, so that a burst arrives as one). Screen-reader users
 * hear „3 Änderungen von anderen“ instead of every keystroke of everyone in the workshop.
 */
export interface AnnouncerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: AnnouncerClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class RemoteChangeAnnouncer {
  #changed = new Set<string>();
  #last = -Infinity;
  #timer: unknown = null;
  readonly #announce: (count: number) => void;
  readonly #intervalMs: number;
  readonly #settleMs: number;
  readonly #clock: AnnouncerClock;

  constructor(
    announce: (count: number) => void,
    { intervalMs = 5_000, settleMs = 1_000, clock = realClock } = {},
  ) {
    this.#announce = announce;
    this.#intervalMs = intervalMs;
    this.#settleMs = settleMs;
    this.#clock = clock;
  }

  /** Notes that other people changed these items (ids); schedules an announcement. */
  note(ids: Iterable<string>): void {
    for (const id of ids) this.#changed.add(id);
    if (this.#changed.size === 0 || this.#timer !== null) return;
    const now = this.#clock.now();
    const wait = Math.max(this.#settleMs, this.#last + this.#intervalMs - now);
    this.#timer = this.#clock.setTimeout(() => this.#flush(), wait);
  }

  #flush(): void {
    this.#timer = null;
    const count = this.#changed.size;
    this.#changed.clear();
    if (count === 0) return;
    this.#last = this.#clock.now();
    this.#announce(count);
  }

  destroy(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#changed.clear();
  }
}
