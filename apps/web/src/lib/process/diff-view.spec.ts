import { diffBoards } from '@werkraum/model';
import { describe, expect, it } from 'vitest';
import { groupDiff, isEmptyDiff } from './diff-view.js';
import { processBoard } from './fixture.spec-helper.js';
import { startReport } from './reports.js';

describe('the „what changed“ list (step 9)', () => {
  it('groups added, removed and changed items by kind, with labels, fields and links in words', () => {
    let clock = 1_000;
    const { model, ids } = processBoard(() => clock);
    const before = model.toPlain();
    clock = 2_000;
    model.setText(ids.measure, 'title', 'Ausbildungsmesse 2027');
    model.update<'measure'>(ids.measure, { status: 'inProgress' });
    model.delete(ids.undecided);
    const added = model.create('measure', { parentId: ids.field, content: { title: 'Mentoring' } });
    model.link('serves', added, ids.goal);
    // Tracking records are not part of „what changed in the plan“.
    startReport(model, 'quarterly', '2027-07-01');
    const after = model.toPlain();

    const groups = groupDiff(diffBoards(before, after), before, after);
    expect(groups.map((g) => g.kind)).toEqual(['measure', 'link']);
    const measures = groups[0]!;
    expect(measures.added).toMatchObject([
      { id: added, label: 'Mentoring', fieldTitle: 'Arbeit und Ausbildung' },
    ]);
    expect(measures.removed).toMatchObject([{ id: ids.undecided, label: 'Sprachcafé' }]);
    expect(measures.changed).toMatchObject([
      {
        id: ids.measure,
        label: 'Ausbildungsmesse 2027',
        before: 'Ausbildungsmesse',
        fields: ['status', 'title'],
      },
    ]);
    const links = groups[1]!;
    expect(links.added).toMatchObject([
      { ends: { from: 'Mentoring', to: 'Mehr Geflüchtete in Ausbildung' }, linkType: 'serves' },
    ]);
    // The link of the deleted measure: its end is found in the old board.
    expect(links.removed).toMatchObject([{ ends: { from: 'Sprachcafé' } }]);
    expect(isEmptyDiff(groups)).toBe(false);
  });

  it('is empty when nothing but tracking changed', () => {
    const { model } = processBoard();
    const before = model.toPlain();
    startReport(model, 'quarterly', '2027-07-01');
    const after = model.toPlain();
    expect(isEmptyDiff(groupDiff(diffBoards(before, after), before, after))).toBe(true);
  });
});
