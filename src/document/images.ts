/**
 * Loads the images content refers to. The path must stay inside the content folder (after
 * resolving symlinks), match the real file name's case exactly (so a build that works on Windows
 * or macOS works on Linux too), and be a PNG or JPEG (or a format sharp converts to PNG) of sane
 * size. Large photos are downscaled so a deck stays small; results are cached for the process.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
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

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Walks the path segment by segment, comparing names exactly, so `Assets/Photo.JPG` is caught everywhere. */
function findCaseMismatch(root: string, target: string): { written: string; actual: string } | undefined {
  const parts = relative(root, target).split(sep);
  let dir = root;
  for (const part of parts) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return undefined;
    }
    if (!names.includes(part)) {
      const actual = names.find((n) => n.toLowerCase() === part.toLowerCase());
      if (actual) return { written: part, actual };
      return undefined;
    }
    dir = resolve(dir, part);
  }
  return undefined;
}

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

export async function loadContentImage(ref: string, fromFile: string, contentDir: string, position: SourcePosition): Promise<Loaded> {
  const fail = (code: string, args: Record<string, unknown> = {}): Loaded => ({ diagnostics: [diagnostic(code, { path: ref, ...args }, position)] });
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^[a-z]:[\\/]/i.test(ref)) return fail('image-remote');
  // Windows habit: `assets\photo.png` means the same as `assets/photo.png` everywhere.
  const written = ref.replace(/\\/g, '/');
  if (isAbsolute(written) || /^[a-z]:\//i.test(written)) return fail('path-outside-content');
  const target = resolve(dirname(fromFile), decodeURI(written));
  const root = realpathSync(contentDir);
  if (!isInside(resolve(contentDir), target)) return fail('path-outside-content');
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    const mismatch = findCaseMismatch(resolve(contentDir), target);
    return mismatch ? fail('path-case-mismatch', { actual: mismatch.actual }) : fail('image-missing');
  }
  if (!isInside(root, real)) return fail('path-outside-content');
  const mismatch = findCaseMismatch(resolve(contentDir), target);
  if (mismatch) return fail('path-case-mismatch', { actual: mismatch.actual });
  const size = statSync(real).size;
  if (size > MAX_IMAGE_BYTES) return fail('file-too-large', { size, limit: MAX_IMAGE_BYTES });
  const key = `${real}:${size}:${statSync(real).mtimeMs}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = decode(real);
    cache.set(key, pending);
  }
  const result = await pending;
  if ('code' in result) return fail(result.code, result.args);
  return { image: { ...result, alt: basename(real) }, diagnostics: [] };
}
