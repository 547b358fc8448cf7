/**
 * Loads the images content refers to. The path must stay inside the content folder (after
 * resolving symlinks), match the real file name's case exactly (so a build that works on Windows
 * or macOS works on Linux too), and be a PNG or JPEG (or a format sharp converts to PNG) of sane
 * size. Large photos are downscaled so a deck stays small; results are cached for the process.
 */
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute } from 'node:path';
import { realContentDir, resolveContentPath } from '../content/content-path.js';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { ImageBlock } from './model.js';

/** Longest edge after downscaling: 2400 px is 300 dpi over 8 inches, more than any slide or A4 column needs. */
export const MAX_EDGE_PX = 2400;
/** Refused before decoding: 100 megapixels (a 20000 × 20000 image is 400). */
export const MAX_PIXELS = 100_000_000;
export const MAX_IMAGE_BYTES = 30 * 1024 * 1024;

type Loaded = { image?: ImageBlock; diagnostics: Diagnostic[] };
const cache = new Map<string, Promise<Omit<ImageBlock, 'source' | 'alt'> | { code: string; args: Record<string, unknown> }>>();

async function decode(path: string) {
  const { default: sharp } = await import('sharp');
  const data = await readFile(path);
  const meta = await sharp(data, { limitInputPixels: MAX_PIXELS }).metadata().catch(() => undefined);
  if (!meta || !meta.width || !meta.height || !meta.format) return { code: 'image-corrupt', args: {} };
  if (meta.width * meta.height > MAX_PIXELS) return { code: 'image-too-large', args: { width: meta.width, height: meta.height } };
  const supported = ['png', 'jpeg', 'webp', 'gif', 'tiff'];
  if (!supported.includes(meta.format)) return { code: 'image-format', args: { format: meta.format } };
  const keepJpeg = meta.format === 'jpeg';
  const tooBig = Math.max(meta.width, meta.height) > MAX_EDGE_PX;
  if (!tooBig && (meta.format === 'png' || keepJpeg)) {
    return { path, data, format: keepJpeg ? ('jpeg' as const) : ('png' as const), widthPx: meta.width, heightPx: meta.height, kind: 'image' as const };
  }
  let pipeline = sharp(data, { limitInputPixels: MAX_PIXELS }).rotate();
  if (tooBig) pipeline = pipeline.resize({ width: MAX_EDGE_PX, height: MAX_EDGE_PX, fit: 'inside' });
  const out = keepJpeg ? await pipeline.jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true }) : await pipeline.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true });
  return { path, data: out.data, format: keepJpeg ? ('jpeg' as const) : ('png' as const), widthPx: out.info.width, heightPx: out.info.height, kind: 'image' as const };
}

/**
 * @param ref an absolute path already resolved and checked by the content stage (front-matter
 *            images), or a path as written in a Markdown body, relative to `fromFile`.
 */
export async function loadContentImage(ref: string, fromFile: string, contentDir: string, position: SourcePosition): Promise<Loaded> {
  const fail = (code: string, args: Record<string, unknown> = {}): Loaded => ({ diagnostics: [diagnostic(code, { path: ref, ...args }, position)] });
  let real: string;
  if (isAbsolute(ref) && ref.startsWith(realContentDir(contentDir))) real = ref;
  else {
    const resolved = resolveContentPath(safeDecode(ref), dirname(fromFile), contentDir, position);
    if (!resolved.path) return { diagnostics: resolved.diagnostics };
    real = resolved.path;
  }
  const stat = statSync(real);
  if (stat.size > MAX_IMAGE_BYTES) return fail('file-too-large', { size: stat.size, limit: MAX_IMAGE_BYTES });
  const key = `${real}:${stat.size}:${stat.mtimeMs}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = decode(real);
    cache.set(key, pending);
  }
  const result = await pending;
  if ('code' in result) return fail(result.code, result.args);
  return { image: { ...result, alt: basename(real) }, diagnostics: [] };
}

function safeDecode(ref: string): string {
  try {
    return decodeURI(ref);
  } catch {
    return ref;
  }
}
