// checkPng (src/document/png.ts) lets a content picture skip sharp when it is a whole PNG. Its
// verdicts must be sharp's: every PNG it calls sound, sharp decodes with failOn 'error'; every one
// it calls damaged, sharp refuses. What it does not judge (undefined) goes to sharp as before.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkPng, pngChunk, PNG_SIGNATURE } from '../../src/document/png.js';
import { REPO_ROOT } from '../support/fontconfig.js';

const sharpDecodes = (data: Buffer): Promise<boolean> =>
  sharp(data, { failOn: 'error' })
    .raw()
    .toBuffer()
    .then(
      () => true,
      () => false,
    );

/** A PNG from its parts: IHDR fields, the raw rows (filter byte + samples each), more chunks before IEND. */
function png(width: number, height: number, depth: number, colorType: number, rows: Buffer, options: { interlace?: number; before?: Buffer[]; after?: Buffer[] } = {}): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = colorType;
  ihdr[12] = options.interlace ?? 0;
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), ...(options.before ?? []), pngChunk('IDAT', deflateSync(rows)), ...(options.after ?? []), pngChunk('IEND', new Uint8Array())]);
}

/** Rows of `rowBytes` samples, filter types 0–4 in turn, pseudo-random samples. */
function rows(height: number, rowBytes: number, filter = (y: number) => y % 5): Buffer {
  const raw = Buffer.alloc(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (rowBytes + 1)] = filter(y);
    for (let i = 1; i <= rowBytes; i++) raw[y * (rowBytes + 1) + i] = (y * 31 + i * 17) & 0xff;
  }
  return raw;
}

const palette = (colors: number) => pngChunk('PLTE', Buffer.alloc(colors * 3, 0x80));

function fromPngjs(colorType: 0 | 2 | 4 | 6, bitDepth: 8 | 16): Buffer {
  const image = new PNG({ width: 19, height: 11, colorType, bitDepth, inputHasAlpha: true });
  for (let i = 0; i < image.data.length; i++) image.data[i] = (i * 7) & 0xff;
  return PNG.sync.write(image, { colorType, bitDepth, inputHasAlpha: true });
}

const SOUND: Record<string, Buffer> = {
  'the seed map': readFileSync(join(REPO_ROOT, 'content/assets/serpukhov-richmond-map.png')),
  'the brand logo': readFileSync(join(REPO_ROOT, 'templates/logo.png')),
  'grey, 8 bit (pngjs)': fromPngjs(0, 8),
  'RGB, 8 bit (pngjs)': fromPngjs(2, 8),
  'grey + alpha, 8 bit (pngjs)': fromPngjs(4, 8),
  'RGBA, 16 bit (pngjs)': fromPngjs(6, 16),
  'grey, 1 bit, 13 px rows': png(13, 7, 1, 0, rows(7, 2)),
  'grey, 16 bit': png(5, 4, 16, 0, rows(4, 10)),
  'indexed, 2 bit': png(9, 6, 2, 3, Buffer.from(rows(6, 3, () => 0).map((b, i) => (i % 4 === 0 ? 0 : b & 0x55))), { before: [palette(4)] }),
  'indexed, 8 bit': png(6, 6, 8, 3, Buffer.from(rows(6, 6, () => 0).map((b) => b % 16)), { before: [palette(16)] }),
  'with an ancillary chunk': png(4, 4, 8, 2, rows(4, 12), { before: [pngChunk('tEXt', Buffer.from('Title\0map', 'latin1'))] }),
};

const base = png(8, 8, 8, 6, rows(8, 32));
/** Byte `at` (from the end when negative) changed. */
const flipped = (data: Buffer, at: number): Buffer => {
  const copy = Buffer.from(data);
  copy[at < 0 ? copy.length + at : at]! ^= 0x5a;
  return copy;
};
const idatAt = base.indexOf('IDAT', 0, 'latin1');

// Nothing after the image data is read, by sharp or by checkPng.
SOUND['cut before IEND'] = base.subarray(0, base.length - 12);
SOUND['IEND with a wrong CRC'] = flipped(base, -1);
SOUND['cut in a chunk after the image data'] = png(8, 8, 8, 6, rows(8, 32), { after: [pngChunk('tEXt', Buffer.from('Comment\0after', 'latin1'))] }).subarray(0, -16);

