/**
 * Text width with the real font: advance widths plus GPOS kerning, exactly as fontkit's shaper
 * (`font.layout`) computes them. Widths are cached per font in font units, so one measurement
 * serves every point size the layout tries while it steps the size down.
 *
 * fontkit's shaper costs 30–200 µs a call, too slow for 300 partnerships of fresh words. PT Sans'
 * default features on Latin and Cyrillic are pair kerning (and a few Latin ligatures), so a word's
 * width is the sum of its glyph advances plus one kerning value per adjacent pair. For a font whose
 * default lookups allow it, each advance and pair is read from its tables (pair-kerning.ts), and a
 * word with a glyph some substitution may act on is shaped whole; for any other font each advance
 * and pair is shaped once per process by fontkit itself, and a pair that does not shape to two
 * glyphs (a ligature, a mark) sends its words to the full shaper. Characters outside the simple
 * scripts always do. Tests check the fast path against `font.layout` on every pair of the Latin
 * and Cyrillic characters and on the seed's words.
 */
import type { Font, Glyph } from 'fontkit';
import { pairKerning } from './pair-kerning.js';

interface FontTables {
  unitsPerEm: number;
  words: Map<string, number>;
  advances: Map<number, number>;
  /** Pair kerning by `first * 0x110000 + second`; NaN marks a pair that needs the full shaper. */
  pairs: Map<number, number>;
  /**
   * The same pair's kerning as the first glyph's extra advance, as the shaper places it; NaN when
   * the pair is not two glyphs each moved by nothing but that (a ligature, a substitution, an
   * adjustment of the second glyph or of a glyph's offset): drawing it needs the full shaper.
   */
  firstKerns: Map<number, number>;
  /**
   * Code points whose glyph a default substitution may act on, for a font whose kerning is read
   * from its tables (pair-kerning.ts): a word with one is shaped whole.
   */
  triggers: Map<number, boolean>;
  /** fontkit's glyph for each code point: its cmap lookup costs ~3 µs a call, and every pair asks twice. */
  glyphs: Map<number, Glyph>;
}

const tables = new WeakMap<Font, FontTables>();
/** Caches only hold short strings (words); whole paragraphs would just fill memory. */
const MAX_CACHED_LENGTH = 64;
const MAX_CACHE_ENTRIES = 200_000;

function tablesOf(font: Font): FontTables {
  let t = tables.get(font);
  if (!t) {
    // fontkit's `unitsPerEm` is a getter that reads the head table on every access: read it once.
    t = { unitsPerEm: font.unitsPerEm, words: new Map(), advances: new Map(), pairs: new Map(), firstKerns: new Map(), triggers: new Map(), glyphs: new Map() };
    tables.set(font, t);
  }
  return t;
}

export function unitsPerEm(font: Font): number {
  return tablesOf(font).unitsPerEm;
}

/** Latin, Latin-1, Latin Extended-A, Greek, Cyrillic, general punctuation, currency: no marks, no shaping. */
const simple = (cp: number): boolean =>
  (cp >= 0x20 && cp < 0x7f) || (cp >= 0xa0 && cp < 0x180) || (cp >= 0x370 && cp < 0x483) || (cp >= 0x48a && cp < 0x530) || (cp >= 0x2000 && cp < 0x20c0) || cp === 0x2116;

/**
 * Code points the shaper draws as an invisible space (fontkit's hideDefaultIgnorables): the soft
 * hyphen, zero-width and bidi controls, the word joiner. Such a word is left to the shaper.
 */
const ignorable = (cp: number): boolean => cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f);

function shapedUnits(text: string, font: Font): number {
  const run = font.layout(text);
  let units = 0;
  for (const p of run.positions) units += p.xAdvance;
  return units;
}

function glyphOf(t: FontTables, font: Font, cp: number): Glyph {
  let glyph = t.glyphs.get(cp);
  if (!glyph) t.glyphs.set(cp, (glyph = font.glyphForCodePoint(cp)));
  return glyph;
}

function advance(t: FontTables, font: Font, cp: number): number {
  let a = t.advances.get(cp);
  if (a === undefined) {
    // A glyph no default substitution can touch is set at its own advance (pair-kerning.ts).
    a = !ignorable(cp) && pairKerning(font) && !trigger(t, font, cp) ? glyphOf(t, font, cp).advanceWidth : shapedUnits(String.fromCodePoint(cp), font);
    t.advances.set(cp, a);
  }
  return a;
}

