/**
 * Loads the images content refers to. The path must stay inside the content folder (after
 * resolving symlinks), match the real file name's case exactly (so a build that works on Windows
 * or macOS works on Linux too), and be a PNG or JPEG (or a format sharp converts to PNG) of sane
 * size. Large photos are downscaled so a deck stays small; results are cached for the process.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute } from 'node:path';
import { isInside, realContentDir, resolveContentPath } from '../content/content-path.js';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { ImageBlock } from './model.js';
import { checkPng } from './png.js';

/** Longest edge after downscaling: 2400 px is 300 dpi over 8 inches, more than any slide or A4 column needs. */
export const MAX_EDGE_PX = 2400;
/** Refused before decoding: 100 megapixels (a 20000 × 20000 image is 400). */
export const MAX_PIXELS = 100_000_000;
export const MAX_IMAGE_BYTES = 30 * 1024 * 1024;

type Loaded = { image?: ImageBlock; diagnostics: Diagnostic[] };
/** A picture ready for the writers, or why it cannot be used (a diagnostic's code and arguments). */
type Decoded = Omit<ImageBlock, 'source' | 'alt'> | { code: string; args: Record<string, unknown> };
const cache = new Map<string, Promise<Decoded>>();

/**
 * Formats people save pictures in that sharp cannot read here, by their first bytes, so the message
 * says "unsupported format" rather than "damaged".
 */
function sniffUnsupported(data: Buffer): string | undefined {
  const head = data.subarray(0, 512).toString('latin1');
  if (head.startsWith('BM')) return 'bmp';
  if (head.startsWith('\0\0\x01\0')) return 'ico';
  if (head.startsWith('8BPS')) return 'psd';
  if (head.startsWith('%PDF')) return 'pdf';
  if (/^.{4}ftyp(heic|heix|mif1|msf1|avif)/s.test(head)) return 'heic';
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg/i.test(head)) return 'svg';
  return undefined;
}

async function decode(path: string): Promise<Decoded> {
  // Read at once (at most 30 MB, checked before): an asynchronous read would go on only when the
  // event loop gets a turn, which a thread rendering one job after another rarely gives it.
  const data = readFileSync(path);
  const picture = (bytes: Buffer, format: 'png' | 'jpeg', widthPx: number, heightPx: number): Decoded => ({ path, data: bytes, format, widthPx, heightPx, kind: 'image' });
  // A whole PNG that needs no downscaling is passed through as it is, like below, but checked
  // without sharp: loading its native library took ~70 ms of a cold build.
  const png = await checkPng(data, (width, height) => width * height <= MAX_PIXELS && Math.max(width, height) <= MAX_EDGE_PX);
  if (png?.sound === false) return { code: 'image-corrupt', args: {} };
  if (png?.sound) return picture(data, 'png', png.width, png.height);
  const { default: sharp } = await import('sharp');
  // Metadata reads the header only, so the pixel limit is checked by us (below) rather than by
  // sharp, which would report a 20000 × 20000 PNG as unreadable instead of too large.
  const meta = await sharp(data, { limitInputPixels: false }).metadata().catch(() => undefined);
  if (!meta || !meta.width || !meta.height || !meta.format) {
    const format = sniffUnsupported(data);
    return format ? { code: 'image-format', args: { format } } : { code: 'image-corrupt', args: {} };
  }
  if (meta.width * meta.height > MAX_PIXELS) return { code: 'image-too-large', args: { width: meta.width, height: meta.height } };
  const supported = ['png', 'jpeg', 'webp', 'gif', 'tiff'];
  if (!supported.includes(meta.format)) return { code: 'image-format', args: { format: meta.format } };
  const keepJpeg = meta.format === 'jpeg';
  const tooBig = Math.max(meta.width, meta.height) > MAX_EDGE_PX;
  if (!tooBig && (meta.format === 'png' || keepJpeg)) {
    // Passed through as they are, so decode once to be sure the writers get a readable picture.
    const sound = await sharp(data, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).raw().toBuffer().then(() => true, () => false);
    if (!sound) return { code: 'image-corrupt', args: {} };
    return picture(data, keepJpeg ? 'jpeg' : 'png', meta.width, meta.height);
  }
  let pipeline = sharp(data, { limitInputPixels: MAX_PIXELS }).rotate();
  if (tooBig) pipeline = pipeline.resize({ width: MAX_EDGE_PX, height: MAX_EDGE_PX, fit: 'inside' });
  // A sound header over damaged pixel data fails only here.
  const out = await (keepJpeg ? pipeline.jpeg({ quality: 85 }) : pipeline.png({ compressionLevel: 9 })).toBuffer({ resolveWithObject: true }).catch(() => undefined);
  if (!out) return { code: 'image-corrupt', args: {} };
  return picture(out.data, keepJpeg ? 'jpeg' : 'png', out.info.width, out.info.height);
}

/**
 * @param ref an absolute path already resolved and checked by the content stage (front-matter
 *            images), or a path as written in a Markdown body, relative to `fromFile`.
 */
export async function loadContentImage(ref: string, fromFile: string, contentDir: string, position: SourcePosition): Promise<Loaded> {
  const fail = (code: string, args: Record<string, unknown> = {}): Loaded => ({ diagnostics: [diagnostic(code, { path: ref, ...args }, position)] });
  let real: string;
  if (isAbsolute(ref)) {
    // Only the content stage passes absolute paths (front-matter images, already resolved to real
    // paths inside the folder); anything else absolute is refused, symlinks included.
    if (!isInside(ref, realContentDir(contentDir)) || realpathOrEmpty(ref) !== ref) return fail('path-outside-content');
    real = ref;
  } else {
    const resolved = resolveContentPath(safeDecode(ref), dirname(fromFile), contentDir, position);
    if (!resolved.path) return { diagnostics: resolved.diagnostics };
    real = resolved.path;
  }
  const stat = statSync(real);
  if (stat.size > MAX_IMAGE_BYTES) return fail('file-too-large', { size: stat.size, limit: MAX_IMAGE_BYTES });
  const result = await decoded(real, stat.size, stat.mtimeMs);
  if ('code' in result) return fail(result.code, result.args);
  return { image: { ...result, alt: basename(real) }, diagnostics: [] };
}

/** The process's one decoding of a file as it is now (a changed file is a new key). */
function decoded(real: string, size: number, mtimeMs: number): Promise<Decoded> {
  const key = `${real}:${size}:${mtimeMs}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = decode(real);
    cache.set(key, pending);
  }
  return pending;
}

/**
 * Starts checking or decoding a picture the content stage already resolved and checked (a
 * front-matter image) before any job asks for it: the PNG check inflates on libuv's threads and
 * sharp decodes and scales down on its own, so a build that renders other jobs meanwhile gets the
 * picture without waiting (the seed map, when sharp scaled it: ~0.1 s). Problems are reported
 * when a job loads the picture, as without this.
 */
export function prefetchContentImage(real: string): void {
  try {
    const stat = statSync(real);
    if (stat.size > MAX_IMAGE_BYTES) return;
    // Observed here so a picture no job ends up loading is no unhandled rejection.
    decoded(real, stat.size, stat.mtimeMs).catch(() => undefined);
  } catch {
    // Gone since loading: the job that wants it reports that.
  }
}

function realpathOrEmpty(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return '';
  }
}

function safeDecode(ref: string): string {
  try {
    return decodeURI(ref);
  } catch {
    return ref;
  }
}
