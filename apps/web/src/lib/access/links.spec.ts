import { describe, expect, it } from 'vitest';
import { boardLink, chooseToken, readFragmentToken, withoutFragment } from './links.js';

const TOKEN = 'abcdEFGH1234_-xyzABCDEFGH';

describe('link tokens', () => {
  it('reads the token from the fragment', () => {
    expect(readFragmentToken(`#${TOKEN}`)).toBe(TOKEN);
    expect(readFragmentToken(TOKEN)).toBe(TOKEN);
  });

  it('ignores empty, short, foreign or broken fragments', () => {
    expect(readFragmentToken('')).toBeNull();
    expect(readFragmentToken('#')).toBeNull();
    expect(readFragmentToken('#abc')).toBeNull();
    expect(readFragmentToken('#main')).toBeNull();
    expect(readFragmentToken('#skip to content')).toBeNull();
    expect(readFragmentToken('#%E0%A4%A')).toBeNull();
    expect(readFragmentToken(`#${TOKEN}<script>`)).toBeNull();
  });

  it('builds the link with the token in the fragment', () => {
    expect(boardLink('https://werkraum.example', 'B1', TOKEN)).toBe(
      `https://werkraum.example/b/B1#${TOKEN}`,
    );
  });

  it('prefers the link’s token over the remembered one', () => {
    expect(chooseToken({ fragment: 'f', stored: 's' })).toEqual({ token: 'f', source: 'fragment' });
    expect(chooseToken({ fragment: null, stored: 's' })).toEqual({ token: 's', source: 'stored' });
    expect(chooseToken({ fragment: null, stored: undefined })).toBeNull();
  });

  it('drops the fragment from the address', () => {
    expect(withoutFragment(new URL(`https://x.example/b/B1?x=1#${TOKEN}`))).toBe('/b/B1?x=1');
  });
});
