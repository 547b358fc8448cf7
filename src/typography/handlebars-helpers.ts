/**
 * Intl helpers for the templates:
 *   {{number value}}                       → «1 234» / "1,234"
 *   {{date value}}                         → «12 апреля 2001 г.» / "April 12, 2001"
 *   {{plural count "город" "города" "городов"}} → «3 города» (ru: one, few, many)
 *   {{plural count "city" "cities"}}       → "3 cities" (two forms: one, other)
 *   {{year value}}                         → «2001» (years are never grouped as numbers)
 * Helpers throw on values they cannot format, so a template mistake fails the build with its message.
 */
import type Handlebars from 'handlebars';
import type { Lang } from '../document/model.js';
import { formatDate, formatNumber, plural, type PluralForms } from './intl.js';

function toNumber(value: unknown, helper: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`{{${helper}}} needs a number, got ${JSON.stringify(value)}`);
  return n;
}

/** `forms` in the order the template gives them: one, few, many[, other] — or one, other. */
export function formsFromArgs(words: readonly string[]): PluralForms {
  if (words.length === 1) return { one: words[0]!, other: words[0]! };
  if (words.length === 2) return { one: words[0]!, other: words[1]! };
  if (words.length === 3) return { one: words[0]!, few: words[1]!, many: words[2]!, other: words[1]! };
  if (words.length === 4) return { one: words[0]!, few: words[1]!, many: words[2]!, other: words[3]! };
  throw new Error(`{{plural}} takes 1 to 4 word forms, got ${words.length}`);
}

export function registerIntlHelpers(hbs: typeof Handlebars, lang: Lang): void {
  hbs.registerHelper('number', (value: unknown) => formatNumber(toNumber(value, 'number'), lang));
  hbs.registerHelper('date', (value: unknown) => {
    if (!(value instanceof Date) && typeof value !== 'string' && typeof value !== 'number') {
      throw new Error(`{{date}} needs a date, got ${JSON.stringify(value)}`);
    }
    return formatDate(value, lang);
  });
  hbs.registerHelper('plural', (...args: unknown[]) => {
    // Handlebars passes its options object last.
    const [count, ...words] = args.slice(0, -1);
    if (!words.every((w): w is string => typeof w === 'string')) throw new Error('{{plural}} word forms must be strings');
    return plural(toNumber(count, 'plural'), formsFromArgs(words), lang);
  });
  hbs.registerHelper('year', (value: unknown) => {
    const n = toNumber(value, 'year');
    if (!Number.isInteger(n)) throw new Error(`{{year}} needs an integer, got ${JSON.stringify(value)}`);
    return String(n);
  });
}
