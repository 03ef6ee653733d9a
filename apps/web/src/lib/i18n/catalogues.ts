import { de, type Messages } from './de.js';
import { fillMissing } from './key-tree.js';
import type { Locale } from './locales.js';

/**
 * German is in every bundle (the server renders it); the other catalogues load on demand, one
 * chunk per language.
 */
const loaders: Record<Exclude<Locale, 'de'>, () => Promise<Messages>> = {
  en: () => import('./en.js').then((module) => module.en),
  ar: () => import('./ar.js').then((module) => module.ar),
  fa: () => import('./fa.js').then((module) => module.fa),
  uk: () => import('./uk.js').then((module) => module.uk),
  tr: () => import('./tr.js').then((module) => module.tr),
  ru: () => import('./ru.js').then((module) => module.ru),
};

export function loadCatalogue(locale: Locale): Promise<Messages> {
  // A catalogue that lags behind German (a key added since) shows those texts in German.
  return locale === 'de'
    ? Promise.resolve(de)
    : loaders[locale]().then((messages) => fillMissing(de, messages));
}
