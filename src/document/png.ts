/**
 * Just enough PNG for council-press: the chunks (with Buffer slices, not byte by byte as png-js
 * reads them); for 8-bit non-interlaced images, the unfiltered pixels (the PDF writer flattens the
 * header logo and prepares images once per process: writers/pdf/logo.ts, images.ts); and a check
 * that a non-interlaced PNG is whole, which spares loading sharp for the common picture
 * (document/images.ts).
 */
import { promisify } from 'node:util';
import { crc32, inflate, inflateSync } from 'node:zlib';

const inflateAsync = promisify(inflate);

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Samples per pixel by colour type (3, indexed, is one palette index). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 indexed, 4 grey + alpha, 6 RGB + alpha. */
  colorType: number;
  interlaced: boolean;
  /** Samples per pixel. */
  channels: number;
  /** The IDAT chunks joined: one zlib stream. */
  idat: Buffer;
  palette?: Buffer;
  transparency?: Buffer;
}

export function isPng(data: Uint8Array): boolean {
  return data.length > 8 && PNG_SIGNATURE.equals(Buffer.from(data.buffer, data.byteOffset, 8));
}

/** The header and image data of a PNG, or null when it is not one (or is truncated). */
export function parsePng(png: Buffer): PngInfo | null {
  if (png.length < 33 || !isPng(png)) return null;
  let pos = 8;
  let info: Omit<PngInfo, 'idat'> | undefined;
  const idat: Buffer[] = [];
  while (pos + 8 <= png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + len > png.length) return null;
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      const colorType = data[9]!;
      const channels = CHANNELS[colorType];
      if (len < 13 || channels === undefined) return null;
      info = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8]!, colorType, interlaced: data[12] === 1, channels };
    } else if (type === 'PLTE' && info) info.palette = data;
    else if (type === 'tRNS' && info) info.transparency = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  if (!info || !info.width || !info.height || !idat.length) return null;
  return { ...info, idat: idat.length === 1 ? idat[0]! : Buffer.concat(idat) };
}

/**
 * Undoes one row's filter in place in `px` (`row` is its offset, `prev` the previous row's or -1).
 * The first pixel of a row has no left neighbour; it is done apart so the main loops have no branch.
 */
