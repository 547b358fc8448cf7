// Images prepared once per process (src/writers/pdf/images.ts) must look exactly as pdfkit's own
// embedding of the same PNG: every kind is drawn both ways over a coloured ground (so alpha shows),
// rendered with poppler and compared pixel for pixel. Also: one XObject per image per document,
// and a buffer changed in place is never served from the cache.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPdf, drawImage, finishPdf, openImage } from '../../src/writers/pdf/document.js';
import { parsePng, pngChunk, pngPixels, PNG_SIGNATURE } from '../../src/document/png.js';
import type { Brand } from '../../src/templates/brand-model.js';
import { REPO_ROOT } from '../support/fontconfig.js';
import { pdfToPngs, requirePopplerOrSkip } from '../support/poppler.js';
import { run } from '../support/tools.js';
import { meta, testBrand } from './pdf-fixtures.js';

const OUT = join(REPO_ROOT, 'test/.out/pdf-images');
const W = 23;
const H = 17;

/** A PNG of any colour type and depth, every row with another filter type (0–4), so unfiltering is exercised. */
function makePng(colorType: 0 | 2 | 3 | 4 | 6, depth: 8 | 16, extra: Buffer[] = []): Buffer {
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
  const bpp = (channels * depth) / 8;
  const stride = W * bpp;
  const px = Buffer.alloc(H * stride);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      for (let c = 0; c < bpp; c++) px[y * stride + x * bpp + c] = colorType === 3 ? (x + y) % 4 : (x * 11 + y * 7 + c * 53 + ((x * y) % 13) * 9) & 0xff;
  const raw = Buffer.alloc(H * (stride + 1));
  for (let y = 0; y < H; y++) {
    const filter = y % 5;
    raw[y * (stride + 1)] = filter;
    for (let i = 0; i < stride; i++) {
      const cur = px[y * stride + i]!;
      const a = i >= bpp ? px[y * stride + i - bpp]! : 0;
      const b = y > 0 ? px[(y - 1) * stride + i]! : 0;
      const c = y > 0 && i >= bpp ? px[(y - 1) * stride + i - bpp]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter]!;
      raw[y * (stride + 1) + 1 + i] = (cur - pred) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(W, 0);
  ihdr.writeUInt32BE(H, 4);
  ihdr[8] = depth;
  ihdr[9] = colorType;
  const plte = colorType === 3 ? [pngChunk('PLTE', Buffer.from([200, 30, 30, 30, 160, 40, 20, 40, 220, 250, 250, 90]))] : [];
  // Two IDAT chunks: the stream may be split anywhere.
  const z = deflateSync(raw);
  const cut = z.length >> 1;
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), ...plte, ...extra, pngChunk('IDAT', z.subarray(0, cut)), pngChunk('IDAT', z.subarray(cut)), pngChunk('IEND', Buffer.alloc(0))]);
}

const KINDS: Record<string, Buffer> = {
  grey: makePng(0, 8),
  rgb: makePng(2, 8),
  rgb16: makePng(2, 16),
  indexed: makePng(3, 8),
  greyAlpha: makePng(4, 8),
  rgba: makePng(6, 8),
  // tRNS and 16-bit alpha are not prepared: pdfkit's own path, through the same call.
  rgbWithTransparentColour: makePng(2, 8, [pngChunk('tRNS', Buffer.from([0, 11, 0, 18, 0, 25]))]),
  rgba16: makePng(6, 16),
  logo: readFileSync(join(REPO_ROOT, 'templates/logo.png')),
};

let brand: Brand;
beforeAll(async () => {
  brand = await testBrand();
  mkdirSync(OUT, { recursive: true });
});

type Draw = (doc: PDFKit.PDFDocument, png: Buffer, x: number, y: number) => void;
const byPdfkit: Draw = (doc, png, x, y) => void doc.image(png, x, y, { width: 92, height: 68 });
const prepared: Draw = (doc, png, x, y) => drawImage(doc, openImage(doc, png), x, y, { width: 92, height: 68 });

async function page(name: string, png: Buffer, draw: Draw, times = 1): Promise<string> {
  const doc = createPdf({ width: 120, height: 90 * times, meta, fonts: brand.fonts.files });
  doc.addPage({ size: [120, 90 * times], margin: 0 });
  doc.rect(0, 0, 120, 90 * times).fill('#3366aa');
  for (let i = 0; i < times; i++) draw(doc, png, 14, 11 + 90 * i);
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, await finishPdf(doc));
  return file;
}

