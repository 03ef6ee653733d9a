import { error } from '@sveltejs/kit';
import { boardIdSchema } from '@werkraum/model';
import { m } from '$lib/paraglide/messages.js';
import type { PageLoad } from './$types';

// The board is live (Yjs over a websocket) and its link token sits in the URL fragment, which
// only the browser sees: the page renders in the browser only.
export const ssr = false;

export const load: PageLoad = ({ params }) => {
  const id = boardIdSchema.safeParse(params.id);
  if (!id.success)
    error(404, { message: m.errorPage_invalidId({}, { locale: 'de' }), code: 'invalidId' });
  return { id: id.data };
};
