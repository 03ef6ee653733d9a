import { estimateClockOffset, timerRemainingMs, type TimerState } from '@werkraum/model';

/** One `clock:sync` round trip, in local (`sentAt`, `receivedAt`) and server time. */
export interface ClockSample {
  sentAt: number;
  serverTime: number;
  receivedAt: number;
}

export interface ClockEstimate {
  offsetMs: number;
  roundTripMs: number;
}

/**
 * The offset from the round trip that took least time (its midpoint guess errs least), or null
 * without samples. A previous estimate competes too, so that one slow re-sync does not make it
 * worse; callers drop the previous one when it got old.
 */
export function bestClockEstimate(
  samples: readonly ClockSample[],
  previous: ClockEstimate | null = null,
): ClockEstimate | null {
  let best = previous;
  for (const sample of samples) {
    const estimate = estimateClockOffset(sample);
    if (best === null || estimate.roundTripMs < best.roundTripMs) best = estimate;
  }
  return best;
}

export type TimerPhase = 'idle' | 'running' | 'paused' | 'ended';

export interface TimerView {
  phase: TimerPhase;
  /** Whole seconds left, rounded up (a timer shows 0:00 only once it has ended). */
  seconds: number;
  /** `m:ss`, or `h:mm:ss` from one hour on. */
  text: string;
}

/** Writes one part of a clock with at least `width` digits (in the UI language's digits). */
export type ClockDigits = (value: number, width: 1 | 2) => string;

const latinDigits: ClockDigits = (value, width) => String(value).padStart(width, '0');

/** `m:ss` or `h:mm:ss` of whole seconds. */
export function formatClock(totalSeconds: number, digits: ClockDigits = latinDigits): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = digits(s % 60, 2);
  return hours > 0
    ? `${digits(hours, 1)}:${digits(minutes, 2)}:${seconds}`
    : `${digits(minutes, 1)}:${seconds}`;
}

/** What the timer shows at `serverNow` (the local clock plus the estimated offset). */
export function timerView(
  timer: TimerState,
  serverNow: number,
  digits: ClockDigits = latinDigits,
): TimerView {
  const ms = timerRemainingMs(timer, serverNow);
  const seconds = Math.ceil(ms / 1000);
  const phase: TimerPhase =
    timer.status === 'running' ? (ms <= 0 ? 'ended' : 'running') : timer.status;
  return { phase, seconds, text: formatClock(seconds, digits) };
}
