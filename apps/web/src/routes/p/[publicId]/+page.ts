import type { PageLoad } from './$types';

// The page asks the API in the browser (like the board page); it needs no login and no token.
export const ssr = false;

export const load: PageLoad = ({ params }) => ({ publicId: params.publicId });
