/**
 * Waiting time before the next connection attempt, with "full jitter": a uniformly random time
 * between `minMs` and the exponential ceiling `baseMs · 2^attempt` (at most `maxMs`). After a
 * server restart the 200 phones of a workshop then come back spread over the whole window
 * instead of in lockstep bursts — also once they all reached the ceiling.
 */
export function backoffDelay(
  attempt: number,
  options: { baseMs?: number; maxMs?: number; minMs?: number; random?: () => number } = {},
): number {
  const { baseMs = 1000, maxMs = 30_000, minMs = 100, random = Math.random } = options;
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(Math.min(ceiling, minMs + (ceiling - minMs) * r));
}
