import { describe, expect, it } from 'vitest';
import { bestClockEstimate, formatClock, timerView } from './clock.js';

describe('bestClockEstimate', () => {
  it('keeps the sample with the shortest round trip', () => {
    const estimate = bestClockEstimate([
      { sentAt: 1000, serverTime: 6000, receivedAt: 1400 },
      { sentAt: 2000, serverTime: 7050, receivedAt: 2100 },
      { sentAt: 3000, serverTime: 8300, receivedAt: 3600 },
    ]);
    expect(estimate).toEqual({ offsetMs: 5000, roundTripMs: 100 });
  });

  it('returns null without samples and keeps a better previous estimate', () => {
    expect(bestClockEstimate([])).toBeNull();
    const previous = { offsetMs: 10, roundTripMs: 20 };
    expect(bestClockEstimate([{ sentAt: 0, serverTime: 500, receivedAt: 400 }], previous)).toBe(
      previous,
    );
  });
});

describe('timer display', () => {
  it('formats minutes and hours', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65)).toBe('1:05');
    expect(formatClock(600)).toBe('10:00');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatClock(-3)).toBe('0:00');
    const persian = (value: number, width: 1 | 2) =>
      new Intl.NumberFormat('fa', { minimumIntegerDigits: width }).format(value);
    expect(formatClock(65, persian)).toBe('۱:۰۵');
  });

  it('rounds remaining time up and says when a running timer has ended', () => {
    const running = { status: 'running' as const, durationMs: 300_000, endsAt: 100_000 };
    expect(timerView(running, 40_500)).toEqual({ phase: 'running', seconds: 60, text: '1:00' });
    expect(timerView(running, 99_999)).toMatchObject({ phase: 'running', seconds: 1 });
    expect(timerView(running, 100_000)).toEqual({ phase: 'ended', seconds: 0, text: '0:00' });
    expect(timerView(running, 200_000).phase).toBe('ended');
  });

  it('shows idle and paused timers with their stored time', () => {
    expect(timerView({ status: 'idle', durationMs: 600_000 }, 0)).toEqual({
      phase: 'idle',
      seconds: 600,
      text: '10:00',
    });
    expect(timerView({ status: 'paused', durationMs: 600_000, remainingMs: 90_000 }, 0)).toEqual({
      phase: 'paused',
      seconds: 90,
      text: '1:30',
    });
  });
});
