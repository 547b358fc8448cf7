// Pair kerning from the GPOS table (src/layout/pair-kerning.ts) against fontkit's shaper, on every
// pair of the characters briefs and handouts set: Latin and Latin-1, Russian Cyrillic, digits,
// punctuation, dashes, quotes. Each pair must give the shaper's glyphs and advances exactly, as a
// word run (pairwiseRun) and as a width (measureUnits).
import { describe, expect, test } from 'vitest';
import { loadBrandFonts } from '../../src/layout/fonts.js';
import { measureUnits, pairwiseRun } from '../../src/layout/measure.js';
import { pairKerning } from '../../src/layout/pair-kerning.js';
import { testBrand } from './helpers.js';

const fonts = loadBrandFonts(testBrand().fonts.files);

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const CHARS = [...range(0x20, 0x7e), ...range(0xa0, 0xff).filter((cp) => cp !== 0xad), 0x401, 0x451, ...range(0x410, 0x44f), 0x2011, 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x201e, 0x2026, 0x2116, 0x20ac].map((cp) => String.fromCodePoint(cp));

describe('pair kerning read from GPOS', () => {
  test('PT Sans qualifies in all four faces: its default lookups are pair kerning and a few ligatures', () => {
    for (const [face, font] of Object.entries(fonts)) {
      const kerning = pairKerning(font);
      expect(kerning, face).toBeDefined();
      // The f-ligatures start at "f": its words go to the shaper; Cyrillic letters never do.
      expect(kerning!.triggers.has(font.glyphForCodePoint(0x66).id), face).toBe(true);
      expect(kerning!.triggers.has(font.glyphForCodePoint(0x43e).id), face).toBe(false);
    }
  });

  test('gives the shaper\'s glyphs and advances for every pair, in all four faces', () => {
    let direct = 0;
    for (const [face, font] of Object.entries(fonts)) {
      for (const a of CHARS) {
        for (const b of CHARS) {
          const text = a + b;
          const shaped = font.layout(text);
          const run = pairwiseRun(text, font);
          if (run) {
            direct++;
            expect(run.glyphs.map((g) => g.id), `${face}: ${text}`).toEqual(shaped.glyphs.map((g: { id: number }) => g.id));
            expect(run.xAdvances, `${face}: ${text}`).toEqual(shaped.positions.map((p: { xAdvance: number }) => p.xAdvance));
          }
          expect(measureUnits(text, font), `${face}: ${text}`).toBe(shaped.positions.reduce((sum: number, p: { xAdvance: number }) => sum + p.xAdvance, 0));
        }
      }
    }
    // Nearly every pair is answered from the tables (the rest: ligatures, "f" pairs).
    expect(direct).toBeGreaterThan(0.9 * 4 * CHARS.length * CHARS.length);
  }, 60_000);
});

describe('cmap read without fontkit (src/layout/cmap.ts)', () => {
  test('lists fontkit\'s characterSet in its order, each code point with the glyph fontkit\'s cmap gives', async () => {
    const { readFileSync } = await import('node:fs');
    const { cmapEntries } = await import('../../src/layout/cmap.js');
    for (const [face, file] of Object.entries(testBrand().fonts.files)) {
      const entries = cmapEntries(readFileSync(file))!;
      const font = fonts[face as keyof typeof fonts];
      expect(entries.map(([cp]) => cp), face).toEqual(font.characterSet);
      for (const [cp, glyph] of entries) expect(glyph, `${face}: U+${cp.toString(16)}`).toBe(font.glyphForCodePoint(cp).id);
    }
  });
});

describe('fonts whose kerning the tables cannot answer go to the shaper', () => {
  /** A fresh PT Sans Regular (pairKerning remembers its answer per font object). */
  async function freshFont() {
    const { readFileSync } = await import('node:fs');
    const { create } = await import('fontkit');
    return create(readFileSync(testBrand().fonts.files.regular)) as unknown as Record<string, any> & { layout(text: string): unknown };
  }
  const kernLookup = (font: Record<string, any>) => font.GPOS.featureList.find((f: { tag: string }) => f.tag === 'kern').feature.lookupListIndexes[0] as number;

  test('PT Sans as it is qualifies', async () => {
    expect(pairKerning((await freshFont()) as never)).toBeDefined();
  });

  test('a lookup that two default features share (fontkit applies it twice)', async () => {
    const font = await freshFont();
    const other = font.GPOS.featureList.find((f: { tag: string }) => f.tag !== 'kern');
    other.tag = 'curs';
    other.feature.lookupListIndexes = [kernLookup(font)];
    expect(pairKerning(font as never)).toBeUndefined();
  });

  test('a pair lookup whose flags make fontkit skip base glyphs', async () => {
    const font = await freshFont();
    font.GPOS.lookupList.get(kernLookup(font)).flags.flags.ignoreBaseGlyphs = true;
    expect(pairKerning(font as never)).toBeUndefined();
  });

  test('no fallback script (fontkit would keep whichever script it set up last)', async () => {
    const font = await freshFont();
    for (const table of [font.GSUB, font.GPOS]) for (const script of table.scriptList) if (script.tag === 'latn') script.tag = 'grek';
    expect(pairKerning(font as never)).toBeUndefined();
  });

  test('a legacy kern table, glyph classes or variations', async () => {
    for (const table of ['kern', 'GDEF', 'fvar']) {
      const font = await freshFont();
      Object.defineProperty(font, table, { value: {} });
      expect(pairKerning(font as never), table).toBeUndefined();
    }
  });
});
