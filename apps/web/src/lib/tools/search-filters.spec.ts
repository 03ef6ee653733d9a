import { isOverdue, searchBoard } from '@werkraum/model';
import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  EMPTY_FILTERS,
  isSearching,
  isSearchShortcut,
  toBoardQuery,
} from './search-filters.js';
import { makeBoard } from './test-board.js';

describe('the search form', () => {
  it('asks the model only for what is set', () => {
    expect(toBoardQuery(EMPTY_FILTERS)).toEqual({});
    expect(isSearching(EMPTY_FILTERS)).toBe(false);
    const filters = {
      ...EMPTY_FILTERS,
      text: '  kinder ',
      owner: ' vhs',
      overdue: true,
      decided: 'no' as const,
    };
    expect(toBoardQuery(filters)).toEqual({
      text: 'kinder',
      owner: 'vhs',
      overdue: true,
      decided: false,
    });
    expect(activeFilterCount(filters)).toBe(3);
    expect(isSearching({ ...EMPTY_FILTERS, text: '   ' })).toBe(false);
  });

  it('finds the measure by text, owner and overdue', () => {
    const { model, measure } = makeBoard();
    const board = model.toPlain();
    const ids = (f: Partial<typeof EMPTY_FILTERS>) =>
      searchBoard(board, toBoardQuery({ ...EMPTY_FILTERS, ...f }), '2027-06-15').map(
        (hit) => hit.item.id,
      );
    expect(ids({ text: 'KINDERBETREUUNG' })).toContain(measure);
    expect(ids({ owner: 'vhs' })).toEqual([measure]);
    expect(ids({ overdue: true })).toEqual([measure]);
    expect(isOverdue(model.get(measure, 'measure')!, '2027-05-01')).toBe(false);
  });

  it('takes „/“ for the search only outside text entry', () => {
    const base = { key: '/', ctrlKey: false, metaKey: false, altKey: false };
    const fake = (inText: boolean) =>
      ({ closest: () => (inText ? {} : null), isContentEditable: false }) as unknown as EventTarget;
    expect(isSearchShortcut({ ...base, target: fake(false) })).toBe(true);
    expect(isSearchShortcut({ ...base, target: fake(true) })).toBe(false);
    expect(isSearchShortcut({ ...base, ctrlKey: true, target: fake(false) })).toBe(false);
    expect(isSearchShortcut({ ...base, key: 'a', target: fake(false) })).toBe(false);
  });
});
