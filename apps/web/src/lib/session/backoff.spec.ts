import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles per attempt up to the maximum', () => {
    const mid = () => 0.5;
    expect(backoffDelay(0, { random: mid })).toBe(1000);
    expect(backoffDelay(1, { random: mid })).toBe(2000);
    expect(backoffDelay(4, { random: mid })).toBe(16_000);
    expect(backoffDelay(10, { random: mid })).toBe(30_000);
  });

  it('spreads the delay by the jitter', () => {
    expect(backoffDelay(2, { random: () => 0 })).toBe(2000);
    expect(backoffDelay(2, { random: () => 1 })).toBe(6000);
    expect(backoffDelay(20, { random: () => 1 })).toBe(30_000);
  });
});
