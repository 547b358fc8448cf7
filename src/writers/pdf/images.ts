/**
 * PNG images prepared once per process and embedded into every PDF that shows them.
 *
 * pdfkit opens an image anew for each document, and for a PNG that means png-js, which reads the
 * compressed data into an array byte by byte and, for a PNG with an alpha channel, inflates,
 * unfilters and splits the pixels in JavaScript and deflates both halves again: tens of
 * milliseconds for the brand logo or a 3200-px photo, in every handout and in the deck. What it
 * produces depends only on the image's bytes, so it is made once here (the same streams pdfkit
 * makes: the PNG's own compressed data with a PNG predictor when there is no alpha; colour and an
 * SMask, each deflated, when there is), and each document gets only its own PDF objects.
 *
 * pdfkit's `image()` takes any object with `width`, `height`, `label`, `obj` and `embed(doc)` as an
 * opened image (its own PNGImage/JPEG have exactly these); `OpenedImage` below is such an object.
 * Kinds that are rare in council content (interlaced, 16-bit with alpha, tRNS transparency, JPEG)
 * keep pdfkit's own path.
 */
import { crc32, deflateSync } from 'node:zlib';
import { parsePng, pngPixels, type PngInfo } from '../../document/png.js';

/** What every document embeds for one image: computed once per process. */
interface Prepared {
  width: number;
  height: number;
  bits: number;
  colorSpace: 'DeviceGray' | 'DeviceRGB';
  /** The image stream, zlib-compressed. */
  data: Buffer;
  /** Present when `data` holds PNG-predicted rows (the PNG's own IDAT stream). */
  decodeParms?: { Predictor: number; Colors: number; BitsPerComponent: number; Columns: number };
  /** An indexed image's palette (RGB triples). */
  palette?: Buffer;
  /** The alpha channel, zlib-compressed, for an SMask. */
  alpha?: Buffer;
}

/** Only the parts of pdfkit's reference object this module uses (absent from @types/pdfkit). */
interface PdfRef {
  data: Record<string, unknown>;
  end(chunk?: Uint8Array): void;
}
type RefMaker = { ref(data?: Record<string, unknown>): PdfRef };

function prepare(png: Buffer): Prepared | null {
  const info = parsePng(png);
  if (!info || info.interlaced || info.transparency) return null;
  const colorSpace = info.colorType === 0 || info.colorType === 3 || info.colorType === 4 ? 'DeviceGray' : 'DeviceRGB';
  if (info.colorType === 0 || info.colorType === 2 || info.colorType === 3) {
    if (info.colorType === 3 && !info.palette) return null;
    return {
      width: info.width,
      height: info.height,
      bits: info.bitDepth,
      colorSpace,
      data: info.idat,
      decodeParms: { Predictor: 15, Colors: info.channels, BitsPerComponent: info.bitDepth, Columns: info.width },
      ...(info.colorType === 3 ? { palette: info.palette } : {}),
    };
  }
  return withAlpha(info, colorSpace);
}

/** Grey or RGB with alpha (8-bit): colour and alpha split and deflated, as pdfkit's splitAlphaChannel does. */
function withAlpha(info: PngInfo, colorSpace: Prepared['colorSpace']): Prepared | null {
  const pixels = pngPixels(info);
  if (!pixels) return null;
  const colors = info.channels - 1;
  const count = info.width * info.height;
  const color = new Uint8Array(count * colors);
  const alpha = new Uint8Array(count);
  for (let i = 0, p = 0, a = 0; a < count; a++) {
    for (let c = 0; c < colors; c++) color[p++] = pixels[i++]!;
    alpha[a] = pixels[i++]!;
  }
  return { width: info.width, height: info.height, bits: 8, colorSpace, data: deflateSync(color), alpha: deflateSync(alpha) };
}

/** Images by content: length and CRC find the entry, a byte comparison confirms it. */
const CACHE_LIMIT = 64;
const cache = new Map<string, { source: Buffer; prepared: Prepared | null }>();

function prepared(data: Buffer): Prepared | null {
  const key = `${data.length}:${crc32(data)}`;
  const hit = cache.get(key);
  if (hit && hit.source.equals(data)) return hit.prepared;
  const made = prepare(data);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, { source: Buffer.from(data), prepared: made });
  return made;
}

/** One prepared image in one document: pdfkit calls `embed` once, on first use. */
class OpenedImage {
  obj: PdfRef | null = null;
  readonly width: number;
  readonly height: number;
  constructor(
    private readonly image: Prepared,
    readonly label: string,
  ) {
    this.width = image.width;
    this.height = image.height;
  }

  /** The objects pdfkit's PNGImage writes for the same PNG, in the same order. */
  embed(doc: RefMaker): void {
    if (this.obj) return;
    const { image } = this;
    const obj = (this.obj = doc.ref({ Type: 'XObject', Subtype: 'Image', BitsPerComponent: image.bits, Width: image.width, Height: image.height, Filter: 'FlateDecode' }));
    if (image.decodeParms) {
      const params = doc.ref({ ...image.decodeParms });
      obj.data['DecodeParms'] = params;
      params.end();
    }
    if (image.palette) {
      const palette = doc.ref();
      palette.end(image.palette);
      obj.data['ColorSpace'] = ['Indexed', 'DeviceRGB', image.palette.length / 3 - 1, palette];
    } else obj.data['ColorSpace'] = image.colorSpace;
    if (image.alpha) {
      const mask = doc.ref({ Type: 'XObject', Subtype: 'Image', Height: image.height, Width: image.width, BitsPerComponent: 8, Filter: 'FlateDecode', ColorSpace: 'DeviceGray', Decode: [0, 1] });
      mask.end(image.alpha);
      obj.data['SMask'] = mask;
    }
    obj.end(image.data);
  }
}

/** An image pdfkit can draw: its own (for kinds not prepared here) or an OpenedImage. */
export interface DrawableImage {
  width: number;
  height: number;
}

const opened = new WeakMap<PDFKit.PDFDocument, Map<Prepared, OpenedImage>>();

/**
 * The image for `data` in `doc`: prepared once per process, embedded once per document however
 * often it is drawn. Anything not prepared here is opened by pdfkit (per call, as before).
 */
export function documentImage(doc: PDFKit.PDFDocument, data: Buffer): DrawableImage {
  const image = prepared(data);
  if (!image) return (doc as unknown as { openImage(src: Buffer): DrawableImage }).openImage(data);
  let perDoc = opened.get(doc);
  if (!perDoc) opened.set(doc, (perDoc = new Map()));
  let handle = perDoc.get(image);
  if (!handle) perDoc.set(image, (handle = new OpenedImage(image, `Im${perDoc.size + 1}`)));
  return handle;
}
