import { describe, expect, test } from 'vitest';
import PDFDocument from 'pdfkit';
import { fontFor, hasGlyph, loadBrandFonts, loadFont, missingCodePoints } from '../../src/layout/fonts.js';
import { measureText, measureUnits, shapedWidth } from '../../src/layout/measure.js';
import { seedDeck, testBrand } from './helpers.js';

const brand = testBrand();
const fonts = loadBrandFonts(brand.fonts.files);

describe('fonts', () => {
  test('each file is parsed once per process', () => {
    expect(loadFont(brand.fonts.files.regular)).toBe(fonts.regular);
    expect(loadBrandFonts({ ...brand.fonts.files })).toBe(fonts);
    expect(fonts.regular.familyName).toBe('PT Sans');
    expect(fonts.boldItalic.subfamilyName).toMatch(/Bold Italic/);
  });

  test('fontFor picks the face from bold and italic', () => {
    expect(fontFor(fonts, {})).toBe(fonts.regular);
    expect(fontFor(fonts, { bold: true })).toBe(fonts.bold);
    expect(fontFor(fonts, { italic: true })).toBe(fonts.italic);
    expect(fontFor(fonts, { bold: true, italic: true })).toBe(fonts.boldItalic);
  });

  test('hasGlyph reads the cmap: PT Sans has Cyrillic and U+00A0 but not U+202F, U+2009, U+2060 or emoji', () => {
    for (const ch of 'ЁёЙйЪъ«»„“–—\u00A0\u00AD\u2011№') expect(hasGlyph(fonts.regular, ch.codePointAt(0)!), ch).toBe(true);
    for (const cp of [0x202f, 0x2009, 0x2060, 0x1f600, 0x4e2d]) expect(hasGlyph(fonts.regular, cp), cp.toString(16)).toBe(false);
    expect(missingCodePoints(fonts.regular, 'Москва\u202F😀 и 😀')).toEqual([0x202f, 0x1f600]);
  });
});

describe('measureText', () => {
  test('equals the sum of fontkit xAdvances scaled to the size', () => {
    const run = fonts.regular.layout('Серпухов');
    const sum = run.positions.reduce((a, p) => a + p.xAdvance, 0);
    expect(sum).toBe(4108);
    expect(measureText('Серпухов', fonts.regular, 24)).toBeCloseTo((sum * 24) / fonts.regular.unitsPerEm, 10);
    expect(measureText('Серпухов', fonts.regular, 24)).toBeCloseTo(98.592, 6);
  });

  test('applies kerning: "AV" is narrower than A plus V', () => {
    const f = fonts.regular;
    const apart = measureUnits('A', f) + measureUnits('V', f);
    expect(measureUnits('AV', f)).toBeLessThan(apart);
  });

  test('bold is wider than regular; widths scale linearly with size', () => {
    expect(measureText('Серпухов', fonts.bold, 24)).toBeGreaterThan(measureText('Серпухов', fonts.regular, 24));
    expect(measureText('Дубна', fonts.regular, 48)).toBeCloseTo(2 * measureText('Дубна', fonts.regular, 24), 10);
    expect(measureText('', fonts.regular, 24)).toBe(0);
  });

  test('the pairwise fast path equals fontkit\'s full shaper on every word of the seed, in all four faces', () => {
    const seed = [...JSON.stringify(seedDeck()).matchAll(/"text":"([^"]*)"/g)].map((m) => m[1]).join(' ');
    const words = [...new Set(seed.split(/[\s\u00A0]+/).filter(Boolean))];
    words.push('AVATAR', 'office', 'Tyler', 'Нью\u2011Йорк', '1990–2001', 'ёлочка', 'й́', '“quoted”', '№\u00A05', 'T.', 'Г.', '😀x', 'a\u00ADb');
    expect(words.length).toBeGreaterThan(120);
    for (const [face, font] of Object.entries(fonts)) {
      for (const w of words) expect(measureText(w, font, 24), `${face}: ${w}`).toBeCloseTo(shapedWidth(w, font, 24), 9);
    }
  });

  test('agrees with pdfkit widthOfString (which also shapes with fontkit)', () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    for (const [face, file] of Object.entries(brand.fonts.files)) doc.registerFont(face, file);
    const samples: [keyof typeof fonts, string][] = [
      ['regular', 'Серпухов'],
      ['regular', 'Побратимские отношения наших городов'],
      ['bold', 'совет муниципальных образований'],
      ['italic', '«Открытый мир»'],
      ['boldItalic', 'Саратога Спрингс, штат Нью-Йорк'],
    ];
    for (const [face, text] of samples) {
      doc.font(face).fontSize(24);
      // pdfkit shapes word by word ("word " chunks), so it misses kerning across a space: per chunk
      // the two agree exactly, for the whole string within a fraction of a point.
      const chunks = text.match(/\S+\s*/g)!;
      const byChunk = chunks.reduce((sum, c) => sum + measureText(c, fonts[face], 24), 0);
      expect(byChunk, `${face}: ${text}`).toBeCloseTo(doc.widthOfString(text), 6);
      expect(Math.abs(measureText(text, fonts[face], 24) - doc.widthOfString(text))).toBeLessThan(0.5);
    }
  });
});
