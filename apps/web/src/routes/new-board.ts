import type { Messages } from '$lib/i18n/index.js';

export interface NewBoardErrors {
  municipality?: string;
  title?: string;
}

export const MAX_BOARD_TEXT = 200;

/** Client-side check of the "Neues Board" form, with the same limits the server applies. */
export function validateNewBoard(
  input: { municipality: string; title: string },
  m: Pick<Messages, 'home'>,
): NewBoardErrors {
  const errors: NewBoardErrors = {};
  const check = (value: string, label: string): string | undefined => {
    const trimmed = value.trim();
    if (!trimmed) return m.home.required(label);
    if (trimmed.length > MAX_BOARD_TEXT) return m.home.tooLong(MAX_BOARD_TEXT);
    return undefined;
  };
  const municipality = check(input.municipality, m.home.municipalityLabel);
  const title = check(input.title, m.home.titleLabel);
  if (municipality) errors.municipality = municipality;
  if (title) errors.title = title;
  return errors;
}
