/**
 * The one catalogue of diagnostics (Astro's errors-data idea): every problem council-press reports has a
 * permanent kebab-case code, a severity, and its message and hint in English and Russian. Stages call
 * `diagnostic(code, args, position)`; nobody writes user-facing wording anywhere else, so the wording
 * stays consistent and the tests can pin it.
 */
import type { Diagnostic, Severity, SourcePosition } from './diagnostic.js';
import type { CatalogueArgs as Args, CatalogueEntry as Entry } from './catalogue-types.js';
import { pipelineEntries } from './catalogue-pipeline.js';
import { describeExpected, describeValue, formatBytes, plural } from './wording.js';

export type { CatalogueEntry } from './catalogue-types.js';
export type MessagesLanguage = 'en' | 'ru';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

const utf8Hint = {
  en: () => 'save the file as UTF-8 (in Notepad: File → Save as → Encoding: UTF-8; in VS Code: the encoding in the status bar → Save with Encoding → UTF-8)',
  ru: () => 'сохраните файл в кодировке UTF-8 (Блокнот: Файл → Сохранить как → Кодировка: UTF-8; VS Code: кодировка в строке состояния → Save with Encoding → UTF-8)',
};

/** Advice for the YAML mistakes people actually make, by the yaml package's error code. */
const yamlHints: Record<string, { en: string; ru: string }> = {
  TAB_AS_INDENT: { en: 'replace the tab with spaces', ru: 'замените табуляцию пробелами' },
  MISSING_CHAR: { en: 'close the quote (or bracket) on the same line', ru: 'закройте кавычку (или скобку) в той же строке' },
  DUPLICATE_KEY: { en: 'keep only one line for this field', ru: 'оставьте для этого поля одну строку' },
  BLOCK_AS_IMPLICIT_KEY: {
    en: 'check this line\'s indentation against the lines above; a value with ": " inside needs quotes',
    ru: 'сверьте отступ этой строки со строками выше; значение с «: » внутри заключите в кавычки',
  },
  BAD_INDENT: { en: 'items of one list or one group start in the same column, indented with spaces', ru: 'элементы одного списка или группы начинаются в одном столбце, отступ — пробелами' },
};

