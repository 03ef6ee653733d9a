import { describe, expect, it } from 'vitest';
import { translatedLanguages, translationOf } from './translations.js';

describe('translations of an item', () => {
  const item = {
    translations: { de: { text: 'Sprachkurse' }, uk: { text: '  ' }, ar: { title: 'أهداف' } },
  };

  it('finds a non-blank translation of a field', () => {
    expect(translationOf(item, 'text', 'de')).toBe('Sprachkurse');
    expect(translationOf(item, 'text', 'uk')).toBeUndefined();
    expect(translationOf(item, 'text', 'ar')).toBeUndefined();
    expect(translationOf(undefined, 'text', 'de')).toBeUndefined();
  });

  it('lists the languages of a field', () => {
    expect(translatedLanguages(item, 'text')).toEqual(['de']);
    expect(translatedLanguages(item, 'title')).toEqual(['ar']);
  });
});
