import { browser } from '$app/environment';
import { createContext } from 'svelte';
import type { KeyValueStorage } from '$lib/board/identity.js';
import { overwriteGetLocale } from '$lib/paraglide/runtime.js';
import { Formatters } from './format.js';
import {
  DEFAULT_LOCALE,
  LOCALES,
  initialLocale,
  writeStoredLocale,
  type Locale,
  type LocaleScope,
} from './locales.js';

/**
 * The language the compiled message functions (`m.board_loading()`) read in this browser tab.
 * It is `$state`, so a template or `$derived` that calls a message re-runs on a switch. Only the
 * browser writes it (a tab shows one page); the server never does and renders German — paraglide
 * is compiled with the `baseLocale` strategy alone, so nothing is shared between requests.
 */
const tab = $state<{ locale: Locale }>({ locale: DEFAULT_LOCALE });
// Hooked when this module loads, before hydration renders anything: every message a template
// calls then reads `tab.locale`, so it is a dependency of that template and follows a switch.
if (browser) overwriteGetLocale(() => tab.locale);

/**
 * The UI language of one page (one per request on the server, one per tab in the browser): the
 * chosen locale, its direction and formatters. The server always renders German; the browser
 * switches to the remembered or negotiated language after hydration.
 */
export class LocaleState {
  #locale = $state<Locale>(DEFAULT_LOCALE);
  #format = $derived(new Formatters(this.#locale));
  #scope: LocaleScope = 'app';
  #storage: KeyValueStorage | undefined;

  get locale(): Locale {
    return this.#locale;
  }

  get scope(): LocaleScope {
    return this.#scope;
  }

  /** BCP 47 tag for `<html lang>` and `lang` attributes. */
  get lang(): string {
    return this.#locale;
  }

  get dir(): 'ltr' | 'rtl' {
    return LOCALES.find((entry) => entry.code === this.#locale)?.dir ?? 'ltr';
  }

  /** Numbers, dates and language names in the active language. */
  get format(): Formatters {
    return this.#format;
  }

  readonly locales = LOCALES;

  /** In the browser: takes this scope's remembered choice, else the browser's languages. */
  restore(options: {
    scope: LocaleScope;
    storage: KeyValueStorage | undefined;
    preferred: readonly string[] | undefined;
  }): Promise<void> {
    this.#scope = options.scope;
    this.#storage = options.storage;
    this.#show(initialLocale(options.storage, options.scope, options.preferred));
    return Promise.resolve();
  }

  /** A person's choice: shown at once and remembered per scope. */
  choose(locale: Locale): Promise<void> {
    writeStoredLocale(this.#storage, this.#scope, locale);
    this.#show(locale);
    return Promise.resolve();
  }

  #show(locale: Locale): void {
    this.#locale = locale;
    tab.locale = locale;
  }
}

const [getLocaleState, setLocaleState] = createContext<LocaleState>();

/** The UI language of the page being rendered (set by the root layout). */
export { getLocaleState, setLocaleState };
