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
