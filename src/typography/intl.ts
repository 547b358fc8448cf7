/**
 * Numbers, dates and plural forms through `Intl`, for the templates' helpers. Node's ICU groups ru-RU thousands
 * with U+00A0; any U+202F/U+2009 another ICU might emit is mapped to U+00A0 because PT Sans lacks them.
 * Dates are formatted in UTC: front-matter dates are calendar days, not instants, and builds must not depend on
 * the machine's time zone.
 */
import type { Lang } from '../document/model.js';
import { typographText } from './typograph-runs.js';

const LOCALES: Record<Lang, string> = { ru: 'ru-RU', en: 'en-US' };

const printable = (s: string): string => s.replace(/[\u202F\u2009\u2007]/g, '\u00A0');

/** 1234567.5 → «1 234 567,5» (ru, U+00A0 between groups) / "1,234,567.5" (en). Not for years: see `year`. */
export function formatNumber(n: number, lang: Lang, options?: Intl.NumberFormatOptions): string {
  return printable(new Intl.NumberFormat(LOCALES[lang], options).format(n));
}

/** Accepts a Date, an ISO date string (`2001-04-12`) or epoch milliseconds. */
export function toDate(value: Date | string | number): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  return date;
}

/**
 * «12 апреля 2001 г.» (ru: no-break spaces after the day and before «г.», exactly as the typograph would set
 * them, so typographing the result changes nothing) / "April 12, 2001" (en).
 */
export function formatDate(value: Date | string | number, lang: Lang): string {
  const text = new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    toDate(value),
  );
  return typographText(printable(text), lang);
}

/** Word forms by CLDR plural category. Russian uses one/few/many (+ other for fractions), English one/other. */
export interface PluralForms {
  one: string;
  few?: string;
  many?: string;
  other: string;
}

/** The form of the word that goes with `n`: 1 город, 3 города, 5 городов, 21 город, 1,5 города. */
export function pluralForm(n: number, forms: PluralForms, lang: Lang): string {
  const category = new Intl.PluralRules(LOCALES[lang]).select(n);
  switch (category) {
    case 'one':
      return forms.one;
    case 'few':
      return forms.few ?? forms.other;
    case 'many':
      return forms.many ?? forms.other;
    default:
      return forms.other;
  }
}

/** The number and its word, held together by a no-break space: «3 города», «21 город», "5 cities". */
export function plural(n: number, forms: PluralForms, lang: Lang): string {
  return `${formatNumber(n, lang)}\u00A0${pluralForm(n, forms, lang)}`;
}
