import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { LocaleState } from './locale-state.svelte.js';
import { LOCALE_STORAGE_KEYS } from './locales.js';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

describe('the UI language of a page', () => {
  it('starts German and left to right (what the server renders)', () => {
    const state = new LocaleState();
    expect([state.locale, state.lang, state.dir]).toEqual(['de', 'de', 'ltr']);
    expect(m.app_skipToContent()).toBe('Zum Inhalt springen');
  });

  it("takes the device's choice for its scope, else the browser's languages", async () => {
    const storage = memoryStorage({ [LOCALE_STORAGE_KEYS.app]: 'fa' });
    const app = new LocaleState();
    await app.restore({ scope: 'app', storage, preferred: ['en-GB'] });
    expect([app.locale, app.dir, app.format.number(12)]).toEqual(['fa', 'rtl', '۱۲']);

    const beamer = new LocaleState();
    await beamer.restore({ scope: 'beamer', storage, preferred: ['uk-UA', 'de'] });
    expect([beamer.locale, beamer.dir]).toEqual(['uk', 'ltr']);
  });

  it('remembers a choice per scope: the beamer keeps its own', async () => {
    const storage = memoryStorage();
    const beamer = new LocaleState();
    await beamer.restore({ scope: 'beamer', storage, preferred: [] });
    await beamer.choose('ar');
    expect([beamer.locale, beamer.dir]).toEqual(['ar', 'rtl']);
    expect(storage.data.get(LOCALE_STORAGE_KEYS.beamer)).toBe('ar');
    expect(storage.data.has(LOCALE_STORAGE_KEYS.app)).toBe(false);

    const app = new LocaleState();
    await app.restore({ scope: 'app', storage, preferred: [] });
    expect(app.locale).toBe('de');
  });
});
