import type { KeyValueStorage } from '../board/identity.js';

/** This device's choice „Fokus nicht folgen“ (kept across boards and reloads). */
export const FOCUS_FOLLOW_KEY = 'werkraum:follow-focus';

export function readFocusFollow(storage: KeyValueStorage | undefined): boolean {
  return storage?.getItem(FOCUS_FOLLOW_KEY) !== 'off';
}

export function writeFocusFollow(storage: KeyValueStorage | undefined, follow: boolean): void {
  storage?.setItem(FOCUS_FOLLOW_KEY, follow ? 'on' : 'off');
}

/** Scrolls the element of item `id` into view (instantly when the person prefers less motion). */
export function scrollToFocus(doc: Document, id: string): boolean {
  const selector = `[data-id="${CSS.escape(id)}"]`;
  const element = doc.querySelector<HTMLElement>(`main ${selector}`) ?? doc.querySelector(selector);
  if (!element) return false;
  const reduce = doc.defaultView?.matchMedia('(prefers-reduced-motion: reduce)').matches ?? true;
  element.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'center' });
  return true;
}
