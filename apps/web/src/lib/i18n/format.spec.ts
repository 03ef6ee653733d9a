import { describe, expect, it } from 'vitest';
import { Formatters } from './format.js';

describe('Formatters', () => {
  it('writes numbers in the digits of the language', () => {
    expect(new Formatters('de').number(1234)).toBe('1.234');
    expect(new Formatters('fa').number(12)).toBe('۱۲');
  });

  it('formats a stored calendar date without shifting it by the time zone', () => {
    expect(new Formatters('de').date('2027-03-01')).toBe('01.03.2027');
    expect(new Formatters('en').date('2027-03-01')).toContain('2027');
    expect(new Formatters('de').date('not a date')).toBe('not a date');
  });

  it('names languages in the UI language', () => {
    expect(new Formatters('de').languageName('ar')).toBe('Arabisch');
    expect(new Formatters('en').languageName('uk')).toBe('Ukrainian');
  });
});
