import { m } from '$lib/paraglide/messages.js';

export interface NewBoardErrors {
  municipality?: string;
  title?: string;
}

export const MAX_BOARD_TEXT = 200;

/** Client-side check of the "Neues Board" form, with the same limits the server applies. */
export function validateNewBoard(input: { municipality: string; title: string }): NewBoardErrors {
  const errors: NewBoardErrors = {};
  const check = (value: string, label: string): string | undefined => {
    const trimmed = value.trim();
    if (!trimmed) return m.home_required({ label });
    if (trimmed.length > MAX_BOARD_TEXT) return m.home_tooLong({ max: MAX_BOARD_TEXT });
    return undefined;
  };
  const municipality = check(input.municipality, m.home_municipalityLabel());
  const title = check(input.title, m.home_titleLabel());
  if (municipality) errors.municipality = municipality;
  if (title) errors.title = title;
  return errors;
}
