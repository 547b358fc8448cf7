/**
 * Parsed files → one Edition per language. Facts (since, order, layout, image files, numbers) come only
 * from the Russian file; a translation supplies words. A missing translation falls back to the Russian
 * text with a warning naming the file that is missing.
 */
import { join, relative, sep } from 'node:path';
import type { Lang } from '../document/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { Council, Edition, ImageRef, Partnership, Project } from '../schema/model.js';
import type { CouncilFrontMatter } from '../schema/council.js';
import type { PartnershipFrontMatter, PartnershipTranslationFrontMatter } from '../schema/partnership.js';
import { resolveContentPath } from './content-path.js';
import type { ParsedContentFile } from './parse-file.js';

export type LoadedFile<T> = ParsedContentFile<T>;

/** A path as staff see it in messages: relative to the current folder, `/` separators. */
export function shownPath(file: string): string {
  const rel = relative(process.cwd(), file) || '.';
  return sep === '\\' ? rel.split('\\').join('/') : rel;
}

interface EditionInput {
  contentDir: string;
  langs: Lang[];
  council?: LoadedFile<CouncilFrontMatter>;
  councilTranslations: Map<Lang, LoadedFile<CouncilFrontMatter>>;
  russian: Map<string, LoadedFile<PartnershipFrontMatter>>;
  translations: Map<string, Map<Lang, LoadedFile<PartnershipTranslationFrontMatter>>>;
  /** Problems found here are appended. */
  diagnostics: Diagnostic[];
}

function resolveImages(p: LoadedFile<PartnershipFrontMatter>, contentDir: string, diagnostics: Diagnostic[]): ImageRef[] {
  const out: ImageRef[] = [];
  for (const [i, image] of (p.data?.images ?? []).entries()) {
    const position = p.yaml!.positionOf(['images', i, 'src']);
    const resolved = resolveContentPath(image.src, contentDir, contentDir, position);
    diagnostics.push(...resolved.diagnostics);
    if (!resolved.path) continue;
    out.push({
      src: resolved.normalised!,
      path: resolved.path,
      alt: image.alt,
      ...(image.caption !== undefined ? { caption: image.caption } : {}),
      ...(image.credit !== undefined ? { credit: image.credit } : {}),
      position,
    });
  }
  return out;
}

function russianPartnership(slug: string, p: LoadedFile<PartnershipFrontMatter>, images: ImageRef[]): Partnership {
  const d = p.data!;
  return {
    lang: 'ru',
    slug,
    city: d.city,
    partnerCity: d.partnerCity,
    state: d.state,
    since: d.since,
    ...(d.document !== undefined ? { document: d.document } : {}),
    programmes: d.programmes ?? [],
    order: d.order,
    ...(d.layout !== undefined ? { layout: d.layout } : {}),
    images,
    ...(d.timeline !== undefined ? { timeline: d.timeline } : {}),
    body: p.body!,
    file: p.file,
    position: p.position,
  };
}

/** The Russian partnership with a translation's words laid over it. */
function translated(base: Partnership, lang: Lang, t: LoadedFile<PartnershipTranslationFrontMatter>, diagnostics: Diagnostic[]): Partnership {
  const w = t.data!;
  const top = { file: t.file, line: 1, column: 1 };
  const untranslated = (field: string): void => {
    diagnostics.push(diagnostic('translation-field-missing', { field, lang }, top));
  };
  if (base.document !== undefined && w.document === undefined) untranslated('document');
  if (base.programmes.length && w.programmes === undefined) untranslated('programmes');
  if (base.timeline && !w.timeline) untranslated('timeline.label');
  const tImages = w.images ?? [];
  if (tImages.length > base.images.length) {
    diagnostics.push(
      diagnostic(
        'invalid-type',
        {
          field: 'images',
          expected: { en: `${base.images.length} pictures, as in the Russian file`, ru: `${base.images.length} картинок, как в русском файле` },
          found: tImages,
        },
        t.yaml!.positionOf(['images']),
      ),
    );
  }
  const images = base.images.map((img, i) => {
    const words = tImages[i];
    if (!words) return img;
    return {
      ...img,
      ...(words.alt !== undefined ? { alt: words.alt } : {}),
      ...(words.caption !== undefined ? { caption: words.caption } : {}),
      ...(words.credit !== undefined ? { credit: words.credit } : {}),
    };
  });
  return {
    ...base,
    lang,
    city: w.city,
    partnerCity: w.partnerCity,
    state: w.state,
    ...(w.document !== undefined ? { document: w.document } : {}),
    programmes: w.programmes ?? base.programmes,
    images,
    ...(base.timeline ? { timeline: { ...base.timeline, label: w.timeline?.label ?? base.timeline.label } } : {}),
    body: t.body!,
    file: t.file,
    factsFile: base.file,
    position: t.position,
  };
}

function councilOf(c: LoadedFile<CouncilFrontMatter>, lang: Lang): Council {
  const d = c.data!;
  return {
    lang,
    name: d.name,
    ...(d.coverLines !== undefined ? { coverLines: d.coverLines } : {}),
    lead: d.lead,
    director: { name: d.director.name, title: d.director.title },
    body: c.body!,
    file: c.file,
  };
}

export function buildEditions(input: EditionInput): Project['editions'] | undefined {
  const { contentDir, diagnostics } = input;
  if (!input.council?.data) return undefined;

  const base: Partnership[] = [];
  for (const [slug, p] of input.russian) {
    if (!p.data) continue;
    base.push(russianPartnership(slug, p, resolveImages(p, contentDir, diagnostics)));
  }
  base.sort((a, b) => a.order - b.order || (a.slug < b.slug ? -1 : 1));

  const editions: Partial<Record<Lang, Edition>> = {};
  for (const lang of input.langs) {
    if (lang === 'ru') {
      editions.ru = { lang, council: councilOf(input.council, 'ru'), partnerships: base };
      continue;
    }
    const ct = input.councilTranslations.get(lang);
    let council: Council;
    if (ct?.data) council = { ...councilOf(ct, lang), factsFile: input.council.file };
    else {
      if (!ct) {
        const expected = shownPath(join(contentDir, `council.${lang}.md`));
        diagnostics.push(diagnostic('missing-translation', { lang, expected }, { file: input.council.file, line: 1, column: 1 }));
      }
      council = { ...councilOf(input.council, 'ru'), lang };
    }
    const partnerships = base.map((p) => {
      const t = input.translations.get(p.slug)?.get(lang);
      if (t?.data) return translated(p, lang, t, diagnostics);
      if (!t) {
        const expected = shownPath(join(contentDir, 'partnerships', `${p.slug}.${lang}.md`));
        diagnostics.push(diagnostic('missing-translation', { lang, expected }, p.position));
      }
      return { ...p, lang };
    });
    editions[lang] = { lang, council, partnerships };
  }
  return editions as Project['editions'];
}
