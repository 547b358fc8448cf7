// pdfkit's word runs built from the layout stage's tables (src/writers/pdf/word-runs.ts) against
// the runs pdfkit makes with fontkit's shaper (EmbeddedFont.layoutRun: positions scaled to 1000
// units), on every word of the seed with and without the space pdfkit keeps after it.
import { describe, expect, test } from 'vitest';
import { loadBrandFonts } from '../../src/layout/fonts.js';
import { scaledWordRun } from '../../src/writers/pdf/word-runs.js';
import { seedDeck, testBrand } from '../layout/helpers.js';

const fonts = loadBrandFonts(testBrand().fonts.files);

/** What pdfkit 0.20's EmbeddedFont.layoutRun returns for `text`, from fontkit's shaper. */
function pdfkitRun(text: string, font: (typeof fonts)['regular'], scale: number) {
  const run = font.layout(text);
  const positions = run.positions.map((p: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }, i: number) => ({
    xAdvance: p.xAdvance * scale,
    yAdvance: p.yAdvance * scale,
    xOffset: p.xOffset * scale,
    yOffset: p.yOffset * scale,
    advanceWidth: run.glyphs[i]!.advanceWidth * scale,
  }));
  return { glyphs: run.glyphs.map((g: { id: number }) => g.id), positions, advanceWidth: positions.reduce((sum: number, p: { xAdvance: number }) => sum + p.xAdvance, 0) };
}

describe('word runs from the layout tables', () => {
  const seed = [...JSON.stringify(seedDeck()).matchAll(/"text":"([^"]*)"/g)].map((m) => m[1]).join(' ');
  const words = [...new Set(seed.split(/[\s\u00A0]+/).filter(Boolean))];

  test('equal pdfkit\'s own runs for every seed word, with and without its space, in all four faces', () => {
    let fast = 0;
    for (const [face, font] of Object.entries(fonts)) {
      const scale = 1000 / font.unitsPerEm;
      for (const word of words.flatMap((w) => [w, `${w} `])) {
        const run = scaledWordRun(word, font, scale);
        if (!run) continue;
        fast++;
        expect({ glyphs: run.glyphs.map((g) => g.id), positions: run.positions, advanceWidth: run.advanceWidth }, `${face}: ${word}`).toEqual(pdfkitRun(word, font, scale));
        // The same glyph objects pdfkit would get: the subset and the ToUnicode map read them.
        expect(run.glyphs[0], `${face}: ${word}`).toBe(font.layout(word).glyphs[0]);
      }
    }
    expect(fast).toBeGreaterThan(0.9 * 4 * 2 * words.length);
  });

  test('leave to the shaper what it may substitute or hide: ligatures, soft hyphens, tabs, other scripts', () => {
    const font = fonts.regular;
    for (const word of ['office', 'fl', 'a\u00ADb', 'a\tb', 'Ωμέγα\u0301', '😀', '1\u20442']) expect(scaledWordRun(word, font, 1), word).toBeUndefined();
    expect(scaledWordRun('Серпухов', font, 1)).toBeDefined();
  });
});
