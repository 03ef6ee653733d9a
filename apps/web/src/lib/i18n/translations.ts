/** An item with translations of its text fields (lang → field → text), as the model reads it. */
export interface Translatable {
  translations: Record<string, Record<string, string>>;
}

/** The translation of one field into `lang`, or undefined when there is none (or it is blank). */
export function translationOf(
  item: Translatable | undefined,
  field: string,
  lang: string,
): string | undefined {
  const text = item?.translations[lang]?.[field]?.trim();
  return text ? text : undefined;
}

/** The languages an item's field is translated into, in a stable order. */
export function translatedLanguages(item: Translatable, field: string): string[] {
  return Object.keys(item.translations)
    .filter((lang) => translationOf(item, field, lang) !== undefined)
    .sort();
}
