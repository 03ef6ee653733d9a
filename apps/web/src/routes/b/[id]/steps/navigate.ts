import { goto } from '$app/navigation';
import { page } from '$app/state';
import type { StepNumber } from '@werkraum/model';
import { stepHref } from '$lib/board/step-nav.js';
import { tick } from 'svelte';

/** The id of the working view's heading, which takes the focus after switching steps. */
export const STEP_HEADING_ID = 'step-view-heading';

/**
 * Shows `step`'s working view (null: the overview) on the same page: only the query changes, so
 * the board component and its live connection stay. The focus moves to the new view's heading,
 * or back to the timeline's button of the step that was open.
 */
export async function showStep(step: StepNumber | null, from: StepNumber | null = null) {
  // Same route and board; only `?step=` changes (resolve() knows no query strings).
  // eslint-disable-next-line svelte/no-navigation-without-resolve
  await goto(stepHref(page.url, step), { keepFocus: true, noScroll: true, replaceState: false });
  await tick();
  const target =
    step === null
      ? document.querySelector<HTMLElement>(`[data-testid="step-open-view"][data-step="${from}"]`)
      : document.getElementById(STEP_HEADING_ID);
  target?.focus();
  if (step !== null) target?.scrollIntoView({ block: 'nearest' });
  else target?.scrollIntoView({ block: 'center', inline: 'nearest' });
}
