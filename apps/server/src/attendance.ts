import { boardRef, type Logger } from './logger.js';
import type { PresenceStore } from './presence.js';
import { DEFAULT_AUTHOR_NAME } from './session/commands.js';
import type { BoardStore } from './storage/types.js';

/** The workshops whose attendance is kept (consultation 3, analysis 5), for re-invitation. */
export const ATTENDANCE_STEPS: readonly number[] = [3, 5];

/** A name is recorded again (its `lastSeen` moved) at most this often per board and step. */
const RECORD_INTERVAL_MS = 60_000;
/** A name's presence updates look at the open step at most this often. */
const CHECK_INTERVAL_MS = 5_000;
/** Bound of the in-memory throttle maps (cleared when full). */
const MAX_TRACKED = 10_000;

export interface AttendanceOptions {
  store: BoardStore;
  presence: PresenceStore;
  /** The board's open step (reads the live doc), or null. */
  openStep(boardId: string): Promise<number | null>;
  logger: Logger;
  now?: () => number;
}

/** `GET /api/boards/:id/attendance`: the names per workshop step. */
export interface AttendanceBody {
  steps: { step: number; names: string[] }[];
}

/**
 * Who attended the consultation and analysis workshops: the names (only the names) of people
 * present on the session channel while step 3 or 5 was open for participation. A person counts
 * once they set a name other than the default `Gast` or a guest pseudonym („Gast 4821“). Recorded when such a person sets their
 * name during the step, and for everyone present when the facilitator opens the step. Stored
 * per board and step, deleted with the board. Failures are logged, never thrown.
 */
export class Attendance {
  readonly #options: AttendanceOptions;
  readonly #log: Logger;
  readonly #now: () => number;
  /** `boardId step name` → when it was last written. */
  readonly #recent = new Map<string, number>();
  /** `boardId name` → when the open step was last looked at for it. */
  readonly #checked = new Map<string, number>();

  constructor(options: AttendanceOptions) {
    this.#options = options;
    this.#log = options.logger;
    this.#now = options.now ?? Date.now;
  }

  /** A socket on the board set its presence name (`presence:update`). */
  async named(boardId: string, name: string): Promise<void> {
    if (!isNamed(name)) return;
    // Presence updates come with every change of the edited item: look at the open step at
    // most every few seconds per name (people present when a step opens are recorded then).
    const key = `${boardId} ${name}`;
    const now = this.#now();
    const last = this.#checked.get(key);
    if (last !== undefined && now - last < CHECK_INTERVAL_MS) return;
    if (this.#checked.size >= MAX_TRACKED) this.#checked.clear();
    this.#checked.set(key, now);
    try {
      const step = await this.#options.openStep(boardId);
      if (step === null || !ATTENDANCE_STEPS.includes(step)) return;
      await this.#record(boardId, step, [name]);
    } catch (error) {
      this.#log.error({ err: error, board: boardRef(boardId) }, 'recording attendance failed');
    }
  }

  /** The facilitator opened `step`: everyone named who is present now attends it. */
  async stepOpened(boardId: string, step: number): Promise<void> {
    if (!ATTENDANCE_STEPS.includes(step)) return;
    try {
      const members = await this.#options.presence.list(boardId);
      await this.#record(
        boardId,
        step,
        members.map((member) => member.name),
      );
    } catch (error) {
      this.#log.error({ err: error, board: boardRef(boardId) }, 'recording attendance failed');
    }
  }

  async list(boardId: string): Promise<AttendanceBody> {
    const records = await this.#options.store.listAttendance(boardId);
    return {
      steps: ATTENDANCE_STEPS.map((step) => ({
        step,
        names: records.filter((record) => record.step === step).map((record) => record.name),
      })),
    };
  }

  async #record(boardId: string, step: number, names: string[]): Promise<void> {
    const now = this.#now();
    for (const name of new Set(names.filter(isNamed))) {
      const key = `${boardId} ${step} ${name}`;
      const last = this.#recent.get(key);
      if (last !== undefined && now - last < RECORD_INTERVAL_MS) continue;
      if (this.#recent.size >= MAX_TRACKED) this.#recent.clear();
      this.#recent.set(key, now);
      await this.#options.store.recordAttendance(boardId, step, name, now);
    }
  }
}

/** A name someone chose (not the default one every socket starts with). */
/**
 * The pseudonym the web app gives people who join without a name: one word of the UI language
 * and four digits („Gast 4821“, „Guest 4821“, „ضيف 4821“). Nobody can be re-invited by it.
 */
const GUEST_PSEUDONYM = /^\p{L}+ \d{4}$/u;

function isNamed(name: string): boolean {
  const trimmed = name.trim();
  return trimmed !== '' && name !== DEFAULT_AUTHOR_NAME && !GUEST_PSEUDONYM.test(trimmed);
}
