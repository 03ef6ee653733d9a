import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages.js';
import { LOCALES, type Locale } from './locales.js';

/**
 * The message catalogues are `messages/<locale>.json` in the inlang message format, compiled by
 * paraglide-js into typed functions. TypeScript refuses a call with an unknown key or a missing
 * input; these checks make every language complete and every placeholder one that German has.
 */
type Variant = { declarations?: string[]; selectors?: string[]; match: Record<string, string> };
type Catalogue = Record<string, string | Variant[]>;

const read = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../messages/${name}.json`, import.meta.url), 'utf8'));
const catalogue = (locale: Locale): Catalogue => {
  const { $schema: _schema, ...messages } = read(locale) as Catalogue & { $schema?: string };
  return messages;
};
const german = catalogue('de');

/** The patterns of a message (one, or one per variant). */
const patterns = (message: string | Variant[]): string[] =>
  typeof message === 'string'
    ? [message]
    : message.flatMap((variant) => Object.values(variant.match));
/** Placeholders used in a pattern (`{name}`, not escaped `\{`). */
const placeholders = (pattern: string): string[] =>
  [...pattern.matchAll(/(?<!\\)\{(\w+)\}/g)].map((match) => match[1] as string);
/** The inputs a message takes: its placeholders and declared inputs, without locals. */
function inputsOf(message: string | Variant[]): Set<string> {
  if (typeof message === 'string') return new Set(placeholders(message));
  const declarations = message.flatMap((variant) => variant.declarations ?? []);
  const inputs = declarations.filter((d) => d.startsWith('input ')).map((d) => d.slice(6).trim());
  return new Set(inputs);
}
function localsOf(message: string | Variant[]): Set<string> {
  if (typeof message === 'string') return new Set();
  return new Set(
    message
      .flatMap((variant) => variant.declarations ?? [])
      .filter((d) => d.startsWith('local '))
      .map((d) => d.slice(6).split('=')[0]!.trim()),
  );
}

describe.each(LOCALES)('the $code catalogue ($name)', ({ code }) => {
  const messages = catalogue(code);

  it('has every key of the German one and no other', () => {
    const missing = Object.keys(german).filter((key) => !(key in messages));
    const extra = Object.keys(messages).filter((key) => !(key in german));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('uses only placeholders that the German message takes', () => {
    const unknown: string[] = [];
    for (const [key, message] of Object.entries(messages)) {
      const allowed = new Set([...inputsOf(german[key] ?? ''), ...localsOf(message)]);
      for (const name of patterns(message).flatMap(placeholders)) {
        if (!allowed.has(name)) unknown.push(`${key}: {${name}}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('has no empty text and covers every plural category of the language', () => {
    const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
    const problems: string[] = [];
    for (const [key, message] of Object.entries(messages)) {
      if (patterns(message).some((pattern) => pattern.trim() === ''))
        problems.push(`${key}: empty`);
      if (typeof message === 'string') continue;
      for (const variant of message) {
        for (const selector of variant.selectors ?? []) {
          if (!selector.endsWith('Plural')) continue;
          const covered = Object.keys(variant.match).flatMap((keys) =>
            keys
              .split(',')
              .map((part) => part.trim().split('='))
              .filter(([name]) => name === selector)
              .map(([, value]) => value),
          );
          if (covered.includes('*')) continue;
          for (const category of categories) {
            if (!covered.includes(category)) problems.push(`${key}: no ${selector}=${category}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('renders every compiled message as non-empty text', () => {
    const functions = m as unknown as Record<
      string,
      (inputs: Record<string, unknown>, options: { locale: Locale }) => string
    >;
    for (const key of Object.keys(german)) {
      const inputs = Object.fromEntries([...inputsOf(german[key]!)].map((name) => [name, 2]));
      const text = functions[key]!(inputs, { locale: code });
      expect(typeof text, key).toBe('string');
      expect(text.trim(), key).not.toBe('');
      expect(text, key).not.toContain('undefined');
    }
  });
});

describe('plural forms', () => {
  it('follow each language’s rules (Arabic has six forms, Russian three)', () => {
    expect(m.peers_others({ n: 1 }, { locale: 'de' })).toBe('1 weitere Person');
    expect(m.peers_others({ n: 3 }, { locale: 'de' })).toBe('3 weitere Personen');
    const arabic = [0, 1, 2, 3, 11, 100].map((n) => m.peers_others({ n }, { locale: 'ar' }));
    expect(new Set(arabic).size).toBe(6);
    const russian = [1, 3, 5, 21].map((n) => m.peers_others({ n }, { locale: 'ru' }));
    expect(russian[0]).not.toBe(russian[1]);
    expect(russian[1]).not.toBe(russian[2]);
    expect(russian[3]).toBe(russian[0]!.replace('1', '21'));
  });

  it('formats numbers for the language (Persian digits)', () => {
    expect(m.peers_others({ n: 3 }, { locale: 'fa' })).toContain('۳');
  });
});

describe('review marks', () => {
  it('name messages that exist in that language', () => {
    const review = read('review') as Record<string, Record<string, string>>;
    for (const [locale, marks] of Object.entries(review)) {
      expect(LOCALES.map((l) => l.code as string)).toContain(locale);
      const messages = catalogue(locale as Locale);
      for (const key of Object.keys(marks))
        expect(messages, `${locale} ${key}`).toHaveProperty(key);
    }
  });
});
