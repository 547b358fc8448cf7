/**
 * The build cache: a content hash per job (sources, templates, brand, fonts, assets, tool version,
 * date) decides whether the job's artifacts can be reused. Blobs are stored by their sha256 and
 * checked on the way out, so a corrupt or tampered cache is ignored, never trusted.
 * Lives in node_modules/.cache/council-press/ unless --cache-dir says otherwise.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Format } from './plan.js';

export interface CachedFile {
  path: string;
  format: Format;
  sha256: string;
  bytes: number;
}

export interface CacheEntry {
  files: CachedFile[];
  diagnostics: Diagnostic[];
  ms: number;
}

export interface OutputRecord {
  stamp: string;
  sha256: string;
}

interface CacheIndex {
  schema: 2;
  jobs: Record<string, CacheEntry>;
  /** Per output folder, each file as a build last wrote it: size:mtime (to trust an untouched file) and its sha256. */
  outputs: Record<string, Record<string, OutputRecord>>;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Whether a build has used this cache folder (it has an index): without one, every job renders. */
export function cacheExists(dir: string): boolean {
  return existsSync(join(dir, 'index.json'));
}

export class BuildCache {
  private index: CacheIndex = { schema: 2, jobs: {}, outputs: {} };
  private readonly used = new Set<string>();

  constructor(readonly dir: string) {
    try {
      const parsed = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as CacheIndex;
      if (parsed && parsed.schema === 2 && typeof parsed.jobs === 'object' && typeof parsed.outputs === 'object') this.index = parsed;
    } catch {
      // No cache yet, or a corrupt one: start empty.
    }
  }

  lookup(key: string): CacheEntry | undefined {
    const entry = this.usable(key);
    if (entry) this.used.add(key);
    return entry;
  }

  /** Whether `lookup` would find the key (without counting it as used by this build). */
  has(key: string): boolean {
    return this.usable(key) !== undefined;
  }

  /** The key's entry when the index lists it and every blob it names is on disk. */
  private usable(key: string): CacheEntry | undefined {
    const entry = this.index.jobs[key];
    if (!entry || !Array.isArray(entry.files)) return undefined;
    return entry.files.every((file) => existsSync(this.blobPath(file.sha256))) ? entry : undefined;
  }

