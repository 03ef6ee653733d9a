import { ApiError } from '$lib/api/boards-api.js';

/** Why an export or calendar request failed, in words the catalogue has. */
export type ExportProblem = 'noDecision' | 'pdfUnavailable' | 'forbidden' | 'network' | 'failed';

export function exportProblem(error: unknown): ExportProblem {
  if (!(error instanceof ApiError)) return 'failed';
  if (error.isNetwork) return 'network';
  if (error.status === 409) return 'noDecision';
  if (error.status === 503) return 'pdfUnavailable';
  if (error.status === 401 || error.status === 403) return 'forbidden';
  return 'failed';
}

/**
 * Runs a slow task and reports „busy“ only once it took longer than a moment, so that quick
 * downloads do not flash a status line.
 */
export async function withDelayedBusy<T>(
  task: () => Promise<T>,
  onbusy: (busy: boolean) => void,
  delayMs = 300,
): Promise<T> {
  const timer = setTimeout(() => onbusy(true), delayMs);
  try {
    return await task();
  } finally {
    clearTimeout(timer);
    onbusy(false);
  }
}
