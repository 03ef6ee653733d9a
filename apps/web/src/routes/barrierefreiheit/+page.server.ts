import { accessibilitySettings } from '$lib/server/accessibility-settings.js';
import type { PageServerLoad } from './$types';

/** When this statement was prepared (self-assessment, see the statement's method section). */
const STATEMENT_DATE = '2026-12-07';

/**
 * The operator fills in their own contact, the enforcement body of their Land and, once made,
 * their video in German Sign Language (server settings `ACCESSIBILITY_CONTACT`,
 * `ACCESSIBILITY_ENFORCEMENT`, `ACCESSIBILITY_SIGN_LANGUAGE_URL`); until then the page says
 * clearly what is to be adapted.
 */
export const load: PageServerLoad = () => ({ date: STATEMENT_DATE, ...accessibilitySettings() });
