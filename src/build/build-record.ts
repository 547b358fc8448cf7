/**
 * "Nothing changed" from file stamps alone, the way make and git decide it: after each full build,
 * a record of every file and folder under the content and templates folders (size, mtime, ctime, inode),
 * the brand's fonts and logo, the tool itself, the options, and every file it left in the output.
 * When the next build with the same options finds all of them as recorded, the output is the one
 * that build would make again: it reports the recorded artifacts and renders, loads and hashes
 * nothing. The content-hash cache stays the authority whenever any stamp differs (a `touch`, a
 * checkout): that build runs as before and writes a new record.
 *
 * A folder's mtime changes when a file is added, removed or renamed in it, so new and deleted
 * partnerships are seen. The stamp holds the ctime as well as the mtime, as git's does: `cp -p`,
 * `rsync -t` or `touch -r` can put an old mtime back on new bytes of the same size, but the ctime
 * always moves. A file changed twice within one tick of the file system's clock (1–4 ms on Linux,
 * 2 s on FAT) keeps its stamp: like git's "racily clean" entries, an input whose mtime or ctime is
 * that close to the moment the build looked at it makes the build write no record. Symbolic links
 * are followed, each folder walked once (a link back up the tree is not a loop).
 */
import { mkdirSync, readFileSync, rmSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sha256, walkTree, writeAtomic } from './cache.js';

/** Inputs younger than this, when the build looked at them, could change without a new stamp. */
export const RACY_MS = 2000;

/** `[path, stamp]`, sorted by path. */
type Stamps = [string, string][];

export interface InputSnapshot {
  /** When the folders were walked (ms since the epoch), before anything was read. */
  takenAt: number;
  stamps: Stamps;
}

export interface BuildRecord<A> {
  schema: 1;
  /** sha256 of the options, tool and settings the build ran with (recordKey). */
  key: string;
  inputs: Stamps;
  /** Files read from outside the walked folders (the brand's fonts and logo), stamped before rendering. */
  assets: Stamps;
  outputs: Stamps;
  artifacts: A[];
  diagnostics: Diagnostic[];
}

/** `kind:size:mtime:ctime:dev:ino`. */
const stampFrom = (s: Stats): string => `${s.isDirectory() ? 'd' : 'f'}:${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.dev}:${s.ino}`;

/** The stamp of `path`, following symbolic links; undefined when there is nothing there. */
function stampOf(path: string): string | undefined {
  try {
    return stampFrom(statSync(path));
  } catch {
    return undefined;
  }
}

/** The later of a stamp's mtime and ctime (ms since the epoch). */
export const changedAt = (stamp: string): number => {
  const [, , mtime, ctime] = stamp.split(':');
  return Math.max(Number(mtime), Number(ctime));
};

/** Every file and folder below `roots` (the roots included), with its stamp; missing roots count too. */
export function snapshotInputs(roots: readonly string[]): InputSnapshot {
  const takenAt = Date.now();
  const stamps: Stamps = [];
  walkTree([...roots].sort(), (path, stats) => stamps.push([path, stats ? stampFrom(stats) : 'missing']));
  return { takenAt, stamps };
}

/** The stamps of `paths` now, taken when a build starts using them. */
export function stampAll(paths: readonly string[]): Stamps {
  return paths.map((path) => [path, stampOf(path) ?? 'missing']);
}

export function recordKey(parts: unknown): string {
  return sha256(JSON.stringify(parts));
}

/** Where the record of builds into `outDir` is kept. */
export const recordFile = (cacheDir: string, outDir: string): string => join(cacheDir, 'builds', `${recordKey(outDir).slice(0, 32)}.json`);

const same = (a: Stamps, b: Stamps): boolean => a.length === b.length && a.every(([path, stamp], i) => b[i]![0] === path && b[i]![1] === stamp);

/**
 * The last build's record for `outDir` when it ran with `key` and every input (`inputs`: the
 * snapshot just taken), asset and output still has the stamp it recorded; otherwise undefined (and
 * a corrupt record is just ignored).
 */
export function unchangedSince<A>(cacheDir: string, outDir: string, key: string, inputs: InputSnapshot): BuildRecord<A> | undefined {
  let record: BuildRecord<A>;
  try {
    record = JSON.parse(readFileSync(recordFile(cacheDir, outDir), 'utf8')) as BuildRecord<A>;
  } catch {
    return undefined;
  }
  try {
    if (record.schema !== 1 || record.key !== key) return undefined;
    if (!same(stampAll(record.outputs.map(([path]) => path)), record.outputs)) return undefined;
    if (!same(stampAll(record.assets.map(([path]) => path)), record.assets)) return undefined;
    if (!same(inputs.stamps, record.inputs)) return undefined;
    if (!Array.isArray(record.artifacts) || !Array.isArray(record.diagnostics)) return undefined;
    return record;
  } catch {
    return undefined;
  }
}

/**
 * Writes the record of a build that succeeded, and returns it: its inputs as walked before it read
 * them, its assets as stamped before it rendered (`assets`, with when that was), and its outputs as
 * they are now. No record (and the previous one removed) when an input or asset was racily new, or
 * an asset changed while the build used it.
 */
export function saveRecord<A>(
  cacheDir: string,
  outDir: string,
  key: string,
  before: InputSnapshot,
  assets: InputSnapshot,
  outputs: readonly string[],
  result: { artifacts: A[]; diagnostics: Diagnostic[] },
): BuildRecord<A> | undefined {
  const file = recordFile(cacheDir, outDir);
  const racy = (snapshot: InputSnapshot) => snapshot.stamps.some(([, stamp]) => stamp !== 'missing' && changedAt(stamp) >= snapshot.takenAt - RACY_MS);
  const assetsNow = stampAll(assets.stamps.map(([path]) => path));
  if (racy(before) || racy(assets) || !same(assetsNow, assets.stamps) || assetsNow.some(([, stamp]) => stamp === 'missing')) {
    rmSync(file, { force: true });
    return undefined;
  }
  const record: BuildRecord<A> = { schema: 1, key, inputs: before.stamps, assets: assets.stamps, outputs: stampAll(outputs), artifacts: result.artifacts, diagnostics: result.diagnostics };
  mkdirSync(join(cacheDir, 'builds'), { recursive: true });
  writeAtomic(file, JSON.stringify(record));
  return record;
}

/** Every stamp a record holds: its inputs, assets and outputs. */
export function stampsOf(record: BuildRecord<unknown>): Stamps {
  return [...record.inputs, ...record.assets, ...record.outputs];
}

/** Forgets the record for `outDir` (a build into it failed, or changed it partially). */
export function dropRecord(cacheDir: string, outDir: string): void {
  rmSync(recordFile(cacheDir, outDir), { force: true });
}
