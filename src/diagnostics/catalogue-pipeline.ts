/**
 * Catalogue entries for the later stages (templates, Markdown bodies, images, fonts, the output folder).
 * Merged into the one catalogue in catalogue.ts; split out only to keep each file readable.
 */
import type { CatalogueEntry } from './catalogue-types.js';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** What the file system said, in plain words, with the code kept for whoever searches the web for it. */
const ERRNO: Record<string, { en: string; ru: string }> = {
  EACCES: { en: 'permission denied', ru: 'нет прав на запись' },
  EPERM: { en: 'permission denied', ru: 'нет прав на запись' },
  EROFS: { en: 'the disk is read-only', ru: 'диск доступен только для чтения' },
  ENOSPC: { en: 'the disk is full', ru: 'на диске нет места' },
  EDQUOT: { en: 'the disk quota is used up', ru: 'исчерпана квота на диске' },
  ENOTDIR: { en: 'a part of the path is a file, not a folder', ru: 'часть пути — это файл, а не папка' },
  EISDIR: { en: 'a folder stands where a file should be written', ru: 'на месте файла находится папка' },
  ENAMETOOLONG: { en: 'the path is too long', ru: 'слишком длинный путь' },
  EBUSY: { en: 'the folder is in use by another program', ru: 'папка занята другой программой' },
};

function errnoWords(reason: unknown, lang: 'en' | 'ru'): string {
  const words = ERRNO[s(reason)];
  return words ? `${words[lang]} (${s(reason)})` : s(reason);
}

