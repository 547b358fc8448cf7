// The subsetter's glyph records (src/writers/pdf/subset-cache.ts) read a glyph's components from
// its bytes instead of fontkit's full decode: for every glyph of the four brand faces, the same
// components at the same byte positions as fontkit's TTFGlyph._decode gives.
import { readFileSync } from 'node:fs';
import { create } from 'fontkit';
import { describe, expect, test } from 'vitest';
import { glyphComponents } from '../../src/writers/pdf/subset-cache.js';
import { testBrand } from '../layout/helpers.js';

interface Internals {
  numGlyphs: number;
  loca: { offsets: number[] };
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
  getGlyph(gid: number): { _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null };
}

describe('composite glyphs read from their bytes', () => {
  test('every glyph of the four faces: components and positions as fontkit decodes them', () => {
    let composites = 0;
    for (const [face, file] of Object.entries(testBrand().fonts.files)) {
      const font = create(readFileSync(file)) as unknown as Internals;
      for (let gid = 0; gid < font.numGlyphs; gid++) {
        const stream = font._getTableStream('glyf');
        stream.pos += font.loca.offsets[gid]!;
        const bytes = stream.readBuffer(font.loca.offsets[gid + 1]! - font.loca.offsets[gid]!);
        const decoded = font.getGlyph(gid)._decode();
        const expected = decoded && decoded.numberOfContours < 0 ? decoded.components!.map(({ glyphID, pos }) => ({ glyphID, pos })) : null;
        if (expected) composites++;
        expect(glyphComponents(bytes), `${face} glyph ${gid}`).toEqual(expected);
      }
    }
    // PT Sans builds its accented and Cyrillic letters from components: the check covers them.
    expect(composites).toBeGreaterThan(1000);
  });
});

describe('subset font files written without restructure', () => {
  test('byte for byte what fontkit writes, for random glyph sets of the four faces', async () => {
    const { encodeSubset } = await import('../../src/writers/pdf/subset-cache.js');
    // A fixed sequence (mulberry32), so a failure names the same glyph sets every time.
    let seed = 20261127;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (const [face, file] of Object.entries(testBrand().fonts.files)) {
      const font = create(readFileSync(file)) as unknown as Internals & { createSubset(): { includeGlyph(gid: number): number; encode(): Uint8Array } };
      for (let round = 0; round < 12; round++) {
        const count = 1 + Math.floor(random() * (round < 6 ? 40 : 300));
        const gids = Array.from({ length: count }, () => Math.floor(random() * font.numGlyphs));
        const theirs = font.createSubset();
        const mine = font.createSubset();
        for (const gid of gids) {
          theirs.includeGlyph(gid);
          mine.includeGlyph(gid);
        }
        const expected = Buffer.from(theirs.encode());
        const actual = encodeSubset(mine as never);
        expect(actual, `${face} round ${round}`).toBeDefined();
        expect(Buffer.from(actual!).equals(expected), `${face} round ${round}: ${count} glyphs`).toBe(true);
      }
    }
  });
});
