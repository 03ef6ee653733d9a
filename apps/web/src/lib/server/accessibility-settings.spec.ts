import { describe, expect, it } from 'vitest';
import { accessibilitySettings, webAddress } from './accessibility-settings.js';

describe('accessibility settings of the operator', () => {
  it('takes contact, enforcement body and sign-language video from the server settings', () => {
    expect(
      accessibilitySettings({
        ACCESSIBILITY_CONTACT: ' barrierefrei@musterland.de ',
        ACCESSIBILITY_ENFORCEMENT: 'Landesbeauftragte',
        ACCESSIBILITY_SIGN_LANGUAGE_URL: 'https://musterland.de/dgs/werkraum.mp4',
      }),
    ).toEqual({
      contact: 'barrierefrei@musterland.de',
      enforcement: 'Landesbeauftragte',
      signLanguageUrl: 'https://musterland.de/dgs/werkraum.mp4',
    });
  });

  it('leaves everything unset when nothing is configured', () => {
    expect(accessibilitySettings({})).toEqual({
      contact: null,
      enforcement: null,
      signLanguageUrl: null,
    });
  });

  it('accepts only http(s) addresses for the video', () => {
    expect(webAddress('javascript:alert(1)')).toBeNull();
    expect(webAddress('musterland.de/dgs')).toBeNull();
    expect(webAddress('  ')).toBeNull();
    expect(webAddress('http://intranet.local/dgs')).toBe('http://intranet.local/dgs');
  });
});
