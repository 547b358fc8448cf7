/**
 * The brand's four TTFs, read and parsed once per process. pdfkit 0.20 accepts a parsed fontkit
 * Font wherever it takes a font, so a build of hundreds of handouts parses PT Sans four times,
 * not four times per file. Every document opens them first (createPdf: no default font, then
 * registerBrandFonts), so pdfkit never loads its built-in Helvetica (which has no Cyrillic and
 * garbles it silently).
 */
import { readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';
import { cmapEntries } from '../../layout/cmap.js';
import { AssetCache } from '../../templates/asset-stamp.js';
import type { BrandFontFiles } from '../../templates/brand-model.js';
import { seedCommonGlyphs } from './common-glyphs.js';
import { rememberFontStreams } from './font-stream-cache.js';
import { rememberSubsetGlyphs } from './subset-cache.js';
import { useLayoutRuns } from './word-runs.js';

export type FontFace = keyof BrandFontFiles;
export const FONT_FACES: readonly FontFace[] = ['regular', 'bold', 'italic', 'boldItalic'];

/* Per file, made again when the file changes (asset-stamp.ts: a face replaced while watch runs). */
const buffers = new AssetCache<Buffer>();
const parsed = new AssetCache<Font>();

/** The file's bytes, read once per process (and again if the file changes). */
export function fontBuffer(path: string): Buffer {
  return buffers.get(path, () => readFileSync(path));
}

/** The parsed font, parsed once per process (and again if the file changes). */
export function parsedFont(path: string): Font {
  return parsed.get(path, () => {
    const made = create(fontBuffer(path));
    // A .ttc collection would need a postscript name; the brand ships plain TTFs.
    if (!('layout' in made)) throw new Error(`${path}: a font collection, expected a single TTF`);
    const font = made;
    // fontkit caches one glyph object per id with the code points it was first made with, and the
    // subsetter makes the components of composite glyphs (Cyrillic «а» is built from Latin «a»)
    // with none. A shared font would then give later documents Latin glyphs with no ToUnicode entry
    // (English text unextractable after a Russian handout). Making every mapped glyph from its code
    // point first keeps the cache right whatever order documents are written in. Compatibility
    // characters (the ligatures ﬁ ﬂ) are left out: their glyphs must keep the code points the shaper
    // gives them (f, i), or extracted text and search would read «ﬁrst».
    // The code points and glyph ids are read from the cmap directly (cmap.ts: in fontkit's order,
    // with its lookup's ids), ~10 ms less than fontkit's characterSet and lookup for four faces.
    const entries = cmapEntries(fontBuffer(path));
    if (entries) {
      for (const [cp, glyph] of entries) {
        const char = String.fromCodePoint(cp);
        if (char.normalize('NFKD') === char) font.getGlyph(glyph, [cp]);
      }
    } else {
      for (const cp of font.characterSet) {
        const char = String.fromCodePoint(cp);
        if (char.normalize('NFKD') === char) font.glyphForCodePoint(cp);
      }
    }
    rememberSubsetGlyphs(font);
    return font;
  });
}

/*
 * pdfkit shapes text word by word with fontkit (GSUB/GPOS lookups, the largest cost of a handout)
 * and remembers each word's glyph run, but per document: every handout started cold. The runs
 * depend only on the font and the word (positions scaled to pdfkit's 1000 units, which is the same
 * for every document), and pdfkit never changes a cached run (it copies what it adjusts), so one
 * cache per face serves every document of the process. Replaced by a fresh one when it grows large.
 */
const LAYOUT_CACHE_LIMIT = 100_000;
const layoutCaches = new WeakMap<Font, { runs: Record<string, unknown>; uses: number }>();
/** Counts the shared caches replaced, so a document kept across handouts can tell it holds an old one. */
let replacedCaches = 0;

/** Changes whenever a face's shared run cache is replaced by a fresh one (flow.ts's measuring document). */
export function layoutCacheGeneration(): number {
  return replacedCaches;
}

function shareLayoutCache(doc: PDFKit.PDFDocument, font: Font): void {
  const embedded = (doc as unknown as { _font?: { name?: string; layoutCache?: Record<string, unknown> } })._font;
  if (!embedded || embedded.name !== font.postscriptName || !embedded.layoutCache) return;
  // Per parsed font, not per name: a face replaced while watch runs keeps its name, not its runs.
  let shared = layoutCaches.get(font);
  // Counting a large object's keys is not free: look every 64 documents.
  if (shared && ++shared.uses % 64 === 0 && Object.keys(shared.runs).length >= LAYOUT_CACHE_LIMIT) shared = undefined;
  if (!shared) {
    if (layoutCaches.has(font)) replacedCaches++;
    shared = { runs: Object.create(null) as Record<string, unknown>, uses: 0 };
    layoutCaches.set(font, shared);
  }
  embedded.layoutCache = shared.runs;
}

/**
 * The faces whose subsets differ from handout to handout (common-glyphs.ts). The italic ones set
 * little but the council's message, the same in every handout, so their small subsets already
 * repeat and are made once. Only documents made by the hundred are seeded (createPdf's
 * `commonGlyphs`): the deck's PDF and the combined handout, one each, would only grow.
 */
const SEEDED_FACES: ReadonlySet<FontFace> = new Set(['regular', 'bold']);

const faceNames = new WeakMap<PDFKit.PDFDocument, Record<FontFace, string>>();

/**
 * Opens the four faces in a document and remembers their postscript names. Faces are then
 * selected by postscript name (`useFace`), which pdfkit finds in its font cache directly: a name
 * given to `registerFont` for the document's default font is never cached by pdfkit 0.20, so
 * every `font('regular')` would re-open the font and compare name tables (seconds per handout).
 */
export function registerBrandFonts(doc: PDFKit.PDFDocument, files: BrandFontFiles, options: { commonGlyphs?: boolean } = {}): void {
  const names = {} as Record<FontFace, string>;
  for (const face of FONT_FACES) {
    const font = parsedFont(files[face]);
    // @types/pdfkit predates 0.20's parsed-font support; the runtime takes a fontkit Font.
    doc.font(font as unknown as Buffer);
    names[face] = font.postscriptName;
    shareLayoutCache(doc, font);
    const embedded = (doc as unknown as { _font?: unknown })._font;
    useLayoutRuns(embedded, font);
    rememberFontStreams(embedded);
    if (options.commonGlyphs && SEEDED_FACES.has(face)) seedCommonGlyphs(embedded);
  }
  faceNames.set(doc, names);
  doc.font(names.regular);
}

/** The four faces' postscript names as one string (undefined when the brand fonts are not registered). */
export function registeredFaceNames(doc: PDFKit.PDFDocument): string | undefined {
  const names = faceNames.get(doc);
  return names && FONT_FACES.map((face) => names[face]).join('\u0001');
}

/** The face currently selected in `doc` (undefined for a font that is not one of the brand's faces). */
export function currentFace(doc: PDFKit.PDFDocument): FontFace | undefined {
  const names = faceNames.get(doc);
  const current = (doc as unknown as { _font?: { name?: string } })._font?.name;
  return names && FONT_FACES.find((face) => names[face] === current);
}

/** Selects a face in a document set up by `registerBrandFonts`. */
export function useFace(doc: PDFKit.PDFDocument, face: FontFace): PDFKit.PDFDocument {
  const names = faceNames.get(doc);
  if (!names) throw new Error('useFace: the brand fonts are not registered in this document');
  return doc.font(names[face]);
}

export function faceFor(bold: boolean | undefined, italic: boolean | undefined): FontFace {
  if (bold && italic) return 'boldItalic';
  if (bold) return 'bold';
  if (italic) return 'italic';
  return 'regular';
}
