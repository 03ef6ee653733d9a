import type { Item, Measure, PlainBoard } from '@werkraum/model';
import {
  MEASURE_STATUS_DE,
  REPORT_TYPE_DE,
  REVIEW_RESULT_DE,
  STAKEHOLDER_TYPE_DE,
  STEP_STATUS_DE,
  TRACKING_STATUS_DE,
  germanDate,
  germanDateOf,
  stepLabel,
} from './labels.js';

/**
 * Escapes user text for Markdown (CommonMark + GFM) so that it stays text: no emphasis, links,
 * images, HTML, tables, autolinks, headings or lists come out of what people typed. One line at
 * a time; line breaks are the caller's (see `mdBlock`).
 */
export function escapeMarkdown(text: string): string {
  let out = text
    // Inline markup, HTML, tables, strikethrough, entities.
    .replace(/[\\`*_[\]<>|~&]/g, '\\$&')
    // Autolinks of GFM: `scheme://…`, `www.…` and e-mail addresses.
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@');
  // Block markup at the start of a line: headings, quotes, lists, rules, setext underlines,
  // indented code.
  out = out.replace(/^\s+/, '');
  out = out.replace(/^([#>+=-])/, '\\$1');
  out = out.replace(/^(\d+)([.)])/, '$1\\$2');
  return out;
}

/**
 * Multi-line user text as Markdown: paragraphs (split at blank lines) whose lines end in hard
 * line breaks; '' when empty.
 */
export function mdBlock(text: string): string {
  return text
    .split(/(?:\r\n|\r|\n)\s*(?:\r\n|\r|\n)/)
    .map((paragraph) =>
      paragraph
        .split(/\r\n|\r|\n/)
        .map((line) => escapeMarkdown(line.trim()))
        .filter((line) => line !== '')
        .join('\\\n'),
    )
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/** A table cell: one line, escaped (pipes included). */
function cell(text: string): string {
  const line = text.replace(/\s*(\r\n|\r|\n)\s*/g, ' ').trim();
  return line === '' ? '–' : escapeMarkdown(line);
}

function table(headers: string[], rows: string[][]): string {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/** The German translation of an item's text field, when it has one that differs. */
function german(item: Item, field: string): string | null {
  const de = item.translations.de?.[field]?.trim();
  const original = String((item as unknown as Record<string, unknown>)[field] ?? '').trim();
  return de && de !== original ? de : null;
}

/** Title with the German translation in parentheses, escaped. */
function titled(item: Item, field: string): string {
  const original = String((item as unknown as Record<string, unknown>)[field] ?? '');
  const de = german(item, field);
  return (
    escapeMarkdown(original.replace(/\s+/g, ' ').trim() || '(ohne Titel)') +
    (de ? ` (Deutsch: ${escapeMarkdown(de.replace(/\s+/g, ' '))})` : '')
  );
}

const yesNo = (value: boolean): string => (value ? 'ja' : 'nein');

export interface MarkdownOptions {
  /** When the board is a version: its name and time. */
  version?: { name: string; createdAt: number } | null;
  now?: Date;
}

/**
 * The whole board as Markdown: metadata, the ten process steps, stakeholders, the fields of
 * action with Ist-Stand, needs, goals, milestones and measures, reports and the press release.
 * Every user text is escaped (`escapeMarkdown`).
 */
export function renderMarkdown(board: PlainBoard, options: MarkdownOptions = {}): string {
  const out: string[] = [];
  const push = (...blocks: string[]): void => {
    for (const block of blocks) if (block !== '') out.push(block);
  };
  const measuresById = new Map(board.measures.map((m) => [m.id, m]));
  const goalsById = new Map(board.goals.map((g) => [g.id, g]));

  push(`# ${escapeMarkdown(board.meta.title.trim() || 'Werkraum-Board')}`);
  const meta = [
    `**Kommune:** ${escapeMarkdown(board.meta.municipality)}`,
    `**Sprachen:** ${escapeMarkdown(board.meta.languages.join(', '))}`,
    `**Angelegt am:** ${germanDateOf(board.meta.createdAt)}`,
    options.version
      ? `**Stand:** Version „${escapeMarkdown(options.version.name)}“ vom ${germanDateOf(options.version.createdAt)}`
      : `**Stand:** ${germanDateOf(options.now ?? new Date())}`,
  ];
  push(meta.join('\\\n'));

  // The ten steps.
  push('## Prozessschritte');
  for (const step of board.steps) {
    push(`### ${escapeMarkdown(stepLabel(step.number))}`);
    push(
      `Datum: ${step.date ? germanDate(step.date) : '–'} · Status: ${STEP_STATUS_DE[step.status]}`,
    );
    push(mdBlock(step.notes));
  }

  // Stakeholders.
  push('## Akteure');
  if (board.stakeholders.length === 0) push('Keine Akteure erfasst.');
  else
    push(
      table(
        ['Name', 'Art', 'Einfluss', 'Interesse', 'Steuergruppe', 'Notizen'],
        board.stakeholders.map((s) => [
          cell(s.name),
          STAKEHOLDER_TYPE_DE[s.type],
          String(s.influence),
          String(s.interest),
          yesNo(s.steering),
          cell(s.notes),
        ]),
      ),
    );

  // Links: which needs a goal takes up, which goals a measure serves.
  const needsOfGoal = new Map<string, string[]>();
  const goalsOfMeasure = new Map<string, string[]>();
  for (const link of board.links) {
    const map = link.type === 'takenUpBy' ? needsOfGoal : goalsOfMeasure;
    const key = link.type === 'takenUpBy' ? link.to : link.from;
    const value = link.type === 'takenUpBy' ? link.from : link.to;
    map.set(key, [...(map.get(key) ?? []), value]);
  }

  const measureTable = (measures: Measure[]): string =>
    table(
      ['Maßnahme', 'Verantwortlich', 'Fällig', 'Status', 'Beschlossen', 'Ziele'],
      measures.map((m) => [
        titled(m, 'title'),
        cell(m.owner),
        germanDate(m.due) || '–',
        MEASURE_STATUS_DE[m.status],
        yesNo(m.decided),
        cell(
          (goalsOfMeasure.get(m.id) ?? [])
            .map((id) => goalsById.get(id)?.title ?? '')
            .filter((t) => t !== '')
            .join('; '),
        ),
      ]),
    );

  const needList = (needs: PlainBoard['needs']): string =>
    needs
      .map((n) => {
        const de = german(n, 'text');
        return (
          `- (${escapeMarkdown(n.lang)}) ${escapeMarkdown(n.text.replace(/\s+/g, ' ').trim())}` +
          (de ? `\\\n  Deutsch: ${escapeMarkdown(de.replace(/\s+/g, ' '))}` : '')
        );
      })
      .join('\n');

  push('## Handlungsfelder');
  if (board.fields.length === 0) push('Noch keine Handlungsfelder.');
  for (const field of board.fields) {
    push(`### Handlungsfeld: ${titled(field, 'title')}`);
    push(`Beschlossen: ${yesNo(field.decided)}`);
    push(mdBlock(field.description));
    const ist = board.istStand.filter((i) => i.parentId === field.id);
    if (ist.length > 0) {
      push('#### Ist-Stand');
      push(ist.map((i) => `- ${cell(i.text)}`).join('\n'));
    }
    const needs = board.needs.filter((n) => n.parentId === field.id);
    if (needs.length > 0) {
      push('#### Bedarfe');
      push(needList(needs));
    }
    const goals = board.goals.filter((g) => g.parentId === field.id);
    if (goals.length > 0) push('#### Ziele');
    for (const goal of goals) {
      push(`##### Ziel: ${titled(goal, 'title')}`);
      const facts = [
        `Beschlossen: ${yesNo(goal.decided)}`,
        `Verantwortlich: ${goal.owner ? escapeMarkdown(goal.owner) : '–'}`,
        `Zieldatum: ${germanDate(goal.due) || '–'}`,
        `Konkret: ${yesNo(goal.specific)}`,
        `Messbar: ${yesNo(goal.measurable)}`,
      ];
      push(facts.join(' · '));
      push(mdBlock(goal.description));
      const takenUp = (needsOfGoal.get(goal.id) ?? [])
        .map((id) => board.needs.find((n) => n.id === id))
        .filter((n): n is PlainBoard['needs'][number] => n !== undefined);
      if (takenUp.length > 0) push('Aufgenommene Bedarfe:', needList(takenUp));
      const milestones = board.milestones.filter((m) => m.parentId === goal.id);
      if (milestones.length > 0) {
        push(
          'Meilensteine:',
          milestones
            .map(
              (m) =>
                `- ${titled(m, 'title')} – ${m.due ? `bis ${germanDate(m.due)}` : 'ohne Datum'}` +
                ` (${m.done ? 'erreicht' : 'offen'})`,
            )
            .join('\n'),
        );
      }
    }
    const measures = board.measures.filter((m) => m.parentId === field.id);
    if (measures.length > 0) {
      push('#### Maßnahmen', measureTable(measures));
    }
  }

  const looseNeeds = board.needs.filter((n) => n.parentId === null);
  if (looseNeeds.length > 0) {
    push('## Bedarfe ohne Handlungsfeld', needList(looseNeeds));
  }

  const reports = board.reports;
  if (reports.length > 0) {
    push('## Berichte');
    for (const report of reports) {
      push(`### ${REPORT_TYPE_DE[report.type]} vom ${germanDate(report.date)}`);
      push(mdBlock(report.notes));
      if (report.type === 'quarterly') {
        const entries = board.statusEntries.filter((e) => e.parentId === report.id);
        if (entries.length > 0)
          push(
            table(
              ['Maßnahme', 'Stand', 'Kommentar'],
              entries.map((e) => [
                cell(measuresById.get(e.measureId)?.title ?? '(gelöschte Maßnahme)'),
                TRACKING_STATUS_DE[e.status],
                cell(e.comment),
              ]),
            ),
          );
      } else {
        const entries = board.goalReviews.filter((e) => e.parentId === report.id);
        if (entries.length > 0)
          push(
            table(
              ['Ziel', 'Ergebnis', 'Nachweis'],
              entries.map((e) => [
                cell(goalsById.get(e.goalId)?.title ?? '(gelöschtes Ziel)'),
                REVIEW_RESULT_DE[e.result],
                cell(e.evidence),
              ]),
            ),
          );
      }
    }
  }

  const press = board.pressRelease;
  if (press.trim() !== '') push('## Pressemitteilung (Entwurf)', mdBlock(press));

  return `${out.join('\n\n')}\n`;
}