export const pipelineEntries = {
  // ── templates ──────────────────────────────────────────────────────────
  'template-missing': {
    severity: 'error',
    message: { en: (a) => `template not found: ${s(a.file)}`, ru: (a) => `шаблон не найден: ${s(a.file)}` },
    hint: { en: () => 'check --templates <dir>, or copy the shipped templates/ folder', ru: () => 'проверьте --templates <папка> или скопируйте папку templates/ из поставки' },
  },
  'template-syntax': {
    severity: 'error',
    message: { en: (a) => `template syntax: ${s(a.message)}`, ru: (a) => `ошибка в шаблоне: ${s(a.message)}` },
    hint: { en: () => 'check that every {{#block}} has its {{/block}} and every {{ has its }}', ru: () => 'проверьте, что у каждого {{#блока}} есть {{/блок}}, а у каждой {{ — }}' },
  },
  'template-unknown-field': {
    severity: 'error',
    message: {
      en: (a) => `the template uses an unknown field "${s(a.name)}"${a.suggestion ? `; did you mean "${s(a.suggestion)}"?` : ''}`,
      ru: (a) => `шаблон использует неизвестное поле «${s(a.name)}»${a.suggestion ? `; может быть, «${s(a.suggestion)}»?` : ''}`,
    },
    hint: {
      en: (a) => (a.suggestion ? '' : a.available ? `the fields here are: ${s(a.available)}` : 'fields available to templates are listed in README (the content model)'),
      ru: (a) => (a.suggestion ? '' : a.available ? `здесь есть поля: ${s(a.available)}` : 'доступные шаблонам поля перечислены в README (модель содержимого)'),
    },
  },
  'template-unknown-helper': {
    severity: 'error',
    message: { en: (a) => `the template uses an unknown helper "${s(a.name)}"`, ru: (a) => `шаблон использует неизвестную функцию «${s(a.name)}»` },
  },
  // ── Markdown bodies ────────────────────────────────────────────────────
  'raw-html': {
    severity: 'warning',
    message: { en: (a) => `raw HTML is not copied into the documents: ${s(a.html)}`, ru: (a) => `HTML не переносится в документы: ${s(a.html)}` },
    hint: { en: () => 'use Markdown instead (**bold**, *italic*, lists)', ru: () => 'используйте разметку Markdown (**жирный**, *курсив*, списки)' },
  },
  'unsafe-link': {
    severity: 'error',
    message: { en: (a) => `refused link: ${s(a.url)}`, ru: (a) => `ссылка отклонена: ${s(a.url)}` },
    hint: { en: () => 'only http(s):, mailto: and tel: links are allowed', ru: () => 'разрешены только ссылки http(s):, mailto: и tel:' },
  },
  'relative-link': {
    severity: 'warning',
    message: { en: (a) => `a link to a local path leads nowhere in a document: ${s(a.url)}`, ru: (a) => `ссылка на локальный путь в документе никуда не ведёт: ${s(a.url)}` },
    hint: { en: () => 'link to a full web address (https://…)', ru: () => 'укажите полный веб-адрес (https://…)' },
  },
  'image-corrupt': {
    severity: 'error',
    message: { en: (a) => `the image cannot be read (damaged or not an image): ${s(a.path)}`, ru: (a) => `картинку не удаётся прочитать (повреждена или не картинка): ${s(a.path)}` },
    hint: { en: () => 'open it in an image editor and save it again as PNG or JPEG', ru: () => 'откройте её в графическом редакторе и сохраните заново как PNG или JPEG' },
  },
  'image-too-large': {
    severity: 'error',
    message: {
      en: (a) => `the image is too large (${s(a.width)}×${s(a.height)} pixels): ${s(a.path)}`,
      ru: (a) => `картинка слишком большая (${s(a.width)}×${s(a.height)} пикселей): ${s(a.path)}`,
    },
    hint: {
      en: () => 'reduce it to at most 100 megapixels (e.g. 10000 × 10000); 2400 pixels on the long side is plenty for print',
      ru: () => 'уменьшите её до 100 мегапикселей (например, 10000 × 10000); для печати хватает 2400 пикселей по длинной стороне',
    },
  },
  'image-format': {
    severity: 'error',
    message: { en: (a) => `unsupported image format "${s(a.format)}": ${s(a.path)}`, ru: (a) => `неподдерживаемый формат картинки «${s(a.format)}»: ${s(a.path)}` },
    hint: { en: () => 'save it as PNG or JPEG', ru: () => 'сохраните её как PNG или JPEG' },
  },
  'missing-glyph': {
    severity: 'error',
    message: {
      en: (a) => `the font ${s(a.font)} has no ${Number(a.count) > 1 ? 'characters' : 'character'} "${s(a.char)}" (${s(a.codepoint)})`,
      ru: (a) => `в шрифте ${s(a.font)} нет ${Number(a.count) > 1 ? 'символов' : 'символа'} «${s(a.char)}» (${s(a.codepoint)})`,
    },
    hint: { en: () => 'remove or replace the character (emoji and some special spaces are not in the font)', ru: () => 'удалите или замените символ (эмодзи и некоторых особых пробелов нет в шрифте)' },
  },
  // ── the output folder ──────────────────────────────────────────────────
  'output-locked': {
    severity: 'error',
    message: { en: (a) => `another build is writing to this output folder (process ${s(a.pid)})`, ru: (a) => `в эту папку уже пишет другая сборка (процесс ${s(a.pid)})` },
    hint: { en: () => 'wait for it to finish, or stop it', ru: () => 'дождитесь её окончания или остановите её' },
  },
  'output-not-folder': {
    severity: 'error',
    message: { en: () => 'the output path is a file, not a folder', ru: () => 'путь для результатов — это файл, а не папка' },
    hint: { en: () => 'remove the file or choose another --out folder', ru: () => 'удалите файл или укажите другую папку --out' },
  },
  'output-not-writable': {
    severity: 'error',
    message: {
      en: (a) => `cannot write to the output folder: ${errnoWords(a.reason, 'en')}`,
      ru: (a) => `нельзя записать в папку результатов: ${errnoWords(a.reason, 'ru')}`,
    },
    hint: { en: () => 'check the folder\'s permissions or choose another --out folder', ru: () => 'проверьте права на папку или укажите другую папку --out' },
  },
  // ── layout ─────────────────────────────────────────────────────────────
  'layout-continued': {
    severity: 'info',
    message: {
      en: (a) => `slide ${s(a.slide)} "${s(a.title)}" is too long for one slide and continues on slide ${s(a.range)}`,
      ru: (a) => `слайд ${s(a.slide)} «${s(a.title)}» не помещается на одном слайде и продолжается на слайде ${s(a.range)}`,
    },
    hint: {
      en: () => 'this is normal; shorten the text if it should fit on one slide',
      ru: () => 'это нормально; сократите текст, если он должен поместиться на один слайд',
    },
  },
  'layout-token-too-wide': {
    severity: 'warning',
    message: {
      en: (a) => `on slide ${s(a.slide)} the word "${s(a.token)}" is wider than its text box and was split between letters`,
      ru: (a) => `на слайде ${s(a.slide)} слово «${s(a.token)}» шире текстового поля и разбито посреди букв`,
    },
    hint: {
      en: () => 'add a space or a hyphen, or shorten the word (a long link can become a link text)',
      ru: () => 'добавьте пробел или дефис либо сократите слово (длинную ссылку можно заменить текстом ссылки)',
    },
  },
  'unknown-layout': {
    severity: 'error',
    message: { en: (a) => `unknown slide layout "${s(a.name)}"`, ru: (a) => `неизвестный макет слайда «${s(a.name)}»` },
    hint: { en: () => 'use one of: title, statement, list, partnership, section', ru: () => 'используйте: title, statement, list, partnership, section' },
  },
  'manifest-invalid': {
    severity: 'error',
    message: { en: (a) => `not a council-press manifest: ${s(a.reason)}`, ru: (a) => `это не манифест council-press: ${s(a.reason)}` },
    hint: { en: () => 'pass the manifest.json files the shards wrote', ru: () => 'укажите файлы manifest.json, записанные частями сборки' },
  },
  'manifest-conflict': {
    severity: 'error',
    message: { en: (a) => `${s(a.path)} differs from the same artifact in ${s(a.other)}`, ru: (a) => `${s(a.path)} отличается от того же файла в ${s(a.other)}` },
    hint: { en: () => 'build every shard from the same commit', ru: () => 'собирайте все части из одной и той же версии' },
  },
  'output-lock-unusable': {
    severity: 'error',
    message: {
      en: (a) => `the output folder's lock ${s(a.file)} is not a readable file`,
      ru: (a) => `файл блокировки папки результатов ${s(a.file)} не читается как файл`,
    },
    hint: { en: () => 'when no build is running, delete it', ru: () => 'если сборка не идёт, удалите его' },
  },
  // ── command line (config file, scaffold, shards) ─────────────────────────
  'config-json': {
    severity: 'error',
    message: { en: (a) => `config file is not valid JSON: ${s(a.detail)}`, ru: (a) => `файл настроек — не правильный JSON: ${s(a.detail)}` },
    hint: {
      en: () => 'keys and text in "double quotes", no comma after the last item, no comments',
      ru: () => 'ключи и текст — в "двойных кавычках", без запятой после последнего элемента, без комментариев',
    },
  },
  'new-slug': {
    severity: 'error',
    message: {
      en: (a) => `"${s(a.slug)}" cannot be a file name: use lowercase Latin letters, digits and single hyphens`,
      ru: (a) => `«${s(a.slug)}» не подходит для имени файла: только строчные латинские буквы, цифры и одиночные дефисы`,
    },
    hint: {
      en: (a) => `for example: council-press new partnership ${s(a.suggestion ?? 'kolomna-springfield')}`,
      ru: (a) => `например: council-press new partnership ${s(a.suggestion ?? 'kolomna-springfield')}`,
    },
  },
  'shard-file': {
    severity: 'error',
    message: {
      en: (a) => `${s(a.path)} is listed in this manifest but ${a.missing ? 'missing beside it' : 'its bytes differ from the listed sha256'}`,
      ru: (a) => `${s(a.path)} указан в этом манифесте, но ${a.missing ? 'рядом с ним такого файла нет' : 'его содержимое не совпадает с указанной суммой sha256'}`,
    },
    hint: {
      en: () => 'download each shard\'s whole output folder, unchanged, and pass its manifest.json',
      ru: () => 'скачайте папку результатов каждой части целиком, без изменений, и укажите её manifest.json',
    },
  },
  'file-exists': {
    severity: 'error',
    message: { en: (a) => `${s(a.path)} already exists; it was not overwritten`, ru: (a) => `${s(a.path)} уже существует; файл не перезаписан` },
    hint: {
      en: () => 'choose another name, or edit the existing file',
      ru: () => 'выберите другое имя или отредактируйте существующий файл',
    },
  },
  usage: {
    severity: 'error',
    message: { en: (a) => s(a.message), ru: (a) => s(a.messageRu ?? a.message) },
    hint: { en: () => 'see council-press --help', ru: () => 'см. council-press --help' },
  },
} satisfies Record<string, CatalogueEntry>;
