import { describe, expect, it } from 'vitest';
// The CI check (`pnpm lint`) that keeps user-facing text in the catalogues.
import { findHardCodedStrings } from '../../../scripts/check-i18n.mjs';

describe('the hard-coded string check', () => {
  it('finds text and read-aloud attributes written into markup', () => {
    const problems = findHardCodedStrings(
      '<button aria-label="Schließen">×</button>\n<p>Hallo Welt</p>\n<img alt="Logo" src="/x.png" />',
    );
    expect(problems.map((p) => [p.what, p.text])).toEqual([
      ['attribute aria-label', 'Schließen'],
      ['text', 'Hallo Welt'],
      ['attribute alt', 'Logo'],
    ]);
  });

  it('accepts messages, numbers, marks and the product name', () => {
    const source =
      '<script>import { m } from "$lib/paraglide/messages.js";</script>\n' +
      '<h1>{m.home_title()}</h1><p aria-label={m.app_name()}>Werkraum · 3 / 4 – ✓</p>';
    expect(findHardCodedStrings(source)).toEqual([]);
  });
});
