import type { BoardQuery, MeasureStatus } from '@werkraum/model';

/** The search form's state (empty strings: no filter). */
export interface SearchFilters {
  text: string;
  fieldId: string;
  owner: string;
  status: '' | MeasureStatus;
  overdue: boolean;
  decided: '' | 'yes' | 'no';
}

export const EMPTY_FILTERS: SearchFilters = {
  text: '',
  fieldId: '',
  owner: '',
  status: '',
  overdue: false,
  decided: '',
};

/** The model's query for the form's state; only what is set. */
export function toBoardQuery(filters: SearchFilters): BoardQuery {
  const query: BoardQuery = {};
  const text = filters.text.trim();
  const owner = filters.owner.trim();
  if (text) query.text = text;
  if (filters.fieldId) query.fieldId = filters.fieldId;
  if (owner) query.owner = owner;
  if (filters.status) query.status = filters.status;
  if (filters.overdue) query.overdue = true;
  if (filters.decided) query.decided = filters.decided === 'yes';
  return query;
}

/** Whether the form asks for anything (otherwise no results are shown). */
export function isSearching(filters: SearchFilters): boolean {
  return Object.keys(toBoardQuery(filters)).length > 0;
}

/** How many of the filters beyond the text are set (shown on the filter button). */
export function activeFilterCount(filters: SearchFilters): number {
  return [
    filters.fieldId !== '',
    filters.owner.trim() !== '',
    filters.status !== '',
    filters.overdue,
    filters.decided !== '',
  ].filter(Boolean).length;
}

/** Whether a key press should move the focus into the search field („/“ outside text entry). */
export function isSearchShortcut(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}): boolean {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target as (Element & { isContentEditable?: boolean }) | null;
  if (!target || typeof target.closest !== 'function') return true;
  if (target.isContentEditable) return false;
  return (
    target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') ===
    null
  );
}
