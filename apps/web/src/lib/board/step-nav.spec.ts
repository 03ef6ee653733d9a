import { describe, expect, it } from 'vitest';
import { neighbours, parseStep, selectedStep, stepHref } from './step-nav.js';

describe('step navigation', () => {
  it('reads the selected step from the address, ignoring anything else', () => {
    expect(selectedStep(new URL('https://w.example/b/abc?step=5'))).toBe(5);
    expect(selectedStep(new URL('https://w.example/b/abc?step=10'))).toBe(10);
    expect(selectedStep(new URL('https://w.example/b/abc'))).toBeNull();
    for (const value of ['0', '11', '-1', '5.5', ' 5', 'five', '', '05x']) {
      expect(parseStep(value), value).toBeNull();
    }
    expect(parseStep('05')).toBe(5);
  });

  it('builds addresses of step views without the fragment and with the other parameters', () => {
    const url = new URL('https://w.example/b/abc?x=1#secret-token');
    expect(stepHref(url, 3)).toBe('/b/abc?x=1&step=3');
    expect(stepHref(new URL('https://w.example/b/abc?step=3'), 4)).toBe('/b/abc?step=4');
    expect(stepHref(new URL('https://w.example/b/abc?step=3'), null)).toBe('/b/abc');
    expect(stepHref(new URL('https://w.example/b/abc?step=3&x=1'), null)).toBe('/b/abc?x=1');
  });

  it('knows the previous and next step, none beyond the ends', () => {
    expect(neighbours(1)).toEqual({ previous: null, next: 2 });
    expect(neighbours(6)).toEqual({ previous: 5, next: 7 });
    expect(neighbours(10)).toEqual({ previous: 9, next: null });
  });
});
