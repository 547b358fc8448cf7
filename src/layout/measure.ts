/**
 * Text width with the real font: advance widths plus GPOS kerning, exactly as fontkit's shaper
 * (`font.layout`) computes them. Widths are cached per font in font units, so one measurement
 * serves every point size the layout tries while it steps the size down.
 *
 * fontkit's shaper costs 30–200 µs a call, too slow for 300 partnerships of fresh words. PT Sans'
 * default features on Latin and Cyrillic are pair kerning (and a few Latin ligatures), so a word's
 * width is the sum of its glyph advances plus one kerning value per adjacent pair. Each advance and
 * each pair is shaped once per process by fontkit itself; a pair that does not shape to two glyphs
 * (a ligature, a mark) sends its words back to the full shaper, as does any character outside the
 * simple scripts. A test checks the fast path against `font.layout` on the seed's words.
 */
import type { Font } from 'fontkit';

interface FontTables {
  unitsPerEm: number;
  words: Map<string, number>;
  advances: Map<number, number>;
  /** Pair kerning by `first * 0x110000 + second`; NaN marks a pair that needs the full shaper. */
  pairs: Map<number, number>;
}

const tables = new WeakMap<Font, FontTables>();
/** Caches only hold short strings (words); whole paragraphs would just fill memory. */
const MAX_CACHED_LENGTH = 64;
const MAX_CACHE_ENTRIES = 200_000;

function tablesOf(font: Font): FontTables {
  let t = tables.get(font);
  if (!t) {
    // fontkit's `unitsPerEm` is a getter that reads the head table on every access: read it once.
    t = { unitsPerEm: font.unitsPerEm, words: new Map(), advances: new Map(), pairs: new Map() };
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

function shapedUnits(text: string, font: Font): number {
  const run = font.layout(text);
  let units = 0;
  for (const p of run.positions) units += p.xAdvance;
  return units;
}

function advance(t: FontTables, font: Font, cp: number): number {
  let a = t.advances.get(cp);
  if (a === undefined) t.advances.set(cp, (a = shapedUnits(String.fromCodePoint(cp), font)));
  return a;
}

function pair(t: FontTables, font: Font, a: number, b: number): number {
  const key = a * 0x110000 + b;
  let k = t.pairs.get(key);
  if (k === undefined) {
    const run = font.layout(String.fromCodePoint(a, b));
    k = run.glyphs.length === 2 ? run.positions[0].xAdvance + run.positions[1].xAdvance - advance(t, font, a) - advance(t, font, b) : Number.NaN;
    t.pairs.set(key, k);
  }
  return k;
}

/** Sum of advances and pair kerning, or NaN when the text needs the full shaper. */
function pairwiseUnits(text: string, t: FontTables, font: Font): number {
  let units = 0;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00) return Number.NaN;
    if (!simple(cp)) return Number.NaN;
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

/** The full shaper's answer, uncached (for tests and for checking the fast path). */
export function shapedWidth(text: string, font: Font, sizePt: number): number {
  return (shapedUnits(text, font) * sizePt) / tablesOf(font).unitsPerEm;
}

/** Width of `text` set in `font` at `sizePt` points, in points. */
export function measureText(text: string, font: Font, sizePt: number): number {
  return (measureUnits(text, font) * sizePt) / tablesOf(font).unitsPerEm;
}
