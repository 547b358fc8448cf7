/**
 * pdfkit's word runs from the layout stage's tables instead of fontkit's shaper.
 *
 * pdfkit shapes each word it has not seen with `font.layout` (GSUB and GPOS lookups over a glyph
 * run: 30–200 µs a word, most of it code that runs cold in a short build): ~65 ms of the seed
 * build. The layout stage has already measured every one of those words from advances and pair
 * kerning that it shaped once each (src/layout/measure.ts, `pairwiseRun`), which give the same
 * glyphs and advances for the simple scripts. EmbeddedFont.layoutRun is replaced, per embedded
 * font, by one that builds the run from them, scaled as pdfkit scales fontkit's; any word those
 * tables cannot answer, or a call with features, goes to pdfkit's own.
 */
import type { Font, Glyph } from 'fontkit';
import { pairwiseRun } from '../../layout/measure.js';
import type { RunPosition } from './fast-text.js';

interface WordRun {
  glyphs: Glyph[];
  positions: RunPosition[];
  advanceWidth: number;
}

/** What this module uses of pdfkit's EmbeddedFont (not in @types/pdfkit). */
interface EmbeddedFontInternals {
  font?: unknown;
  scale?: number;
  layoutRun?: (text: string, features?: unknown) => unknown;
}

const patched = new WeakSet<object>();

/**
 * The run of `text` as pdfkit's layoutRun makes it from fontkit's (each position value multiplied
 * by the scale, in the same order, and the glyph's own advance added), or undefined.
 */
export function scaledWordRun(text: string, font: Font, scale: number): WordRun | undefined {
  const run = pairwiseRun(text, font);
  if (!run) return undefined;
  const positions: RunPosition[] = [];
  let advanceWidth = 0;
  for (let i = 0; i < run.glyphs.length; i++) {
    const xAdvance = run.xAdvances[i]! * scale;
    positions.push({ xAdvance, yAdvance: 0 * scale, xOffset: 0 * scale, yOffset: 0 * scale, advanceWidth: run.glyphs[i]!.advanceWidth * scale });
    // fontkit's GlyphRun.advanceWidth: the positions' xAdvance summed in order.
    advanceWidth += xAdvance;
  }
  return { glyphs: run.glyphs, positions, advanceWidth };
}

/** Makes the embedded font `embedded` (pdfkit's, for `font`) build its word runs from the layout tables. */
export function useLayoutRuns(embedded: unknown, font: Font): void {
  const e = embedded as EmbeddedFontInternals | undefined;
  if (!e || e.font !== font || typeof e.scale !== 'number' || typeof e.layoutRun !== 'function' || patched.has(e)) return;
  const shaped = e.layoutRun;
  const scale = e.scale;
  e.layoutRun = function (this: EmbeddedFontInternals, text: string, features?: unknown) {
    return (features === undefined && scaledWordRun(text, font, scale)) || shaped.call(this, text, features);
  };
  patched.add(e);
}
