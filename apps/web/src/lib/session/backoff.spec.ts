import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

/** A seeded generator (mulberry32), so that the spread is checked on reproducible numbers. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('backoffDelay (full jitter)', () => {
  it('draws from the whole window below an exponential ceiling', () => {
    expect(backoffDelay(0, { random: () => 1 })).toBe(1000);
    expect(backoffDelay(1, { random: () => 1 })).toBe(2000);
    expect(backoffDelay(4, { random: () => 1 })).toBe(16_000);
    expect(backoffDelay(2, { random: () => 0 })).toBe(100);
    expect(backoffDelay(2, { random: () => 0.5 })).toBe(2050);
  });

  it('caps every delay at the maximum, also after many attempts', () => {
    const random = seeded(7);
    for (let attempt = 0; attempt < 60; attempt++) {
      const delay = backoffDelay(attempt, { random, maxMs: 30_000 });
      expect(delay).toBeGreaterThanOrEqual(100);
      expect(delay).toBeLessThanOrEqual(30_000);
    }
    expect(backoffDelay(1000, { random: () => 1 })).toBe(30_000);
    expect(backoffDelay(5, { random: () => 1, maxMs: 2500 })).toBe(2500);
  });

  it('spreads 200 clients that lost the server at once over the window (no lockstep)', () => {
    const random = seeded(42);
    for (const attempt of [0, 3, 12]) {
      const delays = Array.from({ length: 200 }, () => backoffDelay(attempt, { random }));
      const ceiling = Math.min(30_000, 1000 * 2 ** attempt);
      // Ten equal buckets of the window each get some clients, none more than a quarter.
      const buckets = Array.from({ length: 10 }, () => 0);
      for (const delay of delays) {
        buckets[Math.min(9, Math.floor(((delay - 100) / (ceiling - 100)) * 10))]! += 1;
      }
      expect(Math.min(...buckets)).toBeGreaterThan(0);
      expect(Math.max(...buckets)).toBeLessThan(50);
      // Far fewer than 200 clients share one 100 ms slot — also at the ceiling.
      const slots = new Map<number, number>();
      for (const delay of delays) {
        const slot = Math.floor(delay / 100);
        slots.set(slot, (slots.get(slot) ?? 0) + 1);
      }
      expect(Math.max(...slots.values())).toBeLessThanOrEqual(attempt === 0 ? 40 : 10);
      expect(new Set(delays).size).toBeGreaterThan(attempt === 0 ? 150 : 190);
    }
  });
});
