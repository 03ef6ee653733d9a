import { error } from '@sveltejs/kit';
import { boardIdSchema } from '@werkraum/model';
import { de } from '$lib/i18n/de.js';
import type { PageLoad } from './$types';

// The board is live (Yjs over a websocket) and its link token sits in the URL fragment, which
// only the browser sees: the page renders in the browser only.
export const ssr = false;

export const load: PageLoad = ({ params }) => {
  const id = boardIdSchema.safeParse(params.id);
  if (!id.success) error(404, { message: de.errorPage.invalidId, code: 'invalidId' });
  return { id: id.data };
};
