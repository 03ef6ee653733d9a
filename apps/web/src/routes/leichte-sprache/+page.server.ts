import { accessibilitySettings } from '$lib/server/accessibility-settings.js';
import type { PageServerLoad } from './$types';

/** The operator's video in German Sign Language, when there is one (§ 4 BITV 2.0). */
export const load: PageServerLoad = () => ({
  signLanguageUrl: accessibilitySettings().signLanguageUrl,
});
