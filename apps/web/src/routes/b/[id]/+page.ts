import { error } from '@sveltejs/kit';
import { boardIdSchema } from '@werkraum/model';
import { ApiError, getBoard } from '$lib/api/boards-api.js';
import { t } from '$lib/i18n/index.js';
import type { PageLoad } from './$types';

// The board is live (Yjs over a websocket): it renders in the browser only.
export const ssr = false;

export const load: PageLoad = async ({ params, fetch }) => {
  const m = t();
  const id = boardIdSchema.safeParse(params.id);
  if (!id.success) error(404, { message: m.errorPage.invalidId });
  try {
    return { board: await getBoard(id.data, fetch) };
  } catch (cause) {
    if (cause instanceof ApiError && (cause.status === 404 || cause.status === 400)) {
      error(404, { message: cause.status === 404 ? m.errorPage.notFound : m.errorPage.invalidId });
    }
    console.error('Loading the board failed', cause);
    error(503, { message: m.board.loadFailed });
  }
};
