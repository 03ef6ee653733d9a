import { m } from '$lib/paraglide/messages.js';
import { getLocaleState } from './locale-state.svelte.js';

export type { Locale, LocaleScope } from './locales.js';

/**
 * Locale, direction and formatters of the page being rendered (component initialisation).
 * Messages themselves are paraglide's compiled functions: `import { m } from
 * '$lib/paraglide/messages.js'` and call `m.board_loading()`; they follow this page's language.
 */
export function locale() {
  return getLocaleState();
}

type MessageFunction = (inputs?: Record<string, unknown>) => string;

/**
 * A message whose key is only known at run time as a plain string (for example a field name in a
 * diff), or undefined when the catalogue has no such message. Keys typed as a union of literals
 * are better written `m[`prefix_${key}`]()`, which TypeScript checks.
 */
export function messageFor(key: string, inputs: Record<string, unknown> = {}): string | undefined {
  const fn = (m as unknown as Record<string, MessageFunction | undefined>)[key];
  return typeof fn === 'function' ? fn(inputs) : undefined;
}

/**
 * The numbered messages `prefix_0<suffix>`, `prefix_1<suffix>`, … in order, for texts that are a
 * list of paragraphs (the home intro, the privacy and accessibility pages).
 */
export function messageList(prefix: string, suffix = ''): string[] {
  const list: string[] = [];
  for (let i = 0; ; i++) {
    const text = messageFor(`${prefix}_${i}${suffix}`);
    if (text === undefined) return list;
    list.push(text);
  }
}
