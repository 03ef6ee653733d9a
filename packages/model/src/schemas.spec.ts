import { describe, expect, it } from 'vitest';
import { createBoardInputSchema, isoDateSchema, languageCodeSchema } from './schemas.js';

describe('schemas', () => {
  it('validates calendar dates strictly', () => {
    expect(isoDateSchema.safeParse('2028-02-29').success).toBe(true);
    for (const bad of ['2027-02-29', '2027-13-01', '27-01-01', '2027-1-1', '2027-01-01T00:00']) {
      expect(isoDateSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('validates language codes', () => {
    for (const ok of ['de', 'ar', 'fa', 'uk', 'pt-BR'])
      expect(languageCodeSchema.parse(ok)).toBe(ok);
    expect(languageCodeSchema.safeParse('Deutsch').success).toBe(false);
  });

  it('trims board input, defaults the language and explains errors in German', () => {
    expect(createBoardInputSchema.parse({ municipality: ' Stadt A ', title: 'Plan' })).toEqual({
      municipality: 'Stadt A',
      title: 'Plan',
      languages: ['de'],
    });
    const result = createBoardInputSchema.safeParse({ municipality: '', title: 'x'.repeat(201) });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'Bitte den Namen der Kommune angeben.',
      'Höchstens 200 Zeichen.',
    ]);
  });
});
