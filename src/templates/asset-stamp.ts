/**
 * A brand file's identity as a cache key. What is made from the brand's fonts and logo (parsed
 * fonts, the flattened header logo, obfuscated faces, cmap sets) is kept per process, and watch
 * keeps its processes between saves: keyed by the path alone, a logo or font replaced in place while
 * watch runs was never read again (the handouts kept the old logo). Keyed by this, it is read again
 * by the next build after any change.
 */
import { statSync } from 'node:fs';
import type { BrandFontFiles } from './brand-model.js';

/*
 * Each file is stamped once per build on each thread (restampAssets at a build's start and at a
 * worker's first job of each run): every document of a build asks for the four faces and the logo,
 * ~13 stat calls a partnership otherwise.
 */
const stamps = new Map<string, string>();
/** Counts restampAssets calls: see followAssetEpoch. */
let epoch = 0;

/** Forgets the stamps taken so far: the next lookups look at the files again. */
export function restampAssets(): void {
  epoch++;
  stamps.clear();
}

export function assetEpoch(): number {
  return epoch;
}

/**
 * For the render bundle's copy of this module on the main thread (src/build/render-module.ts):
 * the command's copy was restamped at the build's start, so this one forgets its stamps too.
 */
export function followAssetEpoch(commandEpoch: number): void {
  if (commandEpoch === epoch) return;
  epoch = commandEpoch;
  stamps.clear();
}

/** `path`, size, mtime, ctime and inode (following links), or `path` and "missing". */
export function assetStamp(path: string): string {
  let stamp = stamps.get(path);
  if (stamp === undefined) {
    const s = statSync(path, { throwIfNoEntry: false });
    stamp = s ? `${path}\0${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}` : `${path}\0missing`;
    stamps.set(path, stamp);
  }
  return stamp;
}

/** The brand's four font files as they are now: what was laid out or set up with other files is not reused. */
export function brandFontsStamp(files: BrandFontFiles): string {
  return [files.regular, files.bold, files.italic, files.boldItalic].map(assetStamp).join('\n');
}

/**
 * A per-process cache of what is made from one file, remade when the file changes: the entry of a
 * path is replaced, never added beside, so a long watch session holds one per file.
 */
export class AssetCache<T> {
  private readonly entries = new Map<string, { stamp: string; value: T }>();

  get(path: string, make: () => T, key: string = path): T {
    const stamp = assetStamp(path);
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) return hit.value;
    const value = make();
    this.entries.set(key, { stamp, value });
    return value;
  }
}
