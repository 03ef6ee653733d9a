import { describe, expect, it } from 'vitest';
import { KeyedRateLimiter, TokenBucket } from './rate-limit.js';

describe('TokenBucket', () => {
  it('allows the burst, then refills at the rate and says when the next token comes', () => {
    let now = 0;
    const bucket = new TokenBucket({ ratePerSecond: 2, burst: 3, now: () => now });
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.msUntilNext()).toBe(500);
    now = 250;
    expect(bucket.msUntilNext()).toBe(250);
    now = 500;
    expect(bucket.take()).toBe(true);
    expect(bucket.isFull()).toBe(false);
    now = 2_000;
    expect(bucket.isFull()).toBe(true);
  });
});

describe('KeyedRateLimiter', () => {
  it('counts keys separately and reports the retry delay', () => {
    let now = 0;
    const limiter = new KeyedRateLimiter({ ratePerSecond: 1, burst: 2, now: () => now });
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterMs: 1_000 });
    expect(limiter.take('b')).toEqual({ ok: true });
    now = 1_000;
    expect(limiter.take('a')).toEqual({ ok: true });
  });

  it('drops buckets that refilled completely (sweep on take) and caps the number of keys', () => {
    let now = 0;
    const limiter = new KeyedRateLimiter({
      ratePerSecond: 1,
      burst: 2,
      maxKeys: 3,
      sweepIntervalMs: 10_000,
      now: () => now,
    });
    limiter.take('a');
    limiter.take('b');
    limiter.take('b');
    limiter.take('b');
    expect(limiter.size).toBe(2);
    now = 1_500; // a is full again, b is not
    limiter.sweep();
    expect(limiter.size).toBe(1);
    limiter.take('c');
    limiter.take('d');
    limiter.take('e'); // over maxKeys: the oldest (b) goes
    expect(limiter.size).toBe(3);
    expect(limiter.take('b')).toEqual({ ok: true });
    now = 20_000; // every bucket refilled; the next take sweeps them
    limiter.take('f');
    expect(limiter.size).toBe(1);
  });
});
