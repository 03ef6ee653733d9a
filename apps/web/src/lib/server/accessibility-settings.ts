import { env } from '$env/dynamic/private';

/** What the operator sets for the accessibility pages (server settings, read per request). */
export interface AccessibilitySettings {
  /** Contact for accessibility feedback (`ACCESSIBILITY_CONTACT`), or null until set. */
  contact: string | null;
  /** Enforcement body of the operator's Land (`ACCESSIBILITY_ENFORCEMENT`), or null. */
  enforcement: string | null;
  /** Address of the operator's video in German Sign Language, or null (§ 4 BITV 2.0). */
  signLanguageUrl: string | null;
}

/** An http(s) address, or null for anything else (a typo must not become a broken link). */
export function webAddress(value: string | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export function accessibilitySettings(
  source: Record<string, string | undefined> = env,
): AccessibilitySettings {
  return {
    contact: source.ACCESSIBILITY_CONTACT?.trim() || null,
    enforcement: source.ACCESSIBILITY_ENFORCEMENT?.trim() || null,
    signLanguageUrl: webAddress(source.ACCESSIBILITY_SIGN_LANGUAGE_URL),
  };
}