const catalogue = {
  // ── files ──────────────────────────────────────────────────────────────
  'content-missing': {
    severity: 'error',
    message: { en: (a) => `content folder not found: ${s(a.dir)}`, ru: (a) => `папка с содержимым не найдена: ${s(a.dir)}` },
    hint: { en: () => 'pass the folder with --content <dir>', ru: () => 'укажите папку параметром --content <папка>' },
  },
  'council-missing': {
    severity: 'error',
    message: { en: () => 'council.md is missing from the content folder', ru: () => 'в папке с содержимым нет файла council.md' },
    hint: { en: () => 'create council.md with the council\'s name, director and messaging', ru: () => 'создайте council.md с названием совета, руководителем и текстом обращения' },
  },
  'no-partnerships': {
    severity: 'warning',
    message: { en: () => 'no partnerships found in partnerships/', ru: () => 'в папке partnerships/ нет ни одного побратимства' },
    hint: { en: () => 'add one with: council-press new partnership <slug>', ru: () => 'добавьте: council-press new partnership <имя-файла>' },
  },
  'read-error': {
    severity: 'error',
    message: { en: (a) => `cannot read the file: ${s(a.reason)}`, ru: (a) => `не удаётся прочитать файл: ${s(a.reason)}` },
  },
  'file-too-large': {
    severity: 'error',
    message: {
      en: (a) => `the file is too large (${formatBytes(a.size, 'en')}); the limit is ${formatBytes(a.limit, 'en')}`,
      ru: (a) => `файл слишком большой (${formatBytes(a.size, 'ru')}); предел — ${formatBytes(a.limit, 'ru')}`,
    },
    hint: { en: () => 'split the text or move pictures to content/assets/', ru: () => 'разделите текст или перенесите картинки в content/assets/' },
  },
  encoding: {
    severity: 'error',
    message: {
      en: (a) => `the file is not UTF-8 text${a.detected ? ` (it looks like ${s(a.detected)})` : ''}`,
      ru: (a) => `файл сохранён не в UTF-8${a.detected ? ` (похоже на ${s(a.detected)})` : ''}`,
    },
    hint: utf8Hint,
  },
  'empty-file': {
    severity: 'error',
    message: { en: () => 'the file is empty', ru: () => 'файл пустой' },
    hint: {
      en: () => 'start it with front matter between two --- lines; council-press new partnership <slug> writes a template',
      ru: () => 'начните файл с полей между двумя строками ---; шаблон создаёт команда council-press new partnership <имя>',
    },
  },
  'no-frontmatter': {
    severity: 'error',
    message: { en: () => 'the file has no front matter: its first line must be ---', ru: () => 'в начале файла нет полей: первая строка должна быть ---' },
    hint: { en: () => 'put the fields between two --- lines at the very top of the file', ru: () => 'запишите поля между двумя строками --- в самом начале файла' },
  },
  'frontmatter-unclosed': {
    severity: 'error',
    message: { en: () => 'the front matter is not closed: no second --- line', ru: () => 'поля не закрыты: нет второй строки ---' },
    hint: { en: () => 'add a line with just --- after the last field', ru: () => 'добавьте строку --- после последнего поля' },
  },
  'frontmatter-only': {
    severity: 'warning',
    message: { en: () => 'the file has front matter but no text after it', ru: () => 'в файле есть поля, но нет текста после них' },
    hint: { en: () => 'write the text below the closing --- line', ru: () => 'напишите текст под закрывающей строкой ---' },
  },
  'frontmatter-language': {
    severity: 'error',
    message: {
      en: (a) => `front matter in "${s(a.lang)}" is refused: only YAML front matter is read, nothing is ever run`,
      ru: (a) => `поля на языке «${s(a.lang)}» не принимаются: читаются только поля YAML, код никогда не выполняется`,
    },
    hint: { en: () => 'make the first line exactly --- and write the fields in YAML', ru: () => 'первая строка должна быть ровно ---, поля — в формате YAML' },
  },
  // ── YAML ───────────────────────────────────────────────────────────────
  'yaml-syntax': {
    severity: 'error',
    message: {
      en: (a) => `YAML syntax: ${s(a.detail ?? a.message)}`,
      ru: (a) => `синтаксис YAML: ${s(a.detailRu ?? a.detail ?? a.message)}`,
    },
    hint: {
      en: (a) => yamlHints[s(a.yamlCode)]?.en ?? 'indent with spaces (never tabs), keep items of one level in one column, close every quote',
      ru: (a) => yamlHints[s(a.yamlCode)]?.ru ?? 'отступы — пробелами (не табуляцией), элементы одного уровня — в одном столбце, каждая кавычка закрыта',
    },
  },
  'yaml-alias-limit': {
    severity: 'error',
    message: {
      en: (a) => `too many YAML aliases (more than ${s(a.limit)}): refused as a resource exhaustion attack`,
      ru: (a) => `слишком много ссылок YAML (больше ${s(a.limit)}): отклонено как попытка исчерпать память`,
    },
    hint: { en: () => 'write the values out instead of *aliases', ru: () => 'запишите значения полностью, без ссылок *' },
  },
  // ── fields ─────────────────────────────────────────────────────────────
  'missing-field': {
    severity: 'error',
    message: { en: (a) => `missing required field "${s(a.field)}"`, ru: (a) => `нет обязательного поля «${s(a.field)}»` },
    hint: {
      en: (a) => `add a line "${s(a.key ?? a.field)}: …" (${describeExpected(a.expected, 'en')})`,
      ru: (a) => `добавьте строку «${s(a.key ?? a.field)}: …» (${describeExpected(a.expected, 'ru')})`,
    },
  },
  'invalid-type': {
    severity: 'error',
    message: {
      en: (a) => `${s(a.field)}: expected ${describeExpected(a.expected, 'en')}, got ${describeValue(a.found, 'en')}`,
      ru: (a) => `${s(a.field)}: ожидается ${describeExpected(a.expected, 'ru')}, а указано ${describeValue(a.found, 'ru')}`,
    },
  },
  'unknown-field': {
    severity: 'error',
    message: {
      en: (a) => `unknown field "${s(a.field)}"${a.suggestion ? `; did you mean "${s(a.suggestion)}"?` : ''}`,
      ru: (a) => `неизвестное поле «${s(a.field)}»${a.suggestion ? `; может быть, «${s(a.suggestion)}»?` : ''}`,
    },
    hint: {
      en: (a) => (a.suggestion ? '' : a.allowed ? `the fields here are: ${s(a.allowed)}` : 'check the spelling'),
      ru: (a) => (a.suggestion ? '' : a.allowed ? `допустимые поля: ${s(a.allowed)}` : 'проверьте написание'),
    },
  },
  'translation-fact': {
    severity: 'error',
    message: {
      en: (a) => `"${s(a.field)}" does not belong in a translation: language-neutral facts live only in the Russian file`,
      ru: (a) => `поле «${s(a.field)}» не пишется в переводе: факты, общие для всех языков, хранятся только в русском файле`,
    },
    hint: { en: (a) => `remove it here and keep it in ${s(a.russian)}`, ru: (a) => `удалите его здесь и оставьте в ${s(a.russian)}` },
  },
  // ── the content folder ─────────────────────────────────────────────────
  'invalid-slug': {
    severity: 'error',
    message: {
      en: (a) => `file name "${s(a.slug)}" is not a valid slug: use lowercase Latin letters, digits and single hyphens`,
      ru: (a) => `имя файла «${s(a.slug)}» не подходит: только строчные латинские буквы, цифры и одиночные дефисы`,
    },
    hint: { en: (a) => (a.suggestion ? `rename it to ${s(a.suggestion)}.md` : 'for example dubna-la-crosse.md'), ru: (a) => (a.suggestion ? `переименуйте в ${s(a.suggestion)}.md` : 'например, dubna-la-crosse.md') },
  },
  'duplicate-order': {
    severity: 'error',
    message: {
      en: (a) => `order ${s(a.order)} is also used by ${s(a.other)}`,
      ru: (a) => `порядковый номер ${s(a.order)} уже занят файлом ${s(a.other)}`,
    },
    hint: { en: () => 'give every partnership its own order number', ru: () => 'у каждого побратимства должен быть свой номер order' },
  },
  'stray-file': {
    severity: 'warning',
    message: { en: (a) => `ignored: ${s(a.name)} is not a Markdown file`, ru: (a) => `пропущен: ${s(a.name)} — не файл Markdown` },
    hint: { en: () => 'pictures and other files belong in content/assets/', ru: () => 'картинки и прочие файлы кладите в content/assets/' },
  },
  'orphan-translation': {
    severity: 'error',
    message: {
      en: (a) => `translation without its Russian file: ${s(a.expected)} does not exist`,
      ru: (a) => `перевод без русского файла: ${s(a.expected)} не существует`,
    },
    hint: { en: () => 'rename the translation to match its Russian file, or add the Russian file', ru: () => 'назовите перевод так же, как русский файл, или добавьте русский файл' },
  },
  'unknown-language': {
    severity: 'error',
    message: { en: (a) => `unknown language "${s(a.lang)}" in the file name`, ru: (a) => `неизвестный язык «${s(a.lang)}» в имени файла` },
    hint: { en: () => 'translations are named <slug>.en.md', ru: () => 'переводы называются <имя>.en.md' },
  },
  'missing-translation': {
    severity: 'warning',
    message: {
      en: (a) => `no ${s(a.lang)} translation: ${s(a.expected)} is missing, the Russian text is used`,
      ru: (a) => `нет перевода (${s(a.lang)}): файла ${s(a.expected)} нет, используется русский текст`,
    },
  },
  'translation-field-missing': {
    severity: 'warning',
    message: {
      en: (a) => `"${s(a.field)}" is not translated (${s(a.lang)}): the Russian text is used`,
      ru: (a) => `поле «${s(a.field)}» не переведено (${s(a.lang)}): используется русский текст`,
    },
  },
  'path-outside-content': {
    severity: 'error',
    message: {
      en: (a) => `refused: "${s(a.path)}" points outside the content folder`,
      ru: (a) => `отклонено: «${s(a.path)}» ведёт за пределы папки с содержимым`,
    },
    hint: { en: () => 'put the file in content/assets/ and write a relative path such as assets/photo.png', ru: () => 'положите файл в content/assets/ и укажите путь вида assets/photo.png' },
  },
  'image-missing': {
    severity: 'error',
    message: { en: (a) => `image not found: ${s(a.path)}`, ru: (a) => `картинка не найдена: ${s(a.path)}` },
    hint: {
      en: () => 'check the name; in a text the path starts from the Markdown file’s folder (../assets/photo.png), in front matter from content/ (assets/photo.png)',
      ru: () => 'проверьте имя; в тексте путь пишется от папки Markdown-файла (../assets/photo.png), в заголовке файла — от папки content/ (assets/photo.png)',
    },
  },
  'path-case-mismatch': {
    severity: 'error',
    message: {
      en: (a) => `"${s(a.path)}" differs in letter case from the real file "${s(a.actual)}"`,
      ru: (a) => `«${s(a.path)}» отличается регистром букв от настоящего файла «${s(a.actual)}»`,
    },
    hint: { en: (a) => `write "${s(a.actual)}": the build must work the same on every computer`, ru: (a) => `напишите «${s(a.actual)}»: сборка должна одинаково работать на любом компьютере` },
  },
  // ── brand and templates ────────────────────────────────────────────────
  'brand-missing': {
    severity: 'error',
    message: { en: (a) => `brand file not found: ${s(a.file)}`, ru: (a) => `файл оформления не найден: ${s(a.file)}` },
  },
  'brand-asset-missing': {
    severity: 'error',
    message: { en: (a) => `brand file refers to a missing file: ${s(a.spec)}`, ru: (a) => `файл оформления ссылается на несуществующий файл: ${s(a.spec)}` },
  },
  'internal-error': {
    severity: 'error',
    message: {
      en: (a) => `internal error in council-press (a bug, not your content): ${s(a.message)}`,
      ru: (a) => `внутренняя ошибка council-press (ошибка программы, а не содержимого): ${s(a.message)}`,
    },
    hint: { en: () => 'run again with --debug and report the output', ru: () => 'запустите ещё раз с --debug и сообщите о выводе' },
  },
  ...pipelineEntries,
} satisfies Record<string, Entry>;

