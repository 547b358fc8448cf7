/**
 * The CLI's own diagnostic codes (the config file, the scaffold), registered into the one
 * catalogue so their wording lives beside every other message, in both languages.
 */
import { registerDiagnostics, type CatalogueEntry } from '../diagnostics/catalogue.js';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

registerDiagnostics({
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
} satisfies Record<string, CatalogueEntry>);
