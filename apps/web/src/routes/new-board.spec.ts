import { describe, expect, it } from 'vitest';
import { validateNewBoard } from './new-board.js';

describe('validateNewBoard', () => {
  it('accepts filled fields', () => {
    expect(validateNewBoard({ municipality: 'Musterstadt', title: 'Strategie' })).toEqual({});
  });

  it('asks for both fields, ignoring blanks', () => {
    expect(validateNewBoard({ municipality: '  ', title: '' })).toEqual({
      municipality: 'Bitte „Kommune“ ausfüllen.',
      title: 'Bitte „Titel“ ausfüllen.',
    });
  });

  it('limits the length', () => {
    expect(validateNewBoard({ municipality: 'x'.repeat(201), title: 'T' }).municipality).toBe(
      'Höchstens 200 Zeichen.',
    );
  });
});
