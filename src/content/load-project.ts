/**
 * `content/` → the typed Project. Walks the folder once, parses every file, and collects EVERY problem
 * (a broken file does not hide the next one). Never reads outside the content folder: every file is
 * checked against the real (symlink-resolved) content folder before it is opened.
 */
import { existsSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Lang } from '../document/model.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { Project } from '../schema/model.js';
import { councilSchema, type CouncilFrontMatter } from '../schema/council.js';
import {
  LANGUAGE_NEUTRAL_FIELDS,
  partnershipSchema,
  partnershipTranslationSchema,
  type PartnershipFrontMatter,
  type PartnershipTranslationFrontMatter,
} from '../schema/partnership.js';
import { isInside } from './content-path.js';
import { markdownName } from './file-names.js';
import { buildEditions, shownPath, type LoadedFile } from './editions.js';
import type { ParseFileOptions } from './parse-file.js';
import { DEFAULT_LIMITS, type ReadLimits } from './read-file.js';
import { brandGlyphCheck } from './glyphs.js';
import { ContentMemo } from './content-memo.js';

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Languages a translation file may be in (Russian is the source, never a translation). */
export const TRANSLATION_LANGS: readonly Lang[] = ['en'];

export interface LoadProjectOptions {
  contentDir: string;
  templatesDir: string;
  /** Editions to build; Russian is always included. */
  langs: Lang[];
  limits?: Partial<ReadLimits> & { maxAliasCount?: number };
}

export interface LoadProjectResult {
  /** Present only when there are no errors (warnings allowed). */
  project?: Project;
  diagnostics: Diagnostic[];
}

/** `Dubna_La Crosse` → `dubna-la-crosse`, when that makes a valid slug. */
function suggestSlug(name: string): string | undefined {
  const s = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return SLUG_PATTERN.test(s) ? s : undefined;
}

