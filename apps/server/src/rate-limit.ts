/**
 * A token bucket: holds up to `burst` tokens, refilled at `ratePerSecond`; each message takes
 * one. One bucket per connection, so a flooding client only closes itself.
 */
export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #last: number;

  constructor(options: { ratePerSecond: number; burst: number; now?: () => number }) {
    this.#rate = options.ratePerSecond / 1000;
    this.#burst = options.burst;
    this.#now = options.now ?? (() => performance.now());
    this.#tokens = options.burst;
    this.#last = this.#now();
  }

  #refill(): void {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#last) * this.#rate);
    this.#last = now;
  }

  /** Takes one token; false when the bucket is empty (the message is over the limit). */
  take(): boolean {
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Milliseconds until the next token is available (0 if one is available now). */
  msUntilNext(): number {
    this.#refill();
    return this.#tokens >= 1 ? 0 : Math.ceil((1 - this.#tokens) / this.#rate);
  }

  /** Whether the bucket has refilled completely, i.e. it is no different from a new one. */
  isFull(): boolean {
    this.#refill();
    return this.#tokens >= this.#burst;
  }
}

export interface KeyedRateLimiterOptions {
  ratePerSecond: number;
  burst: number;
  /** At most this many keys are tracked; beyond it the least recently created is dropped. */
  maxKeys?: number;
  /** How often (at most) idle buckets are swept, checked on `take`. Default 60 s. */
  sweepIntervalMs?: number;
  now?: () => number;
}

/**
 * One token bucket per key (e.g. per client IP), kept in a Map. Memory stays bounded: a bucket
 * that has refilled completely is the same as a new one and is dropped by a sweep that runs (at
 * most every `sweepIntervalMs`) on `take`, and the number of keys is capped at `maxKeys`
 * (dropping the oldest bucket first, which only lets that client start afresh).
 */
export class KeyedRateLimiter {
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #options: Required<Omit<KeyedRateLimiterOptions, 'now'>> & { now: () => number };
  #lastSweep: number;

  constructor(options: KeyedRateLimiterOptions) {
    const now = options.now ?? (() => performance.now());
    this.#options = {
      ratePerSecond: options.ratePerSecond,
      burst: options.burst,
      maxKeys: options.maxKeys ?? 100_000,
      sweepIntervalMs: options.sweepIntervalMs ?? 60_000,
      now,
    };
    this.#lastSweep = now();
  }

  /** Number of keys tracked right now. */
  get size(): number {
    return this.#buckets.size;
  }

  /**
   * Takes one token of `key`'s bucket. Resolves `{ ok: true }`, or `{ ok: false, retryAfterMs }`
   * when the key is over its limit.
   */
  take(key: string): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = this.#options.now();
    if (now - this.#lastSweep >= this.#options.sweepIntervalMs) this.sweep();
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      if (this.#buckets.size >= this.#options.maxKeys) this.sweep();
      while (this.#buckets.size >= this.#options.maxKeys) {
        const oldest = this.#buckets.keys().next();
        if (oldest.done === true) break;
        this.#buckets.delete(oldest.value);
      }
      bucket = new TokenBucket({
        ratePerSecond: this.#options.ratePerSecond,
        burst: this.#options.burst,
        now: this.#options.now,
      });
      this.#buckets.set(key, bucket);
    }
    if (bucket.take()) return { ok: true };
    return { ok: false, retryAfterMs: bucket.msUntilNext() };
  }

  /** Drops every bucket that has refilled completely. */
  sweep(): void {
    this.#lastSweep = this.#options.now();
    for (const [key, bucket] of this.#buckets) {
      if (bucket.isFull()) this.#buckets.delete(key);
    }
  }
}
