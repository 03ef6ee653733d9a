import { de, type Messages } from './de.js';

export type { Messages } from './de.js';

/**
 * The active message catalogue. Today there is only German; the full catalogue (7 languages,
 * incl. RTL) replaces this accessor without touching the components that call it.
 */
export function messages(): Messages {
  return de;
}

/** Shorthand used in components: `const m = t();`. */
export const t = messages;
