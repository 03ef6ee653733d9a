import type { StoredVersionKind } from './types.js';

const KINDS: readonly StoredVersionKind[] = [
  'zielerklaerung',
  'quarterly',
  'review',
  'session',
  'manual',
];

/** A stored version kind, checked (a row written by a newer server may hold an unknown one). */
export function versionKind(value: string): StoredVersionKind {
  if (!(KINDS as readonly string[]).includes(value)) {
    throw new Error(`Unknown version kind in the store: ${value}`);
  }
  return value as StoredVersionKind;
}