function shapePair(t: FontTables, font: Font, a: number, b: number, key: number): void {
  const kerning = pairKerning(font);
  if (kerning && !ignorable(a) && !ignorable(b) && !trigger(t, font, a) && !trigger(t, font, b)) {
    const { first, second, plain } = kerning.adjust(glyphOf(t, font, a).id, glyphOf(t, font, b).id);
    t.pairs.set(key, first + second);
    t.firstKerns.set(key, plain && second === 0 ? first : Number.NaN);
    return;
  }
  const run = font.layout(String.fromCodePoint(a, b));
  const [first, second] = run.positions;
  if (run.glyphs.length !== 2 || !first || !second) {
    t.pairs.set(key, Number.NaN);
    t.firstKerns.set(key, Number.NaN);
    return;
  }
  const adjusted = first.xAdvance - advance(t, font, a);
  t.pairs.set(key, adjusted + second.xAdvance - advance(t, font, b));
  const plain =
    second.xAdvance === advance(t, font, b) &&
    !first.yAdvance && !first.xOffset && !first.yOffset && !second.yAdvance && !second.xOffset && !second.yOffset &&
    run.glyphs[0]!.id === glyphOf(t, font, a).id &&
    run.glyphs[1]!.id === glyphOf(t, font, b).id;
  t.firstKerns.set(key, plain ? adjusted : Number.NaN);
}

/** A pair's entry in one of the two pair tables, shaping the pair the first time it is asked for. */
function pairEntry(t: FontTables, font: Font, a: number, b: number, table: Map<number, number>): number {
  const key = a * 0x110000 + b;
  let k = table.get(key);
  if (k === undefined) {
    shapePair(t, font, a, b, key);
    k = table.get(key)!;
  }
  return k;
}

const pair = (t: FontTables, font: Font, a: number, b: number): number => pairEntry(t, font, a, b, t.pairs);
const firstKern = (t: FontTables, font: Font, a: number, b: number): number => pairEntry(t, font, a, b, t.firstKerns);

/**
 * True when `cp` must go to the shaper, for a font pair-kerning.ts reads: a substitution may act
 * on its glyph, or fontkit's one glyph object for that id was made for another code point (two
 * characters sharing a glyph), whose properties (a mark, an invisible character) the shaper
 * would go by.
 */
function trigger(t: FontTables, font: Font, cp: number): boolean {
  let is = t.triggers.get(cp);
  if (is === undefined) {
    const kerning = pairKerning(font);
    const glyph = glyphOf(t, font, cp);
    is = kerning !== undefined && (kerning.triggers.has(glyph.id) || glyph.codePoints[0] !== cp);
    t.triggers.set(cp, is);
  }
  return is;
}

/** Sum of advances and pair kerning, or NaN when the text needs the full shaper. */
function pairwiseUnits(text: string, t: FontTables, font: Font): number {
  let units = 0;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00) return Number.NaN;
    if (!simple(cp) || trigger(t, font, cp)) return Number.NaN;
    units += advance(t, font, cp);
    if (prev >= 0) units += pair(t, font, prev, cp);
    prev = cp;
  }
  return units;
}

/** Advance width of `text` in font units (1/unitsPerEm of the size). */
export function measureUnits(text: string, font: Font): number {
  if (text.length === 0) return 0;
  const t = tablesOf(font);
  const hit = t.words.get(text);
  if (hit !== undefined) return hit;
  let units = pairwiseUnits(text, t, font);
  if (Number.isNaN(units)) units = shapedUnits(text, font);
  if (text.length <= MAX_CACHED_LENGTH) {
    if (t.words.size >= MAX_CACHE_ENTRIES) t.words.clear();
    t.words.set(text, units);
  }
  return units;
}

/** A word as the shaper sets it: its glyphs, and each one's advance in font units, kerning included. */
export interface PairwiseRun {
  glyphs: Glyph[];
  xAdvances: number[];
}

/**
 * `text` shaped from the same per-process tables as its width (one shaper call per code point and
 * per adjacent pair, ever), or undefined when a character or pair needs the full shaper. The glyphs
 * are fontkit's own objects (one per glyph id per font), the advances what `font.layout` gives:
 * the glyph's advance plus the kerning of the pair it starts. A test compares the two on every
 * word of the seed.
 */
export function pairwiseRun(text: string, font: Font): PairwiseRun | undefined {
  // Only where a substitution in context is ruled out glyph by glyph (pair-kerning.ts).
  if (text.length === 0 || !pairKerning(font)) return undefined;
  const t = tablesOf(font);
  const glyphs: Glyph[] = [];
  const xAdvances: number[] = [];
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    if (!simple(cp) || ignorable(cp) || trigger(t, font, cp)) return undefined;
    const glyph = glyphOf(t, font, cp);
    const own = glyph.advanceWidth;
    // A character the shaper substitutes even on its own (its advance differs from its glyph's).
    if (own !== advance(t, font, cp)) return undefined;
    if (prev >= 0) {
      const kern = firstKern(t, font, prev, cp);
      if (Number.isNaN(kern)) return undefined;
      xAdvances[i - 1] += kern;
    }
    glyphs.push(glyph);
    xAdvances.push(own);
    prev = cp;
  }
  return { glyphs, xAdvances };
}

/** The full shaper's answer, uncached (for tests and for checking the fast path). */
export function shapedWidth(text: string, font: Font, sizePt: number): number {
  return (shapedUnits(text, font) * sizePt) / tablesOf(font).unitsPerEm;
}

/** Width of `text` set in `font` at `sizePt` points, in points. */
export function measureText(text: string, font: Font, sizePt: number): number {
  return (measureUnits(text, font) * sizePt) / tablesOf(font).unitsPerEm;
}
