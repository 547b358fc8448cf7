/**
 * Text width with the real font: fontkit shapes the string (advance widths, GPOS kerning,
 * ligatures) and we sum the glyph advances. Widths are cached per font in font units, so one
 * measurement serves every point size the layout tries while it steps the size down.
 */
import type { Font } from 'fontkit';

const unitCache = new WeakMap<Font, Map<string, number>>();
/** Caches only hold short strings (words); whole paragraphs would just fill memory. */
const MAX_CACHED_LENGTH = 64;
const MAX_CACHE_ENTRIES = 200_000;

/** Advance width of `text` in font units (1/unitsPerEm of the size). */
export function measureUnits(text: string, font: Font): number {
  if (text.length === 0) return 0;
  let cache = unitCache.get(font);
  if (!cache) {
    cache = new Map();
    unitCache.set(font, cache);
  }
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const run = font.layout(text);
  let units = 0;
  for (const p of run.positions) units += p.xAdvance;
  if (text.length <= MAX_CACHED_LENGTH) {
    if (cache.size >= MAX_CACHE_ENTRIES) cache.clear();
    cache.set(text, units);
  }
  return units;
}

/** Width of `text` set in `font` at `sizePt` points, in points. */
export function measureText(text: string, font: Font, sizePt: number): number {
  return (measureUnits(text, font) * sizePt) / font.unitsPerEm;
}
