/**
 * Numbers and dates in the active UI language (`locale().lang`), e.g. Arabic-Indic digits in
 * Arabic and Persian. Formatters are cached per language.
 */
export class Formatters {
  readonly #lang: string;
  #number?: Intl.NumberFormat;
  #date?: Intl.DateTimeFormat;
  #dateTime?: Intl.DateTimeFormat;
  #languageNames?: Intl.DisplayNames;

  constructor(lang: string) {
    this.#lang = lang;
  }

  number(value: number): string {
    this.#number ??= new Intl.NumberFormat(this.#lang);
    return this.#number.format(value);
  }

  /** A two-digit part of a clock (`05`). */
  twoDigits(value: number): string {
    return new Intl.NumberFormat(this.#lang, { minimumIntegerDigits: 2 }).format(value);
  }

  /** A calendar date stored as `YYYY-MM-DD` (an `<input type=date>` value); other text as is. */
  date(isoDate: string): string {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
    if (!match) return isoDate;
    const [, year, month, day] = match.map(Number) as [number, number, number, number];
    this.#date ??= new Intl.DateTimeFormat(this.#lang, { dateStyle: 'medium', timeZone: 'UTC' });
    return this.#date.format(new Date(Date.UTC(year, month - 1, day)));
  }

  /** A date in long form (e.g. the retention date). */
  longDate(value: Date | number): string {
    return new Intl.DateTimeFormat(this.#lang, { dateStyle: 'long' }).format(value);
  }

  dateTime(value: Date | number): string {
    this.#dateTime ??= new Intl.DateTimeFormat(this.#lang, {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    return this.#dateTime.format(value);
  }

  /** The name of a language (`ar` → „Arabisch“ in German UI), or the code if unknown. */
  languageName(code: string): string {
    try {
      this.#languageNames ??= new Intl.DisplayNames([this.#lang], { type: 'language' });
      return this.#languageNames.of(code) ?? code;
    } catch (error) {
      // Not a valid language tag (RangeError): show the code itself.
      if (error instanceof RangeError) return code;
      throw error;
    }
  }
}