const DAMAGED: Record<string, Buffer> = {
  'a byte of the image data changed (IDAT CRC)': flipped(base, idatAt + 10),
  'cut in the image data': base.subarray(0, idatAt + 20),
  'IEND and no image data': Buffer.concat([base.subarray(0, 33), pngChunk('IEND', new Uint8Array())]),
  'a row with filter type 7': png(8, 8, 8, 6, rows(8, 32, (y) => (y === 5 ? 7 : 0))),
  'two rows short': png(8, 8, 8, 6, rows(6, 32)),
  'image data that is not zlib': (() => {
    const ihdr = base.subarray(8, 33);
    return Buffer.concat([PNG_SIGNATURE, ihdr, pngChunk('IDAT', Buffer.from('not a zlib stream at all')), pngChunk('IEND', new Uint8Array())]);
  })(),
  'RGB at 4 bits (no such PNG)': png(8, 8, 4, 2, rows(8, 12)),
  'indexed without a palette': png(6, 6, 8, 3, rows(6, 6, () => 0)),
  // A palette PDF viewers would draw wrong (a 4-byte palette made /Indexed with a hival of 0.33).
  'a palette of 4 bytes': png(6, 6, 8, 3, rows(6, 6, () => 0), { before: [pngChunk('PLTE', Buffer.alloc(4))] }),
  'a palette of 0 bytes': png(6, 6, 8, 3, rows(6, 6, () => 0), { before: [pngChunk('PLTE', Buffer.alloc(0))] }),
  'a palette of 300 entries': png(6, 6, 8, 3, rows(6, 6, () => 0), { before: [palette(300)] }),
};

/** The rows in two IDAT chunks: the whole zlib stream, then `second`. */
function twoIdats(second: Buffer): Buffer {
  const whole = png(8, 8, 8, 6, rows(8, 32));
  const iend = whole.length - 12;
  return Buffer.concat([whole.subarray(0, iend), second, whole.subarray(iend)]);
}

/** PNGs this check leaves to sharp, and what sharp says of each (true: it decodes it). */
const LEFT_TO_SHARP: Record<string, [Buffer, boolean]> = {
  'two palettes': [png(6, 6, 8, 3, rows(6, 6, () => 0), { before: [palette(16), palette(16)] }), false],
  'a second IHDR': [png(6, 6, 8, 2, rows(6, 18), { before: [base.subarray(8, 33)] }), false],
  'a chunk type that is not four letters': [png(6, 6, 8, 2, rows(6, 18), { before: [pngChunk('a1b$', Buffer.from('x'))] }), false],
  'a palette in an RGB image': [png(6, 6, 8, 2, rows(6, 18), { before: [palette(4)] }), true],
  'a 2-bit image with 16 palette entries': [png(9, 6, 2, 3, Buffer.from(rows(6, 3, () => 0).map((b, i) => (i % 4 === 0 ? 0 : b & 0x55))), { before: [palette(16)] }), true],
  'a later IDAT cut short, the rows already complete': [twoIdats(pngChunk('IDAT', Buffer.from('more')).subarray(0, 10)), true],
  'a later IDAT with a wrong CRC, the rows already complete': [twoIdats(flipped(pngChunk('IDAT', Buffer.from('more')), -1)), true],
};

describe('checkPng agrees with sharp', () => {
  for (const [name, data] of Object.entries(SOUND)) {
    it(`sound: ${name}`, async () => {
      const checked = await checkPng(data);
      expect(checked, name).toMatchObject({ sound: true });
      expect(await sharpDecodes(data), `sharp decodes ${name}`).toBe(true);
      const meta = await sharp(data).metadata();
      expect(checked).toEqual({ sound: true, width: meta.width, height: meta.height });
    });
  }
  for (const [name, data] of Object.entries(DAMAGED)) {
    it(`damaged: ${name}`, async () => {
      expect(await checkPng(data), name).toEqual({ sound: false });
      expect(await sharpDecodes(data), `sharp refuses ${name}`).toBe(false);
    });
  }
});

describe('checkPng leaves to sharp what it does not judge', () => {
  for (const [name, [data, decodes]] of Object.entries(LEFT_TO_SHARP)) {
    it(`${name} (sharp ${decodes ? 'decodes it' : 'refuses it'})`, async () => {
      expect(await checkPng(data), name).toBeUndefined();
      expect(await sharpDecodes(data), name).toBe(decodes);
    });
  }

  it('not a PNG, an interlaced PNG, more data than the rows, an ancillary chunk with a wrong CRC', async () => {
    expect(await checkPng(Buffer.from('GIF89a and some bytes after the header'))).toBeUndefined();
    const interlaced = await sharp(SOUND['RGB, 8 bit (pngjs)']!).png({ progressive: true }).toBuffer();
    expect(interlaced[28], 'sharp wrote it interlaced').toBe(1);
    expect(await checkPng(interlaced)).toBeUndefined();
    expect(await checkPng(png(8, 8, 8, 6, rows(9, 32)))).toBeUndefined();
    const text = pngChunk('tEXt', Buffer.from('Title\0map', 'latin1'));
    text[text.length - 1]! ^= 1;
    expect(await checkPng(png(4, 4, 8, 2, rows(4, 12), { before: [text] }))).toBeUndefined();
  });

  it('a size the header callback refuses is not inflated', async () => {
    const sizes: [number, number][] = [];
    const result = await checkPng(base, (w, h) => (sizes.push([w, h]), false));
    expect(result).toBeUndefined();
    expect(sizes).toEqual([[8, 8]]);
    expect(await checkPng(base, () => true, 100), 'rows over maxBytes').toBeUndefined();
    expect(await checkPng(base, () => true, 8 * 33)).toEqual({ sound: true, width: 8, height: 8 });
  });
});
