/**
 * The helpers templates may call. Their names are also the allow-list the up-front template check
 * uses, so a misspelt helper is an error with a line number, not a runtime surprise.
 */
import type Handlebars from 'handlebars';
import type { Lang } from '../document/model.js';
import { escapeMarkdown } from './markdown-escape.js';
import { registerIntlHelpers } from '../typography/handlebars-helpers.js';

/** Interface strings of the templates («С года», «Стр.»), one file per language in templates/locales/. */
export type Locale = Record<string, string>;

export const HELPER_NAMES: ReadonlySet<string> = new Set(['t', 'lower', 'join', 'eq', 'number', 'date', 'plural', 'year']);

export function registerHelpers(hbs: typeof Handlebars, lang: Lang, locale: Locale): void {
  /** `{{t "key" name=value}}`: a locale string with `{name}` placeholders filled (values are already escaped). */
  hbs.registerHelper('t', function (key: unknown, options: Handlebars.HelperOptions) {
    const template = typeof key === 'string' ? locale[key] : undefined;
    if (template === undefined) throw new Error(`locale ${lang} has no string "${String(key)}"`);
    const hash = (options?.hash ?? {}) as Record<string, unknown>;
    return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in hash ? String(hash[name] ?? '') : `{${name}}`));
  });
  hbs.registerHelper('lower', (value: unknown) => String(value ?? '').toLocaleLowerCase(lang));
  hbs.registerHelper('join', (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : '',
  );
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  registerIntlHelpers(hbs, lang);
}

export { escapeMarkdown };
