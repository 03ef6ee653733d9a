import { getLocaleState } from './locale-state.svelte.js';
import type { Messages } from './de.js';

export type { Messages } from './de.js';
export type { Locale, LocaleScope } from './locales.js';

/**
 * The active message catalogue of the page being rendered, for components: `const m = t();`.
 * It follows the language switch (each `m.section.key` reads the current catalogue). Call it
 * during component initialisation; outside components (load functions) use `de` directly.
 */
export function t(): Messages {
  return getLocaleState().messages;
}

/** Locale, direction and formatters of the page being rendered (component initialisation). */
export function locale() {
  return getLocaleState();
}
