/**
 * Waiting time before the next connection attempt: exponential from `baseMs` up to `maxMs`, with
 * ±`jitter` spread, so that 200 phones that lost the server at once do not return in one burst.
 */
export function backoffDelay(
  attempt: number,
  options: { baseMs?: number; maxMs?: number; jitter?: number; random?: () => number } = {},
): number {
  const { baseMs = 1000, maxMs = 30_000, jitter = 0.5, random = Math.random } = options;
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  const spread = 1 - jitter + 2 * jitter * random();
  return Math.round(Math.min(maxMs, exponential * spread));
}