  /** The blob's bytes, or undefined when it is missing or does not match its hash. */
  read(file: CachedFile): Buffer | undefined {
    try {
      const data = readFileSync(this.blobPath(file.sha256));
      return sha256(data) === file.sha256 ? data : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Records the job's artifacts. A blob is a hard link to the file just written for the output
   * (`written`: its path by artifact path) where the file system allows, else a copy: a build of
   * 300 partnerships would otherwise write its ~200 MB twice. council-press itself never writes
   * through either name (the output folder replaces files, the cache writes a blob only where none
   * is), but anyone may write over an output in place (`cp`, a shell's `>`), and the blob changes
   * with it. What keeps that safe is the check on every read: a blob must match the sha256 it is
   * named by, and one that does not is dropped and made again (`drop`). The stamps that let a
   * build skip reading (build-record.ts, `untouchedOutput`) see such a write first: it moves the
   * output's size or mtime. Removing a blob moves its output's ctime, so the build record then
   * sends the next build through the content hashes, which is harmless.
   */
  store(key: string, entry: CacheEntry, data: Map<string, Buffer>, written?: Map<string, string>): void {
    this.index.jobs[key] = entry;
    this.used.add(key);
    mkdirSync(join(this.dir, 'blobs'), { recursive: true });
    for (const file of entry.files) {
      const target = this.blobPath(file.sha256);
      if (existsSync(target)) continue;
      const from = written?.get(file.path);
      if (from !== undefined && linkBlob(from, target)) continue;
      writeAtomic(target, data.get(file.path)!);
    }
  }

  /**
   * Removes a blob that `read` refused (corrupt, or an output it shares an inode with was written
   * through), so storing the job again writes it afresh instead of finding it there.
   */
  drop(file: CachedFile): void {
    rmSync(this.blobPath(file.sha256), { force: true });
  }

  /** The output file as a build last wrote it, if it is still untouched on disk. */
  untouchedOutput(outDir: string, path: string): OutputRecord | undefined {
    const record = this.index.outputs[outDir]?.[path];
    return record && typeof record.stamp === 'string' && record.stamp === fileStamp(join(outDir, path)) ? record : undefined;
  }

  outputsOf(outDir: string): Record<string, OutputRecord> {
    return this.index.outputs[outDir] ?? {};
  }

  setOutputs(outDir: string, outputs: Record<string, OutputRecord>): void {
    this.index.outputs[outDir] = outputs;
  }

  /** Writes the index with only this build's jobs, and drops blobs nobody refers to any more. */
  save(): void {
    const jobs: Record<string, CacheEntry> = {};
    for (const key of this.used) if (this.index.jobs[key]) jobs[key] = this.index.jobs[key];
    this.index.jobs = jobs;
    mkdirSync(this.dir, { recursive: true });
    writeAtomic(join(this.dir, 'index.json'), JSON.stringify(this.index));
    // Blobs nobody refers to go, once they are an hour old: a build running at the same time
    // with other sources may still be about to read the ones it just stored.
    const live = new Set(Object.values(jobs).flatMap((e) => e.files.map((f) => f.sha256)));
    const blobs = join(this.dir, 'blobs');
    const old = Date.now() - 60 * 60 * 1000;
    if (existsSync(blobs)) {
      for (const name of readdirSync(blobs)) {
        if (live.has(name)) continue;
        const file = join(blobs, name);
        if ((fileMtime(file) ?? 0) < old) rmSync(file, { force: true });
      }
    }
  }

  private blobPath(hash: string): string {
    return join(this.dir, 'blobs', hash);
  }
}

/** Links `target` to `from`; false when the file system will not (another device, no hard links). */
function linkBlob(from: string, target: string): boolean {
  try {
    linkSync(from, target);
    return true;
  } catch (error) {
    // Another build stored the same blob a moment ago: as good as ours.
    return (error as NodeJS.ErrnoException).code === 'EEXIST';
  }
}

export function writeAtomic(target: string, data: string | Buffer): void {
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, target);
}

function fileMtime(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

export function fileStamp(path: string): string | undefined {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/**
 * Visits each of `roots` and everything below it, each folder's entries in name order, following
 * symbolic links; every folder is read once, so a link back up the tree is not a loop. `stats` is
 * undefined for an entry that cannot be stat'ed (a missing root, a dangling link).
 */
export function walkTree(roots: readonly string[], visit: (path: string, stats: Stats | undefined) => void): void {
  const walked = new Set<string>();
  const walk = (path: string) => {
    let stats: Stats | undefined;
    try {
      stats = statSync(path);
    } catch {
      stats = undefined;
    }
    visit(path, stats);
    if (!stats?.isDirectory()) return;
    const id = `${stats.dev}:${stats.ino}`;
    if (walked.has(id)) return;
    walked.add(id);
    let names: string[];
    try {
      names = readdirSync(path);
    } catch {
      return;
    }
    for (const name of names.sort()) walk(join(path, name));
  };
  for (const root of roots) walk(root);
}

/** Hash of every file below `dir` (content: bytes; large assets: size and mtime, which is enough locally). */
export function hashTree(dir: string, filter: (rel: string) => boolean = () => true): Map<string, string> {
  const out = new Map<string, string>();
  walkTree([dir], (full, s) => {
    if (full === dir || !s || s.isDirectory()) return;
    const rel = relative(dir, full).split(sep).join('/');
    if (!filter(rel)) return;
    out.set(full, s.size <= 1024 * 1024 ? sha256(readFileSync(full)) : `${s.size}:${s.mtimeMs}`);
  });
  return out;
}
