import { zielerklaerungOf } from '@werkraum/model';
import { describe, expect, it } from 'vitest';
import { processBoard } from './fixture.spec-helper.js';
import { pressReleaseDraft, pressReleaseTemplate } from './press-release.js';

const context = {
  municipality: 'Landkreis Musterland',
  title: 'Integrationsstrategie 2027',
  date: '25. November 2026',
  formatDate: (iso: string) => iso.split('-').reverse().join('.'),
};

describe('press-release draft from a Zielerklärung (step 8)', () => {
  it('has headline, decision paragraph, per field the goals and who does what by when', () => {
    const { model } = processBoard();
    const text = pressReleaseDraft(
      zielerklaerungOf(model.toPlain()),
      context,
      pressReleaseTemplate(),
    );
    const paragraphs = text.split('\n\n');
    expect(paragraphs[0]).toBe('Landkreis Musterland: Integrationsstrategie 2027 beschlossen');
    expect(paragraphs[1]).toContain('am 25. November 2026');
    expect(paragraphs[1]).toContain('1 Ziel mit 2 Maßnahmen');
    expect(paragraphs[2]).toBe(
      [
        'Handlungsfeld: Arbeit und Ausbildung',
        'Ziel: Mehr Geflüchtete in Ausbildung',
        '– Ausbildungsmesse (verantwortlich: Wirtschaftsförderung, bis 31.05.2027)',
        'Weitere Maßnahmen:',
        '– Lotsenprogramm',
      ].join('\n'),
    );
    expect(paragraphs.at(-1)).toContain('vierteljährlich');
    // Undecided items stay out.
    expect(text).not.toContain('Sprachcafé');
    expect(text).not.toContain('Offenes Ziel');
  });

  it('follows the catalogue it is given', () => {
    const { model } = processBoard();
    const text = pressReleaseDraft(
      zielerklaerungOf(model.toPlain()),
      context,
      pressReleaseTemplate('en'),
    );
    expect(text).toContain('Goal: Mehr Geflüchtete in Ausbildung');
    expect(text).toContain('(responsible: Wirtschaftsförderung, by 31.05.2027)');
  });

  it('still makes a sensible text from an empty Zielerklärung', () => {
    const text = pressReleaseDraft({ fields: [] }, context, pressReleaseTemplate());
    expect(text.split('\n\n')).toHaveLength(3);
    expect(text).toContain('0 Ziele mit 0 Maßnahmen');
  });
});
