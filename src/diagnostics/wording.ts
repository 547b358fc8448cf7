/**
 * Words the catalogue's messages share: what a field expects ("a year such as 1992") and how a found
 * value reads to a person who is not a programmer ("a list", not "array").
 */
type Lang = 'en' | 'ru';

/**
 * Named expectations. Schemas name one of these keys as their custom zod error (`error: 'year'`), so the
 * wording lives here in both languages instead of in English inside the schema.
 */
const expectations: Record<string, Record<Lang, string>> = {
  text: { en: 'text', ru: 'текст' },
  'non-empty-text': { en: 'some text', ru: 'непустой текст' },
  year: { en: 'a year such as 1992', ru: 'год, например 1992' },
  order: { en: 'a whole number from 1 up, such as 3', ru: 'целое число от 1, например 3' },
  integer: { en: 'a whole number', ru: 'целое число' },
  number: { en: 'a number', ru: 'число' },
  boolean: { en: 'true or false', ru: 'true или false' },
  'text-list': { en: 'a list of text items (lines starting with "- ")', ru: 'список строк (строки, начинающиеся с «- »)' },
  list: { en: 'a list (lines starting with "- ")', ru: 'список (строки, начинающиеся с «- »)' },
  mapping: { en: 'a group of fields', ru: 'группа полей' },
  layout: { en: 'one of partnership, statement, list, section', ru: 'одно из: partnership, statement, list, section' },
  image: { en: 'a picture with src and alt', ru: 'картинка с полями src и alt' },
  'image-path': { en: 'a path such as assets/photo.png', ru: 'путь вида assets/photo.png' },
  'timeline-point': { en: 'a point with year and value', ru: 'точка с полями year и value' },
};

export function describeExpected(expected: unknown, lang: Lang): string {
  if (expected && typeof expected === 'object' && typeof (expected as Record<string, unknown>)[lang] === 'string') {
    return (expected as Record<Lang, string>)[lang];
  }
  if (typeof expected !== 'string') return lang === 'ru' ? 'другое значение' : 'another value';
  return expectations[expected]?.[lang] ?? expected;
}

export function isExpectationKey(key: string): boolean {
  return key in expectations;
}

const MAX_SHOWN = 60;

export function describeValue(value: unknown, lang: Lang): string {
  const ru = lang === 'ru';
  if (value === undefined || value === null) return ru ? 'пустое значение' : 'nothing';
  if (typeof value === 'string') {
    if (value === '') return ru ? 'пустую строку' : 'an empty text';
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return ru ? `«${shown}»` : JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return ru ? 'список' : 'a list';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') return ru ? 'группу полей' : 'a group of fields';
  return String(value);
}

/** Russian plural forms via Intl.PluralRules: 1 ошибка, 2 ошибки, 5 ошибок, 21 ошибка. */
export function plural(n: number, one: string, few: string, many: string): string {
  const rule = new Intl.PluralRules('ru-RU').select(n);
  return rule === 'one' ? one : rule === 'few' ? few : many;
}

/** `50 MiB`, `1 MiB`, `256 KiB`, `812 bytes` / `50 МиБ`, `256 КиБ`, `812 байт`. */
export function formatBytes(bytes: unknown, lang: Lang): string {
  const n = Number(bytes);
  if (!Number.isFinite(n)) return String(bytes);
  const units = lang === 'ru' ? ['байт', 'КиБ', 'МиБ', 'ГиБ'] : ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${lang === 'ru' ? shown.replace('.', ',') : shown} ${units[unit]}`;
}
