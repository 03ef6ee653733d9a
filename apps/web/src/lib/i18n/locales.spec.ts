import { describe, expect, it } from 'vitest';
import {
  LOCALE_STORAGE_KEYS,
  initialLocale,
  negotiateLocale,
  readStoredLocale,
  writeStoredLocale,
} from './locales.js';

function memoryStorage(entries: Record<string, string> = {}) {
  const data = new Map(Object.entries(entries));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}

describe('negotiateLocale', () => {
  it('takes the first supported browser language by its primary subtag', () => {
    expect(negotiateLocale(['ar-SY', 'de-DE'])).toBe('ar');
    expect(negotiateLocale(['fa-IR'])).toBe('fa');
    expect(negotiateLocale(['UK-ua'])).toBe('uk');
    expect(negotiateLocale(['ku', 'ps', 'tr-TR', 'en'])).toBe('tr');
    expect(negotiateLocale(['en_GB'])).toBe('en');
  });

  it('falls back to German', () => {
    expect(negotiateLocale(['ku', 'ps'])).toBe('de');
    expect(negotiateLocale([])).toBe('de');
    expect(negotiateLocale(undefined)).toBe('de');
  });
});

describe('remembered choice', () => {
  it('keeps the beamer apart from the rest of the app', () => {
    const storage = memoryStorage();
    writeStoredLocale(storage, 'app', 'ar');
    writeStoredLocale(storage, 'beamer', 'de');
    expect(storage.data).toEqual(
      new Map([
        ['werkraum.locale', 'ar'],
        ['werkraum.locale.beamer', 'de'],
      ]),
    );
    expect(readStoredLocale(storage, 'app')).toBe('ar');
    expect(readStoredLocale(storage, 'beamer')).toBe('de');
  });

  it('uses fixed storage keys (browser tests set them before the page loads)', () => {
    expect(LOCALE_STORAGE_KEYS).toEqual({
      app: 'werkraum.locale',
      beamer: 'werkraum.locale.beamer',
    });
  });

  it('ignores an unsupported stored value and prefers a stored choice to the browser', () => {
    expect(readStoredLocale(memoryStorage({ 'werkraum.locale': 'xx' }), 'app')).toBeNull();
    expect(initialLocale(memoryStorage({ 'werkraum.locale': 'fa' }), 'app', ['en'])).toBe('fa');
    expect(initialLocale(memoryStorage(), 'beamer', ['ru-RU'])).toBe('ru');
    expect(initialLocale(undefined, 'app', undefined)).toBe('de');
  });

  it('survives a storage that refuses writes', () => {
    const storage = {
      ...memoryStorage(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => writeStoredLocale(storage, 'app', 'uk')).not.toThrow();
  });
});