function listDir(dir: string): Dirent[] {
  return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function loadProject(opts: LoadProjectOptions): LoadProjectResult {
  const contentDir = resolve(opts.contentDir);
  const diagnostics: Diagnostic[] = [];
  if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) {
    return { diagnostics: [diagnostic('content-missing', { dir: shownPath(contentDir) })] };
  }
  const realContent = realpathSync(contentDir);
  const parseOptions: ParseFileOptions = {
    maxBytes: opts.limits?.contentBytes ?? DEFAULT_LIMITS.contentBytes,
    maxAliasCount: opts.limits?.maxAliasCount,
  };
  const top = (file: string) => ({ file, line: 1, column: 1 });

  /**
   * A file we may open: real path inside the content folder (a symlink pointing out is refused).
   * `entry` is the file's own listing in a folder already known to be inside: when it is not a link,
   * its real path is that folder's plus its name, so the (lstat-per-component) realpath is skipped.
   */
  const safe = (file: string, entry?: Dirent): boolean => {
    if (entry && !entry.isSymbolicLink()) return true;
    let real: string;
    try {
      real = realpathSync(file);
    } catch {
      diagnostics.push(diagnostic('read-error', { reason: 'broken link' }, top(file)));
      return false;
    }
    if (isInside(real, realContent)) return true;
    diagnostics.push(diagnostic('path-outside-content', { path: shownPath(file) }, top(file)));
    return false;
  };

  let council: LoadedFile<CouncilFrontMatter> | undefined;
  const councilTranslations = new Map<Lang, LoadedFile<CouncilFrontMatter>>();
  const russian = new Map<string, LoadedFile<PartnershipFrontMatter>>();
  const translations = new Map<string, Map<Lang, LoadedFile<PartnershipTranslationFrontMatter>>>();

  // Each file is read once: parsed (or handed back unchanged from the memo) and glyph-checked from that text.
  const memo = new ContentMemo(realContent);
  const texts: { file: string; text: string }[] = [];
  const collect = <T>(loaded: { parsed: LoadedFile<T>; text?: string }): LoadedFile<T> => {
    diagnostics.push(...loaded.parsed.diagnostics);
    if (loaded.text !== undefined) texts.push({ file: loaded.parsed.file, text: loaded.text });
    return loaded.parsed;
  };

  /** Warns about non-Markdown files anywhere outside assets/ (recursively); Markdown elsewhere is left alone. */
  const strays = (dir: string): void => {
    for (const entry of listDir(dir)) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) strays(path);
      else if (!entry.name.toLowerCase().endsWith('.md')) diagnostics.push(diagnostic('stray-file', { name: entry.name }, top(path)));
    }
  };

  for (const entry of listDir(contentDir)) {
    const path = join(contentDir, entry.name);
    if (entry.name.startsWith('.') || entry.name === 'assets') continue;
    if (entry.name === 'partnerships' && (entry.isDirectory() || entry.isSymbolicLink())) continue;
    const councilName = markdownName(entry.name);
    if (councilName?.stem === 'council' && !entry.isDirectory()) {
      if (!safe(path, entry)) continue;
      const lang = councilName.lang as Lang | undefined;
      if (lang === undefined) {
        council = collect(memo.load(path, councilSchema, parseOptions));
      } else if (!TRANSLATION_LANGS.includes(lang)) {
        diagnostics.push(diagnostic('unknown-language', { lang }, top(path)));
      } else {
        councilTranslations.set(lang, collect(memo.load(path, councilSchema, parseOptions)));
      }
      continue;
    }
    if (entry.isDirectory()) strays(path);
    else if (!entry.name.toLowerCase().endsWith('.md')) diagnostics.push(diagnostic('stray-file', { name: entry.name }, top(path)));
  }
  if (!council) diagnostics.push(diagnostic('council-missing', {}, top(join(contentDir, 'council.md'))));

  const partnershipsDir = join(contentDir, 'partnerships');
  if (existsSync(partnershipsDir) && safe(partnershipsDir) && statSync(partnershipsDir).isDirectory()) {
    for (const entry of listDir(partnershipsDir)) {
      const path = join(partnershipsDir, entry.name);
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) {
        strays(path);
        continue;
      }
      const name = markdownName(entry.name);
      if (!name) {
        diagnostics.push(diagnostic('stray-file', { name: entry.name }, top(path)));
        continue;
      }
      const slug = name.stem;
      if (!SLUG_PATTERN.test(slug)) {
        diagnostics.push(diagnostic('invalid-slug', { slug, suggestion: suggestSlug(slug) }, top(path)));
        continue;
      }
      if (!safe(path, entry)) continue; // the folder's real path was checked just above
      if (name.lang !== undefined) {
        const lang = name.lang as Lang;
        if (!TRANSLATION_LANGS.includes(lang)) {
          diagnostics.push(diagnostic('unknown-language', { lang }, top(path)));
          continue;
        }
        const parsed = collect(
          memo.load(path, partnershipTranslationSchema, {
            ...parseOptions,
            refusedFields: LANGUAGE_NEUTRAL_FIELDS,
            refusedFieldsHome: shownPath(join(partnershipsDir, `${slug}.md`)),
          }),
        );
        if (!translations.has(slug)) translations.set(slug, new Map());
        translations.get(slug)!.set(lang, parsed);
      } else {
        russian.set(slug, collect(memo.load(path, partnershipSchema, parseOptions)));
      }
    }
  }

  // Translations must have their Russian file.
  for (const [slug, byLang] of translations) {
    if (russian.has(slug)) continue;
    for (const t of byLang.values()) {
      diagnostics.push(diagnostic('orphan-translation', { file: shownPath(t.file), expected: `${slug}.md` }, top(t.file)));
    }
  }
  if (russian.size === 0) diagnostics.push(diagnostic('no-partnerships', {}, top(partnershipsDir)));

  // Each order once; the later file (in slug order) is reported, naming the earlier.
  const byOrder = new Map<number, string>();
  for (const p of russian.values()) {
    if (!p.data) continue;
    const other = byOrder.get(p.data.order);
    if (other) {
      diagnostics.push(diagnostic('duplicate-order', { order: p.data.order, other: shownPath(other) }, p.yaml!.positionOf(['order'])));
    } else {
      byOrder.set(p.data.order, p.file);
    }
  }

  // Characters the brand font lacks, at the line and column where they were typed (case 19).
  const glyphs = brandGlyphCheck(opts.templatesDir);
  if (glyphs) for (const { file, text } of texts) diagnostics.push(...memo.glyphs(file, text, glyphs));
  memo.commit();

  const langs: Lang[] = ['ru', ...opts.langs.filter((l) => l !== 'ru')];
  const editions = buildEditions({ contentDir, langs, council, councilTranslations, russian, translations, diagnostics });
  if (hasErrors(diagnostics) || !editions) return { diagnostics };
  return {
    project: { contentDir, templatesDir: resolve(opts.templatesDir), editions },
    diagnostics,
  };
}
