import { describe, expect, it } from 'vitest';
import { HOSTILE, musterlandBoard } from '../testing/export-fixtures.js';
import { escapeMarkdown, mdBlock, renderMarkdown } from './markdown.js';

describe('escapeMarkdown', () => {
  it.each([
    ['**fett** und _kursiv_', '\\*\\*fett\\*\\* und \\_kursiv\\_'],
    ['[Klick](http://evil.example)', '\\[Klick\\](http\\://evil.example)'],
    ['![Bild](x.png)', '!\\[Bild\\](x.png)'],
    [HOSTILE, "\\<img src=x onerror=alert('xss')\\> Sprechstunde vor Ort in den Gemeinden"],
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['a | b', 'a \\| b'],
    ['`code`', '\\`code\\`'],
    ['~~weg~~', '\\~\\~weg\\~\\~'],
    ['&amp; &#60;', '\\&amp; \\&#60;'],
    ['# Überschrift', '\\# Überschrift'],
    ['> Zitat', '\\> Zitat'],
    ['- Liste', '\\- Liste'],
    ['+ Liste', '\\+ Liste'],
    ['1. Liste', '1\\. Liste'],
    ['2027) Liste', '2027\\) Liste'],
    ['    eingerückt', 'eingerückt'],
    ['===', '\\==='],
    ['www.example.org', 'www\\.example.org'],
    ['https://example.org', 'https\\://example.org'],
    ['info@example.org', 'info\\@example.org'],
    ['C:\\Pfad', 'C:\\\\Pfad'],
    ['Größe 80 % – „gut“', 'Größe 80 % – „gut“'],
  ])('%s', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('keeps paragraphs and line breaks of multi-line text, escaping each line', () => {
    expect(mdBlock('Erste Zeile\n# zweite\n\n\n- dritte')).toBe(
      'Erste Zeile\\\n\\# zweite\n\n\\- dritte',
    );
    expect(mdBlock('   \n')).toBe('');
  });
});

describe('renderMarkdown', () => {
  it('holds the whole board: meta, steps, stakeholders, fields, goals, milestones, measures, needs', () => {
    const { board } = musterlandBoard();
    const md = renderMarkdown(board(), { now: new Date(Date.UTC(2027, 5, 1)) });
    expect(md.startsWith('# Integrationsstrategie für Geflüchtete 2027–2030\n')).toBe(true);
    expect(md).toContain('**Kommune:** Landkreis Musterland');
    expect(md).toContain('**Stand:** 01.06.2027');
    for (let n = 1; n <= 10; n++) expect(md).toContain(`### Schritt ${n}: `);
    expect(md).toContain('### Schritt 10: Wirksamkeit überprüfen');
    expect(md).toContain('Datum: 12.01.2027 · Status: erledigt');
    expect(md).toContain('Landrätin unterstützt den Prozess; Steuergruppe: Sozialamt');
    expect(md).toContain('| Jobcenter Musterland | Verwaltung | 5 | 4 | nein | – |');
    expect(md).toContain('### Handlungsfeld: Sprache und Bildung');
    expect(md).toContain('#### Ist-Stand');
    expect(md).toContain(
      '- Integrationskurse der VHS sind zu 95 % ausgelastet; Wartezeit im Schnitt 4 Monate.',
    );
    expect(md).toContain(
      '##### Ziel: Bis Ende 2028 beginnen 80 % der Geflüchteten innerhalb von 6 Wochen nach Anmeldung einen Sprachkurs.',
    );
    expect(md).toContain('Beschlossen: ja · Verantwortlich: Steuergruppe Sprache und Bildung');
    expect(md).toContain(
      '- Zwei zusätzliche Kursstandorte im Nordkreis eröffnet – bis 31.12.2027 (offen)',
    );
    expect(md).toMatch(
      /\| Lotsenstelle für Anerkennungsverfahren im Jobcenter \| Jobcenter Musterland \| 30\.11\.2027 \| geplant \| ja \| Die Dauer/,
    );
    // Needs in their language with the German translation.
    expect(md).toContain('- (ar) نحتاج إلى دورات لغة مع رعاية للأطفال في نفس المكان.');
    expect(md).toContain('Deutsch: Wir brauchen Sprachkurse mit Kinderbetreuung am selben Ort.');
    expect(md).toContain('Потрібна допомога з пошуком житла');
    // The hostile string is escaped text.
    expect(md).toContain(
      "\\<img src=x onerror=alert('xss')\\> Sprechstunde vor Ort in den Gemeinden",
    );
    expect(md).not.toMatch(/(^|[^\\])<img/);
  });

  it('escapes user text everywhere, in tables too', () => {
    const { board, model } = musterlandBoard();
    const plain = board();
    model.setMeta({ title: '[Board](javascript:alert(1))' });
    model.update('step-2', { notes: '<b>fett</b>\n- keine Liste\n| keine | Tabelle |' });
    model.create('measure', {
      parentId: plain.fields[0]!.id,
      content: { title: 'A | B', owner: '**Chefin**', description: 'x' },
    });
    const md = renderMarkdown(board());
    expect(md.startsWith('# \\[Board\\](javascript:alert(1))\n')).toBe(true);
    expect(md).toContain('\\<b\\>fett\\</b\\>\\\n\\- keine Liste\\\n\\| keine \\| Tabelle \\|');
    expect(md).toContain('| A \\| B | \\*\\*Chefin\\*\\* | – | geplant | nein | – |');
  });

  it('lists quarterly reports and reviews with their entries, and the press release', () => {
    const { board, model } = musterlandBoard();
    const plain = board();
    const measure = plain.measures.find((m) => m.title.startsWith('Lotsenstelle'))!;
    const goal = plain.goals.find((g) => g.title.startsWith('Die Dauer'))!;
    const quarterly = model.create('report', {
      content: { type: 'quarterly', date: '2027-10-02', notes: 'Neues Thema: Wohnungsmarkt' },
    });
    model.create('statusEntry', {
      parentId: quarterly,
      content: { measureId: measure.id, status: 'atRisk', comment: 'Stelle noch nicht besetzt' },
    });
    const review = model.create('report', {
      content: { type: 'review', date: '2029-01-20', notes: 'Bilanz' },
    });
    model.create('goalReview', {
      parentId: review,
      content: { goalId: goal.id, result: 'partly', evidence: 'Dauer jetzt 5 Monate' },
    });
    model.pressReleaseText().insert(0, 'Der Landkreis beschließt …');
    const md = renderMarkdown(board());
    expect(md).toContain('### Quartalsbericht vom 02.10.2027');
    expect(md).toContain('Neues Thema: Wohnungsmarkt');
    expect(md).toContain(
      '| Lotsenstelle für Anerkennungsverfahren im Jobcenter | gefährdet | Stelle noch nicht besetzt |',
    );
    expect(md).toContain('### Wirksamkeitsprüfung vom 20.01.2029');
    expect(md).toContain('| teilweise erreicht | Dauer jetzt 5 Monate |');
    expect(md).toContain('## Pressemitteilung (Entwurf)\n\nDer Landkreis beschließt …');
  });

  it('names the version when it renders one', () => {
    const { board } = musterlandBoard();
    const md = renderMarkdown(board(), {
      version: { name: 'Zielerklärung *2027*', createdAt: Date.UTC(2027, 5, 14, 10) },
    });
    expect(md).toContain('**Stand:** Version „Zielerklärung \\*2027\\*“ vom 14.06.2027');
  });
});
