import { describe, expect, it } from 'vitest';
import { runPropagationBench } from '../bench/propagation.js';
import { runScaleSmoke } from '../bench/scale.js';

// The benchmark is not a CI test; this tiny run keeps it from rotting.
describe('pnpm bench (smoke size)', () => {
  it('delivers every edit to every client and ends with identical docs', async () => {
    const result = await runPropagationBench({
      clients: 3,
      editors: 1,
      seconds: 1,
      warmupSeconds: 0,
      pin: false,
    });
    expect(result.failures).toEqual([]);
    expect(result.undelivered).toBe(0);
    expect(result.docs.identical).toBe(true);
    expect(result.ok).toBe(true);
  });
});

describe('pnpm bench side-by-side suite (smoke size)', () => {
  it('runs the null relay and Werkraum with raw and stock clients, all edits delivered', async () => {
    const results = await runScaleSmoke();
    expect(results.length).toBeGreaterThanOrEqual(2);
    for (const result of results) expect(result.ok).toBe(true);
  });
});
