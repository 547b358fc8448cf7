/**
 * Resolving a path written by an author (front matter `images[].src`, a Markdown image) to a file that is
 * guaranteed to be inside the content folder. The same answer on every OS: `\` is read as `/`, and letter
 * case is compared against the real directory listing (readdir), so `Assets/Photo.JPG` fails on Linux,
 * macOS and Windows alike with the real name in the message, instead of working only on a laptop.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, sep } from 'node:path';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';

export interface ResolvedPath {
  /** Absolute, real path of the file (symlinks resolved), when it is acceptable. */
  path?: string;
  /** The path as normalised (`/` separators, relative to the content folder). */
  normalised?: string;
  diagnostics: Diagnostic[];
}

/** True when `child` is `parent` or lies under it (both absolute, already real paths). */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function realContentDir(contentDir: string): string {
  return realpathSync(contentDir);
}

/**
 * @param spec       the path as written
 * @param baseDir    the folder it is relative to (the content folder for front matter, the Markdown
 *                   file's folder for body images); must itself be inside contentDir
 * @param contentDir the content folder (absolute)
 */
export function resolveContentPath(spec: string, baseDir: string, contentDir: string, position: SourcePosition): ResolvedPath {
  const written = spec.trim().replace(/\\/g, '/');
  const refuse = (): ResolvedPath => ({ diagnostics: [diagnostic('path-outside-content', { path: spec }, position)] });
  // Absolute POSIX paths, drive letters (C:/…), UNC (//server) and URLs with a scheme (file:, http:).
  if (written.startsWith('/') || /^[A-Za-z]:/.test(written) || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(written)) return refuse();

  let realContent: string;
  try {
    realContent = realpathSync(contentDir);
  } catch {
    return refuse();
  }
  const baseRel = relative(contentDir, baseDir).split(sep).join('/');
  const joined = posix.normalize(posix.join(baseRel || '.', written));
  if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) return refuse();

  // Walk segment by segment through real directory listings: exact names only, case differences reported.
  const segments = joined.split('/').filter((s) => s !== '' && s !== '.');
  let dir = contentDir;
  const actual: string[] = [];
  let caseDiffers = false;
  for (const segment of segments) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return { diagnostics: [diagnostic('image-missing', { path: spec }, position)] };
    }
    let name = segment;
    if (!names.includes(segment)) {
      const folded = names.filter((n) => n.toLowerCase() === segment.toLowerCase());
      if (folded.length !== 1) return { diagnostics: [diagnostic('image-missing', { path: spec }, position)] };
      name = folded[0]!;
      caseDiffers = true;
    }
    actual.push(name);
    dir = join(dir, name);
  }
  if (caseDiffers) {
    // The real name written the way the author wrote it: relative to the same folder (`../assets/…` in a body).
    const asWritten = posix.relative(posix.join('/', baseRel), posix.join('/', actual.join('/')));
    return { diagnostics: [diagnostic('path-case-mismatch', { path: spec, actual: asWritten }, position)] };
  }

  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    // A dangling symlink.
    return { diagnostics: [diagnostic('image-missing', { path: spec }, position)] };
  }
  if (!isInside(real, realContent)) return refuse();
  try {
    if (!statSync(real).isFile()) return { diagnostics: [diagnostic('image-missing', { path: spec }, position)] };
  } catch {
    return { diagnostics: [diagnostic('image-missing', { path: spec }, position)] };
  }
  return { path: real, normalised: joined, diagnostics: [] };
}
