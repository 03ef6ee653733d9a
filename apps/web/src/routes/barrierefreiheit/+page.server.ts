import { env } from '$env/dynamic/private';
import type { PageServerLoad } from './$types';

/** When this statement was prepared (self-assessment, see the statement's method section). */
const STATEMENT_DATE = '2026-11-25';

/**
 * The operator fills in their own contact and the enforcement body of their Land (server
 * settings `ACCESSIBILITY_CONTACT` and `ACCESSIBILITY_ENFORCEMENT`); until then the page says
 * clearly what is to be adapted.
 */
export const load: PageServerLoad = () => ({
  date: STATEMENT_DATE,
  contact: env.ACCESSIBILITY_CONTACT?.trim() || null,
  enforcement: env.ACCESSIBILITY_ENFORCEMENT?.trim() || null,
});
