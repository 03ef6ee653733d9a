import type { KeyValueStorage } from '$lib/board/identity.js';

/** The UI languages, each named in itself (the switcher shows them so). German is the default. */
export const LOCALES = [
  { code: 'de', name: 'Deutsch', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'fa', name: 'فارسی', dir: 'rtl' },
  { code: 'uk', name: 'Українська', dir: 'ltr' },
  { code: 'tr', name: 'Türkçe', dir: 'ltr' },
  { code: 'ru', name: 'Русский', dir: 'ltr' },
] as const;

export type Locale = (typeof LOCALES)[number]['code'];

export const DEFAULT_LOCALE: Locale = 'de';

export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((locale) => locale.code === value);
}

/**
 * The first supported language among the browser's preferences (`navigator.languages`), matched
 * by primary subtag (`ar-SY` → `ar`, `fa-IR` → `fa`); German if none is supported.
 */
export function negotiateLocale(preferred: readonly string[] | undefined): Locale {
  for (const tag of preferred ?? []) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

/**
 * Where a language choice is remembered. The beamer has its own, so that the projector can show
 * German while the same person's phone (or another tab) shows Arabic.
 */
export type LocaleScope = 'app' | 'beamer';

export const LOCALE_STORAGE_KEYS: Record<LocaleScope, string> = {
  app: 'werkraum.locale',
  beamer: 'werkraum.locale.beamer',
};

/** The remembered choice of this scope, or null if none (or an unsupported one) is stored. */
export function readStoredLocale(
  storage: KeyValueStorage | undefined,
  scope: LocaleScope,
): Locale | null {
  const value = storage?.getItem(LOCALE_STORAGE_KEYS[scope]) ?? null;
  return isLocale(value) ? value : null;
}

export function writeStoredLocale(
  storage: KeyValueStorage | undefined,
  scope: LocaleScope,
  locale: Locale,
): void {
  try {
    storage?.setItem(LOCALE_STORAGE_KEYS[scope], locale);
  } catch (error) {
    // Quota or privacy mode: the choice then lasts for this visit only.
    console.warn('Could not remember the language choice', error);
  }
}

/** The language this device shows in a scope: the remembered choice, else the browser's. */
export function initialLocale(
  storage: KeyValueStorage | undefined,
  scope: LocaleScope,
  preferred: readonly string[] | undefined,
): Locale {
  return readStoredLocale(storage, scope) ?? negotiateLocale(preferred);
}