function unfilterRow(px: Uint8Array, raw: Uint8Array, src: number, row: number, prev: number, stride: number, ch: number, filter: number): void {
  const first = Math.min(ch, stride);
  if (filter === 1) {
    for (let i = 0; i < first; i++) px[row + i] = raw[src + i]!;
    for (let i = first; i < stride; i++) px[row + i] = (raw[src + i]! + px[row + i - ch]!) & 0xff;
  } else if (filter === 2 && prev >= 0) {
    for (let i = 0; i < stride; i++) px[row + i] = (raw[src + i]! + px[prev + i]!) & 0xff;
  } else if (filter === 3) {
    if (prev < 0) {
      for (let i = 0; i < first; i++) px[row + i] = raw[src + i]!;
      for (let i = first; i < stride; i++) px[row + i] = (raw[src + i]! + (px[row + i - ch]! >> 1)) & 0xff;
    } else {
      for (let i = 0; i < first; i++) px[row + i] = (raw[src + i]! + (px[prev + i]! >> 1)) & 0xff;
      for (let i = first; i < stride; i++) px[row + i] = (raw[src + i]! + ((px[row + i - ch]! + px[prev + i]!) >> 1)) & 0xff;
    }
  } else if (filter === 4) {
    if (prev < 0) {
      // Paeth with no row above is Sub.
      for (let i = 0; i < first; i++) px[row + i] = raw[src + i]!;
      for (let i = first; i < stride; i++) px[row + i] = (raw[src + i]! + px[row + i - ch]!) & 0xff;
    } else {
      for (let i = 0; i < first; i++) px[row + i] = (raw[src + i]! + px[prev + i]!) & 0xff;
      for (let i = first; i < stride; i++) {
        const a = px[row + i - ch]!;
        const b = px[prev + i]!;
        const c = px[prev + i - ch]!;
        // Paeth predictor: p = a + b - c; |p - a| = |b - c|, |p - b| = |a - c|, |p - c| = |a + b - 2c|.
        const pa = b > c ? b - c : c - b;
        const pb = a > c ? a - c : c - a;
        const sum = a + b - 2 * c;
        const pc = sum < 0 ? -sum : sum;
        px[row + i] = (raw[src + i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
      }
    }
  } else px.set(raw.subarray(src, src + stride), row); // 0, Up on the first row, or unknown
}

/*
 * The last few images decoded, by their compressed data: the brand logo is decoded for the deck
 * (with its alpha, images.ts) and for the handouts' header (flattened, logo.ts) in the same process,
 * ~40 ms each time for a 512-px logo on a cold start.
 */
const DECODED_LIMIT = 4;
/** Larger images (a photo with alpha) are not kept: 4 MB of pixels is a 1000-px RGBA square. */
const DECODED_MAX_BYTES = 4 << 20;
const decoded: { idat: Buffer; width: number; height: number; channels: number; px: Uint8Array | null }[] = [];

/**
 * The unfiltered samples of an 8-bit non-interlaced PNG (rows packed, no filter bytes), or null.
 * The array may be shared with another caller: read it, never write to it.
 */
export function pngPixels(img: PngInfo): Uint8Array | null {
  if (img.bitDepth !== 8 || img.interlaced) return null;
  const hit = decoded.find((d) => d.width === img.width && d.height === img.height && d.channels === img.channels && d.idat.equals(img.idat));
  if (hit) return hit.px;
  const px = decodePixels(img);
  if (img.width * img.height * img.channels > DECODED_MAX_BYTES) return px;
  if (decoded.length >= DECODED_LIMIT) decoded.shift();
  decoded.push({ idat: Buffer.from(img.idat), width: img.width, height: img.height, channels: img.channels, px });
  return px;
}

function decodePixels(img: PngInfo): Uint8Array | null {
  const { width: w, height: h, channels: ch } = img;
  // zlib's native inflate (the same bytes as any inflater, ~50× faster than a JS one on a cold start).
  const raw = inflateSync(img.idat);
  const stride = w * ch;
  if (raw.length < h * (stride + 1)) return null;
  const px = new Uint8Array(h * stride);
  for (let y = 0; y < h; y++) {
    const src = y * (stride + 1);
    unfilterRow(px, raw, src + 1, y * stride, y > 0 ? (y - 1) * stride : -1, stride, ch, raw[src]!);
  }
  return px;
}

/** One PNG chunk: length, type, data, CRC. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** Bit depths allowed with each colour type (PNG spec, 11.2.2 IHDR). */
const DEPTHS: Record<number, readonly number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

export type PngCheck =
  | { sound: true; width: number; height: number }
  /** Damaged: a chunk cut short or with a wrong CRC, a bad header, image data that does not inflate to every row, a bad row filter. */
  | { sound: false }
  /**
   * Not judged here: ask a full decoder. Interlaced, more image data than the rows need, rows over
   * `maxBytes`, an ancillary chunk with a wrong CRC, an unknown critical chunk, a chunk type that
   * is not four letters, a second IHDR or PLTE, a palette out of place or longer than the depth
   * indexes, a fault in an IDAT chunk after the first.
   */
  | undefined;

/**
 * Whether a PNG would decode without an error, judged as sharp (its libpng) judges it: every chunk
 * up to the end of the image data whole, the critical ones (IHDR, PLTE, IDAT) with their CRC, a
 * valid IHDR first, a palette of 1–256 entries for an indexed image, and the joined IDAT a zlib
 * stream (Adler-32 checked) that inflates to exactly one filter byte (0–4) and the samples of each
 * row. What follows the image data is not read (sharp takes a PNG cut before IEND), and whatever
 * this does not know for sure (a second IHDR or PLTE, a palette in a true-colour image, a later
 * IDAT chunk cut short) is left to sharp. `header` is called with
 * the size before anything is inflated, and can stop the check there (a picture too large to
 * decode, or one to be downscaled anyway). The rows are inflated on libuv's threads, like sharp's
 * decoding before: a thread that renders meanwhile is not held up (the seed map: ~25 ms).
 */
export async function checkPng(png: Buffer, header: (width: number, height: number) => boolean = () => true, maxBytes = 64 << 20): Promise<PngCheck> {
  if (!isPng(png)) return undefined;
  const damaged = { sound: false } as const;
  let pos = 8;
  let palette: Buffer | undefined;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  for (;;) {
    // After the image data a decoder reads nothing it needs: sharp takes a PNG cut before IEND.
    if (idat.length > 0 && (pos + 8 > png.length || png.toString('latin1', pos + 4, pos + 8) !== 'IDAT')) break;
    // A fault in a later IDAT chunk may come after the rows are complete, where a decoder stops reading.
    const fault = idat.length > 0 ? undefined : damaged;
    if (pos + 12 > png.length) return fault;
    const len = png.readUInt32BE(pos);
    if (len > 0x7fffffff || pos + 12 + len > png.length) return fault;
    const type = png.toString('latin1', pos + 4, pos + 8);
    // A chunk type is four ASCII letters; anything else is for a full decoder to judge.
    if (!/^[A-Za-z]{4}$/.test(type)) return undefined;
    const critical = type.charCodeAt(0) < 0x61;
    if ((crc32(png.subarray(pos + 4, pos + 8 + len)) >>> 0) !== png.readUInt32BE(pos + 8 + len)) return critical ? fault : undefined;
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (!ihdr && (type !== 'IHDR' || len !== 13)) return damaged;
    // A second header or palette: for a full decoder to judge.
    if (type === 'IHDR') {
      if (ihdr) return undefined;
      ihdr = data;
    } else if (type === 'PLTE') {
      if (palette) return undefined;
      palette = data;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') return damaged; // no image data
    else if (critical) return undefined; // a critical chunk this check does not know
    pos += 12 + len;
  }
  const width = ihdr!.readUInt32BE(0);
  const height = ihdr!.readUInt32BE(4);
  const [depth, colorType, compression, filter, interlace] = ihdr!.subarray(8, 13);
  const channels = CHANNELS[colorType!];
  if (!width || !height || width > 0x7fffffff || height > 0x7fffffff || channels === undefined || !DEPTHS[colorType!]!.includes(depth!)) return damaged;
  if (compression !== 0 || filter !== 0 || interlace! > 1) return damaged;
  if (colorType === 3) {
    // 1–256 RGB entries (libpng refuses any other length); more entries than the depth can index: a decoder's call.
    if (!palette || palette.length === 0 || palette.length % 3 !== 0 || palette.length > 768) return damaged;
    if (palette.length / 3 > 2 ** depth!) return undefined;
  } else if (palette) return undefined; // a suggested palette in a true-colour image, or a misplaced one
  if (!header(width, height) || interlace === 1) return undefined;
  const rowBytes = Math.ceil((width * channels * depth!) / 8);
  const expected = height * (rowBytes + 1);
  if (expected > maxBytes) return undefined;
  let raw: Buffer;
  try {
    // One chunk the size of the rows: node:zlib hands each output chunk back to this thread's event
    // loop before it inflates the next, and a thread that is rendering gets to that only between
    // jobs (with 16 KB chunks, the seed map's 9.7 MB of rows waited for the end of the build).
    raw = await inflateAsync(idat.length === 1 ? idat[0]! : Buffer.concat(idat), { maxOutputLength: expected, chunkSize: Math.max(64, expected) });
  } catch (error) {
    // Longer than the rows: libpng only warns about it; let the full decoder judge.
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? undefined : damaged;
  }
  // Rows missing: damaged, unless more IDAT chunks come later (apart, which decoders may join).
  if (raw.length !== expected) return png.indexOf('IDAT', pos, 'latin1') === -1 ? damaged : undefined;
  for (let at = 0; at < expected; at += rowBytes + 1) if (raw[at]! > 4) return damaged;
  return { sound: true, width, height };
}
