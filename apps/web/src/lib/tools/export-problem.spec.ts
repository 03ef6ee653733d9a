import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '$lib/api/boards-api.js';
import { exportProblem, withDelayedBusy } from './export-problem.js';

describe('export problems', () => {
  it('names what went wrong', () => {
    expect(exportProblem(new ApiError(409, 'conflict', 'no Zielerklärung'))).toBe('noDecision');
    expect(exportProblem(new ApiError(503, 'unavailable', 'no chromium'))).toBe('pdfUnavailable');
    expect(exportProblem(new ApiError(403, 'forbidden', ''))).toBe('forbidden');
    expect(exportProblem(new ApiError(0, 'network', ''))).toBe('network');
    expect(exportProblem(new ApiError(500, 'internal', ''))).toBe('failed');
    expect(exportProblem(new Error('x'))).toBe('failed');
  });

  it('reports busy only when the task takes longer than a moment', async () => {
    vi.useFakeTimers();
    const seen: boolean[] = [];
    const quick = withDelayedBusy(
      () => Promise.resolve(1),
      (b) => seen.push(b),
      300,
    );
    await expect(quick).resolves.toBe(1);
    expect(seen).toEqual([false]);

    seen.length = 0;
    let finish: (v: number) => void = () => {};
    const slow = withDelayedBusy(
      () => new Promise<number>((resolve) => (finish = resolve)),
      (b) => seen.push(b),
      300,
    );
    await vi.advanceTimersByTimeAsync(350);
    expect(seen).toEqual([true]);
    finish(2);
    await expect(slow).resolves.toBe(2);
    expect(seen).toEqual([true, false]);
    vi.useRealTimers();
  });
});
