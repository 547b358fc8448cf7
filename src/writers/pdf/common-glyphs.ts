/**
 * Every handout of a process starts the subsets of its upright faces (fonts.ts, createPdf's
 * `commonGlyphs`) with the same glyphs in the same order: those of Russian and English running
 * text (the two alphabets, digits, the punctuation the typograph sets). A document's own glyphs,
 * in the order it first uses them, come after.
 *
 * pdfkit numbers a subset's glyphs in the order a document first uses them, so two handouts made
 * the same subset only when they used the same characters in the same order: almost never.
 * Encoding and deflating the subset was ~2.3 ms of every handout (a quarter of one at 300
 * partnerships). Seeded, a handout whose text keeps to the common characters (nearly all do) has
 * exactly the common subset, which font-stream-cache.ts then makes once per face per process.
 * The price is the glyphs a document does not use: ~33 KB per seeded face (PT Sans carries its
 * hinting): a one-page handout went from 70 to 137 KB.
 *
 * Only embedding changes: which glyphs the PDF carries and the ids its text is written with. The
 * glyphs' shapes, widths and code points (the ToUnicode map: text still extracts and searches)
 * are what pdfkit records on first use: each glyph object, code points included, was made once
 * per font from its own code point (fonts.ts parsedFont), and shaping hands out the same objects.
 */
import type { Font } from 'fontkit';

/** U+0020–U+007E, Cyrillic А–я Ёё, and the Latin-1 and general punctuation of typeset text. */
const COMMON_CODE_POINTS: readonly number[] = [
  ...range(0x20, 0x7e),
  ...range(0x410, 0x44f),
  0x401, 0x451,
  // nbsp « » © ° § ×
  0xa0, 0xab, 0xbb, 0xa9, 0xb0, 0xa7, 0xd7,
  // non-breaking hyphen, en and em dash, quotes ‘ ’ “ ” „, bullet, ellipsis, thin and narrow spaces, №, minus
  0x2011, 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x201e, 0x2022, 0x2026, 0x2009, 0x202f, 0x2116, 0x2212,
];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** What this module uses of pdfkit's EmbeddedFont (not in @types/pdfkit). */
interface EmbeddedFontInternals {
  font: Font;
  scale: number;
  subset: { includeGlyph(id: number): number; cff?: unknown };
  widths: number[];
  unicode: number[][];
}

interface Seed {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

const seeds = new WeakMap<Font, Seed[]>();

/** The font's glyphs for the common code points, once per font: distinct ids, in code point order. */
function seedsOf(font: Font): Seed[] {
  let list = seeds.get(font);
  if (!list) {
    const seen = new Set<number>([0]);
    list = [];
    for (const cp of COMMON_CODE_POINTS) {
      if (!font.hasGlyphForCodePoint(cp)) continue;
      const glyph = font.glyphForCodePoint(cp);
      if (seen.has(glyph.id)) continue;
      seen.add(glyph.id);
      list.push({ id: glyph.id, advanceWidth: glyph.advanceWidth, codePoints: glyph.codePoints });
    }
    seeds.set(font, list);
  }
  return list;
}

/** Puts the common glyphs first into a face's subset, before the document uses the face. */
export function seedCommonGlyphs(embedded: unknown): void {
  const e = embedded as Partial<EmbeddedFontInternals> | undefined;
  // Only pdfkit's TrueType path (CFF fonts subset differently; anything else is left alone).
  if (!e?.font || !e.subset || e.subset.cff != null || typeof e.subset.includeGlyph !== 'function' || !e.widths || !e.unicode || !e.scale) return;
  for (const seed of seedsOf(e.font)) {
    const gid = e.subset.includeGlyph(seed.id);
    // As pdfkit's encode() records a glyph it meets for the first time.
    e.widths[gid] ??= seed.advanceWidth * e.scale;
    e.unicode[gid] ??= seed.codePoints;
  }
}