export type DiagnosticCode = keyof typeof catalogue;
const entries: Record<string, Entry> = { ...catalogue };

let language: MessagesLanguage = 'en';

/** The CLI sets this once (from --messages, the config, or the environment); the default is English. */
export function setMessagesLanguage(lang: MessagesLanguage): void {
  language = lang;
}

export function getMessagesLanguage(): MessagesLanguage {
  return language;
}

/** POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG; Russian when the first one set starts with `ru`. */
export function messagesLanguageFromEnv(env: Record<string, string | undefined>): MessagesLanguage {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ru/i.test(value) ? 'ru' : 'en';
}

/** Other stages may register their own codes at load time instead of editing this file's table. */
export function registerDiagnostics(more: Record<string, Entry>): void {
  for (const [code, entry] of Object.entries(more)) entries[code] = entry;
}

export function catalogueCodes(): string[] {
  return Object.keys(entries);
}

export function isKnownCode(code: string): boolean {
  return code in entries;
}

export function diagnostic(code: string, args: Args, position?: SourcePosition, severity?: Severity): Diagnostic {
  const entry = entries[code];
  if (!entry) {
    // A code missing from the catalogue is a bug in council-press; say so rather than crash.
    return diagnostic('internal-error', { message: `unknown diagnostic code "${code}"` }, position);
  }
  const hint = entry.hint?.[language](args);
  return {
    code,
    severity: severity ?? entry.severity,
    message: entry.message[language](args),
    ...(hint ? { hint } : {}),
    ...(position ? { position } : {}),
  };
}

/** `2 errors, 1 warning` / `2 ошибки, 1 предупреждение`. */
export function summaryLine(errors: number, warnings: number): string {
  if (language === 'ru') {
    return `${errors} ${plural(errors, 'ошибка', 'ошибки', 'ошибок')}, ${warnings} ${plural(warnings, 'предупреждение', 'предупреждения', 'предупреждений')}`;
  }
  return `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`;
}

