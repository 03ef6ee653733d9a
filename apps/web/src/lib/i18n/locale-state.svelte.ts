import { createContext } from 'svelte';
import type { KeyValueStorage } from '$lib/board/identity.js';
import { loadCatalogue } from './catalogues.js';
import { de, type Messages } from './de.js';
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
 * The UI language of one page (one per request on the server, one per tab in the browser): the
 * chosen locale, its catalogue and formatters. The server always renders German; the browser
 * switches to the remembered or negotiated language after hydration.
 */
export class LocaleState {
  #locale = $state<Locale>(DEFAULT_LOCALE);
  #messages = $state.raw<Messages>(de);
  #format = $derived(new Formatters(this.#messages.locale.lang));
  #scope: LocaleScope = 'app';
  #storage: KeyValueStorage | undefined;
  /** Guards against a slow catalogue overtaking a later choice. */
  #request = 0;

  /**
   * The active catalogue as a stable object: `m.board.loading` reads the current language each
   * time, so a component's `const m = t()` follows a switch without re-running its script.
   */
  readonly messages: Messages;

  constructor() {
    const live = {} as Messages;
    for (const key of Object.keys(de) as (keyof Messages)[]) {
      Object.defineProperty(live, key, { enumerable: true, get: () => this.#messages[key] });
    }
    this.messages = live;
  }

  get locale(): Locale {
    return this.#locale;
  }

  get scope(): LocaleScope {
    return this.#scope;
  }

  get lang(): string {
    return this.#messages.locale.lang;
  }

  get dir(): 'ltr' | 'rtl' {
    return this.#messages.locale.dir;
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
    return this.#show(initialLocale(options.storage, options.scope, options.preferred));
  }

  /** A person's choice: shown at once (after its catalogue loaded) and remembered per scope. */
  choose(locale: Locale): Promise<void> {
    writeStoredLocale(this.#storage, this.#scope, locale);
    return this.#show(locale);
  }

  async #show(locale: Locale): Promise<void> {
    const request = ++this.#request;
    const messages = await loadCatalogue(locale);
    if (request !== this.#request) return;
    this.#locale = locale;
    this.#messages = messages;
  }
}

const [getLocaleState, setLocaleState] = createContext<LocaleState>();

/** The UI language of the page being rendered (set by the root layout). */
export { getLocaleState, setLocaleState };
