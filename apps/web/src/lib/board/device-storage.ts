import type { KeyValueStorage } from './identity.js';

/** This browser's localStorage, or undefined where it is forbidden (some privacy modes). */
export function deviceStorage(): KeyValueStorage | undefined {
  try {
    return window.localStorage;
  } catch (error) {
    // Pseudonym, author key and links then last for this visit only.
    console.warn('localStorage is not available', error);
    return undefined;
  }
}
