import { describe, expect, it } from 'vitest';
import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { fa } from './fa.js';
import { catalogueFunctions, compareKeyTrees } from './key-tree.js';
import { LOCALES } from './locales.js';
import { ru } from './ru.js';
import { tr } from './tr.js';
import { uk } from './uk.js';

// TypeScript already refuses a catalogue without a key of `Messages`; this also catches extra
// keys, functions with another number of parameters and lists of another length.
const catalogues = { de, en, ar, fa, uk, tr, ru };

describe.each(LOCALES)('the $code catalogue ($name)', ({ code, dir }) => {
  const catalogue = catalogues[code];

  it('has the key tree of the German one', () => {
    expect(compareKeyTrees(de, catalogue)).toEqual([]);
  });

  it('declares its language and writing direction', () => {
    expect(catalogue.locale).toEqual({ lang: code, dir });
  });

  it('builds a non-empty text from every function', () => {
    for (const { path, fn } of catalogueFunctions(catalogue)) {
      const text = fn(...Array.from({ length: fn.length }, () => 2));
      expect(typeof text, path).toBe('string');
      expect((text as string).trim(), path).not.toBe('');
    }
  });
});
