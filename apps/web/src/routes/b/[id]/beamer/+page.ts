import { error } from '@sveltejs/kit';
import { boardIdSchema } from '@werkraum/model';
import { m } from '$lib/paraglide/messages.js';
import type { PageLoad } from './$types';

// Live and authenticated by the token in the fragment, like the board page: browser only.
export const ssr = false;

export const load: PageLoad = ({ params }) => {
  const id = boardIdSchema.safeParse(params.id);
  if (!id.success)
    error(404, { message: m.errorPage_invalidId({}, { locale: 'de' }), code: 'invalidId' });
  return { id: id.data };
};