const pixels = (file: string): Buffer => PNG.sync.read(readFileSync(file)).data;

describe('prepared PNG images', () => {
  for (const [kind, png] of Object.entries(KINDS)) {
    it(`${kind}: the same pixels as pdfkit's own embedding`, async (ctx) => {
      requirePopplerOrSkip(ctx);
      const file = await page(`${kind}-prepared`, png, prepared);
      // Prepared images are named Im<n> in the page's resources, pdfkit's own I<n>.
      const name = /rgbWithTransparentColour|rgba16/.test(kind) ? '/I1 ' : '/Im1 ';
      expect(readFileSync(file).includes(name)).toBe(true);
      const [ours] = pdfToPngs(file, join(OUT, `${kind}-prepared`), 144);
      const [theirs] = pdfToPngs(await page(`${kind}-pdfkit`, png, byPdfkit), join(OUT, `${kind}-pdfkit`), 144);
      expect(pixels(ours!).equals(pixels(theirs!))).toBe(true);
    });
  }

  it('unfilters every row filter to the pixels pngjs decodes', () => {
    for (const kind of ['grey', 'rgb', 'greyAlpha', 'rgba'] as const) {
      const info = parsePng(KINDS[kind]!)!;
      const ours = Buffer.from(pngPixels(info)!);
      const decoded = PNG.sync.read(KINDS[kind]!, { skipRescale: true });
      // pngjs always gives RGBA; bring ours to RGBA for the comparison.
      const rgba = Buffer.alloc(W * H * 4);
      for (let p = 0; p < W * H; p++) {
        const s = ours.subarray(p * info.channels, (p + 1) * info.channels);
        const [r, g, b, a] = info.channels === 1 ? [s[0], s[0], s[0], 255] : info.channels === 2 ? [s[0], s[0], s[0], s[1]] : info.channels === 3 ? [s[0], s[1], s[2], 255] : [s[0], s[1], s[2], s[3]];
        rgba.set([r!, g!, b!, a!], p * 4);
      }
      expect(rgba.equals(decoded.data), kind).toBe(true);
    }
  });

  it('decodes the same image data once, and other data apart', () => {
    const first = pngPixels(parsePng(Buffer.from(KINDS.rgba!))!);
    // Another buffer with the same bytes (as the deck and a handout each read the logo file).
    expect(pngPixels(parsePng(Buffer.from(KINDS.rgba!))!)).toBe(first);
    const other = pngPixels(parsePng(KINDS.greyAlpha!)!);
    expect(other).not.toBe(first);
    expect(other!.length).toBe(W * H * 2);
  });

  it('embeds an image drawn three times once, in each document that draws it', async (ctx) => {
    requirePopplerOrSkip(ctx);
    for (const name of ['thrice-a', 'thrice-b']) {
      const file = await page(name, KINDS.rgba!, prepared, 3);
      const list = run('pdfimages', ['-list', file]).stdout.trim().split('\n').slice(2);
      // Three uses of the image and its soft mask (pdfimages lists a mask under its image's object).
      const objects = new Set(list.map((line) => line.trim().split(/\s+/)[10]));
      expect(list.map((line) => line.trim().split(/\s+/)[2])).toEqual(['image', 'smask', 'image', 'smask', 'image', 'smask']);
      expect(objects.size).toBe(1);
    }
  });

  it('never serves a buffer changed in place from the cache', async (ctx) => {
    requirePopplerOrSkip(ctx);
    const png = Buffer.from(KINDS.rgb!);
    await page('mutable-before', png, prepared);
    const other = KINDS.grey!;
    // Same length is not needed for a miss, but make the change in place, in the same buffer object.
    const changed = Buffer.concat([other, Buffer.alloc(Math.max(0, png.length - other.length))]).subarray(0, png.length);
    changed.copy(png);
    const [ours] = pdfToPngs(await page('mutable-after', png, prepared), join(OUT, 'mutable-after'), 144);
    const [theirs] = pdfToPngs(await page('mutable-pdfkit', Buffer.from(png), byPdfkit), join(OUT, 'mutable-pdfkit'), 144);
    expect(pixels(ours!).equals(pixels(theirs!))).toBe(true);
  });
});
