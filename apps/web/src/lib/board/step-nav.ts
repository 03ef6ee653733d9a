import { PROCESS_STEPS, type StepNumber } from '@werkraum/model';

/** The query parameter that selects a step's working view on the board page (`?step=5`). */
export const STEP_PARAM = 'step';

const FIRST = PROCESS_STEPS[0].number;
const LAST = PROCESS_STEPS[PROCESS_STEPS.length - 1]!.number;

/** The step a value names (`'5'` → 5), or null for anything that is not a step number. */
export function parseStep(value: string | null | undefined): StepNumber | null {
  if (value === null || value === undefined || !/^\d{1,2}$/.test(value)) return null;
  const number = Number(value);
  return PROCESS_STEPS.some((step) => step.number === number) ? (number as StepNumber) : null;
}

/** The step whose working view the address selects, or null for the overview. */
export function selectedStep(url: URL): StepNumber | null {
  return parseStep(url.searchParams.get(STEP_PARAM));
}

/**
 * The address of the same page with `step`'s working view (null: the overview), keeping the
 * other query parameters; without fragment (the link token never goes back into the address).
 */
export function stepHref(url: URL, step: StepNumber | null): string {
  const params = new URLSearchParams(url.searchParams);
  if (step === null) params.delete(STEP_PARAM);
  else params.set(STEP_PARAM, String(step));
  const query = params.toString();
  return `${url.pathname}${query ? `?${query}` : ''}`;
}

/** The steps before and after `step` (null at either end of the process). */
export function neighbours(step: StepNumber): {
  previous: StepNumber | null;
  next: StepNumber | null;
} {
  return {
    previous: step > FIRST ? ((step - 1) as StepNumber) : null,
    next: step < LAST ? ((step + 1) as StepNumber) : null,
  };
}
