import type { TimerState } from './schemas.js';

/**
 * The session timer as pure functions of the server's clock. The server applies them when the
 * facilitator presses a button; clients only read `timerRemainingMs` with their estimate of the
 * server time (`Date.now() + offset`, see `estimateClockOffset`).
 */
export const MAX_TIMER_MS = 4 * 60 * 60 * 1000;

function clamp(ms: number): number {
  return Math.max(0, Math.min(MAX_TIMER_MS, Math.round(ms)));
}

export function timerRemainingMs(timer: TimerState, serverNow: number): number {
  switch (timer.status) {
    case 'idle':
      return timer.durationMs;
    case 'paused':
      return timer.remainingMs;
    case 'running':
      return Math.max(0, timer.endsAt - serverNow);
  }
}

export function startTimer(durationMs: number, serverNow: number): TimerState {
  const duration = clamp(durationMs);
  return { status: 'running', durationMs: duration, endsAt: serverNow + duration };
}

export function pauseTimer(timer: TimerState, serverNow: number): TimerState {
  if (timer.status !== 'running') return timer;
  return {
    status: 'paused',
    durationMs: timer.durationMs,
    remainingMs: timerRemainingMs(timer, serverNow),
  };
}

export function resumeTimer(timer: TimerState, serverNow: number): TimerState {
  if (timer.status !== 'paused') return timer;
  return { status: 'running', durationMs: timer.durationMs, endsAt: serverNow + timer.remainingMs };
}

/** Adds (or, with a negative value, removes) time; an idle timer gets a longer duration. */
export function addTime(timer: TimerState, ms: number, serverNow: number): TimerState {
  const remaining = clamp(timerRemainingMs(timer, serverNow) + ms);
  const durationMs = clamp(timer.durationMs + ms);
  switch (timer.status) {
    case 'idle':
      return { status: 'idle', durationMs };
    case 'paused':
      return { status: 'paused', durationMs, remainingMs: remaining };
    case 'running':
      return { status: 'running', durationMs, endsAt: serverNow + remaining };
  }
}

export function resetTimer(timer: TimerState): TimerState {
  return { status: 'idle', durationMs: timer.durationMs };
}

/**
 * The offset to add to the local clock to get the server's, from one round trip: the server's
 * time is taken to be in the middle of it (as NTP does). Pick the sample with the shortest round
 * trip when several are made.
 */
export function estimateClockOffset(sample: {
  sentAt: number;
  serverTime: number;
  receivedAt: number;
}): { offsetMs: number; roundTripMs: number } {
  const roundTripMs = Math.max(0, sample.receivedAt - sample.sentAt);
  return { offsetMs: sample.serverTime - (sample.sentAt + roundTripMs / 2), roundTripMs };
}
