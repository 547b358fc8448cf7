/**
 * Orchestration: load and check everything, render every job, write each artifact into one output
 * transaction as it is made, and swap the transaction into place only when nothing failed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { getMessagesLanguage } from '../diagnostics/catalogue.js';
import type { Lang } from '../document/model.js';
import { OutputTransaction } from './output-dir.js';
import { renderManifest } from './manifest.js';
import { FORMATS, planJobs, type Format, type Job } from './plan.js';
import { type RenderEnv } from './render-artifact.js';
import { BuildCache, fileStamp, sha256, type CachedFile, type OutputRecord } from './cache.js';
import { jobKeys, toolStamp } from './job-keys.js';
import { dropRecord, recordKey, saveRecord, snapshotInputs, stampAll, stampsOf, unchangedSince } from './build-record.js';
import { VERSION } from '../version.js';
import type { LoadedProject, ProjectOptions } from './load-all.js';
import { RenderPool, runJobs, type JobOutcome, type PoolInit } from './pool.js';
import { startThreadsEarly } from './early-threads.js';
import { restampAssets } from '../templates/asset-stamp.js';

export type { LoadedProject, ProjectOptions } from './load-all.js';

export interface BuildOptions extends ProjectOptions {
  /** Output folder (default `output`). */
  outDir?: string;
  formats?: Format[];
  /** Limit briefs and handouts to these partnership slugs. */
  only?: string[];
  /** Warnings count as errors. */
  strict?: boolean;
  /** Date written into every artifact; default SOURCE_DATE_EPOCH or 2026-01-01. */
  date?: Date;
  /** Called after each artifact is rendered or taken from the cache (for per-artifact output). */
  onArtifact?: (artifact: Artifact) => void;
  /** Called after each rendered job (for a progress line in long builds). */
  onProgress?: (job: Job, total: number) => void;
  /** Cache folder (default node_modules/.cache/council-press under cwd); `cache: false` disables it. */
  cacheDir?: string;
  cache?: boolean;
  /** `false` renders everything (through the cache) and reports, but leaves the output folder alone: `check`. */
  write?: boolean;
  /** Build only shard `index` of `count` (1-based), for a CI matrix; see mergeManifests. */
  shard?: { index: number; count: number };
  /** Worker threads that outlive this build (watch keeps them warm); default: a pool for this build only. */
  pool?: RenderPool;
  /**
   * Partnerships whose briefs and handouts the user is waiting for (watch: the file just saved).
   * Their jobs go first, and as soon as they are made their files replace the old ones in the
   * output (each by an atomic rename, with the manifest), before the deck and the combined handout
   * are done; `onEarly` reports them. The rest of the build then commits as usual.
   */
  first?: readonly string[];
  onEarly?: (artifacts: Artifact[]) => void;
}

export interface Artifact {
  /** Relative to the output folder, `/` separators. */
  path: string;
  format: Format;
  lang: Lang;
  /** Source files, relative to the folder that holds the content folder (`content/…`), `/` separators. */
  sources: string[];
  sha256: string;
  bytes: number;
  /** Milliseconds spent rendering the job that made it. */
  ms: number;
  /** True when the artifact came from the build cache. */
  cached: boolean;
}

export interface BuildResult {
  ok: boolean;
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
  outDir: string;
  /** True when nothing changed and the output folder was left as it was. */
  upToDate: boolean;
  /**
   * The file stamps of the build record that now vouches for this output (build-record.ts: every
   * input, asset and output as it recorded them), when there is one: the CLI's replay of an
   * up-to-date build is valid while they hold (bin/replay.cjs).
   */
  recordStamps?: [string, string][];
}

/** A fixed default keeps builds reproducible when SOURCE_DATE_EPOCH is not set. */
export const DEFAULT_DATE = new Date('2026-01-01T00:00:00Z');

export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return DEFAULT_DATE;
}

const slash = (p: string) => p.split(sep).join('/');

/** Under --strict a warning is an error, and is reported as one. */
export function strictly(diagnostics: Diagnostic[], strict: boolean | undefined): Diagnostic[] {
  return strict ? diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' } : d)) : diagnostics;
}

function failed(diagnostics: Diagnostic[], strict: boolean | undefined): boolean {
  return hasErrors(diagnostics) || Boolean(strict && diagnostics.some((d) => d.severity === 'warning'));
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  // The brand's fonts and logo are looked at again (a designer may have replaced one while watch runs).
  restampAssets();
  // Loaded on first use, not at start-up: a build the record answers never needs the content's parsers.
  const loadAll = async (o: BuildOptions) => (await import('./load-all.js')).loadAll(o);
  const record = recordable(options);
  if (!record) return withEarlyThreads(options, async (threads) => buildLoaded(await loadAll(options), options, threads));
  // Walked before anything is read: an input edited during the build differs from its record.
  const before = snapshotInputs(record.roots);
  const last = unchangedSince<Artifact>(record.cacheDir, record.outDir, record.key, before);
  if (last) {
    last.artifacts.forEach((a) => options.onArtifact?.(a));
    return { ok: true, artifacts: last.artifacts, diagnostics: last.diagnostics, outDir: record.outDir, upToDate: true, recordStamps: stampsOf(last) };
  }
  const { assets, result } = await withEarlyThreads(options, async (threads) => {
    const loaded = await loadAll(options);
    // The brand's fonts and logo, stamped before anything renders with them (workers read them lazily).
    const assets = loaded.brand ? { takenAt: Date.now(), stamps: stampAll([...Object.values(loaded.brand.fonts.files), loaded.brand.logo]) } : undefined;
    return { assets, result: await buildLoaded(loaded, options, threads) };
  });
  if (!result.ok || !assets) dropRecord(record.cacheDir, record.outDir);
  else {
    const outputs = [...new Set(result.artifacts.map((a) => join(record.outDir, a.path))), join(record.outDir, 'manifest.json')];
    const artifacts = result.artifacts.map((a) => ({ ...a, cached: true }));
    const saved = saveRecord(record.cacheDir, record.outDir, record.key, before, assets, outputs, { artifacts, diagnostics: result.diagnostics });
    if (saved) return { ...result, recordStamps: stampsOf(saved) };
  }
  return result;
}

/** Runs `render` with a cold one-shot build's threads already loading (early-threads.ts); ends them after. */
async function withEarlyThreads<T>(options: BuildOptions, render: (threads?: RenderPool) => Promise<T>): Promise<T> {
  const threads = options.pool ? undefined : startThreadsEarly({ ...options, cacheDir: cacheDirOf(options) });
  try {
    return await render(threads);
  } finally {
    await threads?.close();
  }
}

/**
 * Where and under which key a build's record goes (build-record.ts), or undefined for a build
 * that keeps none: without the cache, one that writes nothing or part of the output, and watch's
 * (its threads warm up on the first build, which a record would skip).
 */
function recordable(options: BuildOptions): { cacheDir: string; outDir: string; key: string; roots: string[] } | undefined {
  if (options.cache === false || options.write === false || options.only || options.formats || options.pool) return undefined;
  const cwd = options.cwd ?? process.cwd();
  const outDir = resolve(cwd, options.outDir ?? 'output');
  const roots = [resolve(cwd, options.contentDir ?? 'content'), resolve(cwd, options.templatesDir ?? 'templates')];
  const key = recordKey([VERSION, toolStamp(), roots, outDir, options.langs ?? ['ru'], options.strict ?? false, options.shard ?? null, (options.date ?? buildDate()).toISOString(), getMessagesLanguage()]);
  return { cacheDir: cacheDirOf(options), outDir, key, roots };
}

/**
 * The build from sources already loaded with the same options (check loads first, then renders).
 * `threads`: a one-shot build's threads, started before the sources were loaded (early-threads.ts).
 */
export async function buildLoaded(loaded: LoadedProject, options: BuildOptions, threads?: RenderPool): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const outDir = resolve(cwd, options.outDir ?? 'output');
  const formats = options.formats ?? [...FORMATS];
  const langs = options.langs ?? ['ru'];
  const diagnostics = [...loaded.diagnostics];
  const result = (ok: boolean, artifacts: Artifact[] = [], upToDate = false): BuildResult => ({ ok, artifacts, diagnostics: sortDiagnostics(strictly(diagnostics, options.strict)), outDir, upToDate });
  if (failed(diagnostics, options.strict) || !loaded.project || !loaded.brand || !loaded.templates) return result(false);

  const date = options.date ?? buildDate();
  // A pool that outlives this build (watch) will render these artifacts again: writers keep what it can reuse.
  const incremental = options.pool !== undefined;
  const env: RenderEnv = { project: loaded.project, brand: loaded.brand, templates: loaded.templates, date, incremental };
  const editions = langs.map((lang) => loaded.project!.editions[lang] ?? loaded.project!.editions.ru);
  const cache = options.cache === false ? undefined : new BuildCache(cacheDirOf(options));
  const jobs = selectShard(planJobs(editions, formats, options.only), options.shard);
  const keys = jobKeys(jobs, { ...env, formats }, loaded.project.contentDir);

  // Reuse what the cache has; render the rest on every core. Each artifact goes to the output
  // transaction's staging folder (and the cache) as soon as it exists and its bytes are dropped:
  // a 300-partnership build makes ~200 MB of files, which held in memory until the end put the
  // process over its memory budget. The staging folder replaces the output only when everything
  // succeeded; on any failure it is removed and the output is left as it was.
  const write = options.write !== false;
  const partial = Boolean(options.only || options.formats);
  const order = new Map(jobs.map((job, i) => [job, i]));
  const done: { job: Job; artifacts: Artifact[] }[] = [];
  const outputs: Record<string, OutputRecord> = {};
  const init: PoolInit = { templatesDir: loaded.templates.dir, langs, date: date.getTime(), messages: getMessagesLanguage(), incremental };
  // Nothing to render (the cache has it all): get a long-lived pool's threads ready for the next build.
  const warmUp = () => options.pool?.warmUp(env, warmUpJobs(jobs, options.pool.size), init, { first: isSmall, affinity: collectionHome });
  // The lock comes first: a second build into the same folder stops here, before any work.
  const tx = write ? OutputTransaction.begin(outDir, partial) : undefined;
  try {
    // Nothing changed and nobody touched the output since the last build: leave it alone.
    const hits = jobs.map((job) => cache?.lookup(keys.get(job)!));
    const projectRoot = dirname(loaded.project.contentDir);
    const cachedArtifacts = hits.every(Boolean) ? jobs.flatMap((job, i) => hits[i]!.files.map((f) => toArtifact(job, f, hits[i]!.ms, true, projectRoot))) : [];
    if (cache && hits.every(Boolean) && (options.write === false || (!options.only && !options.formats && outputUntouched(outDir, hits.flatMap((h) => h!.files), sha256(manifestJson(cachedArtifacts)), cache)))) {
      const artifacts = cachedArtifacts;
      for (const hit of hits) diagnostics.push(...hit!.diagnostics);
      artifacts.forEach((a) => options.onArtifact?.(a));
      tx?.abort();
      if (write) cache.save();
      if (failed(diagnostics, options.strict)) return result(false);
      warmUp();
      return result(true, artifacts, true);
    }

    const early = write && options.first?.length && existsSync(join(outDir, 'manifest.json')) ? new EarlyFiles(jobs, options.first) : undefined;
    const take = (o: JobOutcome, key: string, cached: boolean): void => {
      diagnostics.push(...o.diagnostics);
      const files = o.files.map((f) => ({ path: f.path, format: f.format, sha256: f.sha256 ?? sha256(f.data), bytes: f.data.length }));
      const artifacts = files.map((f) => toArtifact(o.job, f, o.ms, cached, projectRoot));
      done.push({ job: o.job, artifacts });
      // What the user is waiting for goes out before this job's copies for the staging folder and the cache.
      if (early?.add(o.job, artifacts, o.files, o.diagnostics)) publishEarly(tx!, outDir, early, options.onEarly);
      const written = new Map<string, string>();
      if (tx) {
        for (const [i, f] of o.files.entries()) {
          // An unchanged file is linked from the live output, never copied: only when the bytes on
          // disk are exactly the new bytes (same sha256 as recorded, file untouched since).
          if (!partial && cache && cache.untouchedOutput(outDir, f.path)?.sha256 === files[i]!.sha256) tx.link(f.path, join(outDir, f.path));
          else written.set(f.path, tx.write(f.path, f.data));
          outputs[f.path] = { stamp: '', sha256: files[i]!.sha256 };
        }
      }
      // check (write: false) reads the cache but leaves it, like everything else on disk, as it was.
      if (!cached && cache && write) cache.store(key, { files, diagnostics: o.diagnostics, ms: o.ms }, new Map(o.files.map((f) => [f.path, f.data])), written);
    };
    const misses: { job: Job; key: string }[] = [];
    // Linking hundreds of unchanged files waits until the jobs to render are handed out: the
    // threads render while this thread links (watch: the edited brief is not kept waiting).
    const linkLater: (() => void)[] = [];
    for (const [i, job] of jobs.entries()) {
      const key = keys.get(job)!;
      const entry = hits[i];
      // A cached artifact whose file in the live output is untouched and has the recorded hash is
      // linked as it is: no need to read the blob and hash it again (a watch rebuild at N = 300
      // would otherwise read and hash ~200 MB of unchanged briefs and handouts twice).
      if (entry && tx && !partial && entry.files.every((f) => cache!.untouchedOutput(outDir, f.path)?.sha256 === f.sha256)) {
        linkLater.push(() => {
          for (const f of entry.files) {
            tx.link(f.path, join(outDir, f.path));
            outputs[f.path] = { stamp: '', sha256: f.sha256 };
          }
          diagnostics.push(...entry.diagnostics);
          const artifacts = entry.files.map((f) => toArtifact(job, f, entry.ms, true, projectRoot));
          done.push({ job, artifacts });
          // Already in the output as it is: nothing to publish early.
          if (early?.add(job, artifacts, [], entry.diagnostics)) publishEarly(tx, outDir, early, options.onEarly);
        });
        continue;
      }
      const files = entry?.files.map((f) => ({ ...f, data: cache!.read(f) }));
      if (entry && files && files.every((f) => f.data)) {
        take({ job, diagnostics: entry.diagnostics, ms: entry.ms, files: files.map((f) => ({ path: f.path, format: f.format, data: f.data! })) }, key, true);
      } else {
        // Rendered again, and stored afresh: a blob that failed its check must not be found there.
        if (write) for (const f of files ?? []) if (!f.data) cache!.drop(f);
        misses.push({ job, key });
      }
    }
    const missKeys = new Map(misses.map((m) => [m.job, m.key]));
    const onDone = (o: JobOutcome) => {
      take(o, missKeys.get(o.job)!, false);
      // The bytes are on disk now; let them go.
      o.files.length = 0;
      options.onProgress?.(o.job, jobs.length);
    };
    const missJobs = misses.map((m) => m.job);
    const first = early ? (job: Job) => early.wants(job) : undefined;
    const running = options.pool ? options.pool.run(env, missJobs, init, { first, onDone, affinity: collectionHome }) : runJobs(env, missJobs, init, { first, onDone }, threads);
    try {
      // The early files first: until they are out, this thread stays free to take the replies.
      if (early) await Promise.race([early.settled, running.catch(() => undefined)]);
      // In slices, back to the event loop in between, so a finished job's reply is handled at once.
      for (const [i, link] of linkLater.entries()) {
        link();
        if (i % 32 === 31) await new Promise((r) => setImmediate(r));
      }
    } catch (error) {
      // Let the renders finish before the transaction is aborted under them.
      await running.catch(() => undefined);
      throw error;
    }
    await running;
    if (failed(diagnostics, options.strict)) {
      tx?.abort();
      return result(false);
    }

    done.sort((a, b) => order.get(a.job)! - order.get(b.job)!);
    const artifacts = done.flatMap((d) => d.artifacts);
    artifacts.forEach((a) => options.onArtifact?.(a));
    if (!tx) return result(true, artifacts);

    const manifest = Buffer.from(manifestJson(partial ? mergeWithPrevious(outDir, artifacts) : artifacts));
    tx.write('manifest.json', manifest);
    outputs['manifest.json'] = { stamp: '', sha256: sha256(manifest) };
    tx.commit();
    if (missJobs.length === 0) warmUp();
    if (cache) {
      for (const [path, record] of Object.entries(outputs)) record.stamp = fileStamp(join(outDir, path)) ?? '';
      // A partial build's staging folder started as hard links to the previous output: the files
      // it did not make are the same inodes as before, so their records still hold.
      cache.setOutputs(outDir, partial ? { ...cache.outputsOf(outDir), ...outputs } : outputs);
      cache.save();
    }
    return result(true, artifacts);
  } catch (error) {
    tx?.abort();
    throw error;
  }
}

export const DEFAULT_CACHE_DIR = 'node_modules/.cache/council-press';

/** The cache folder a build with these options uses, resolved. */
function cacheDirOf(options: BuildOptions): string {
  return resolve(options.cwd ?? process.cwd(), options.cacheDir ?? DEFAULT_CACHE_DIR);
}

/** True when every file (and the manifest) is on disk exactly as this cache last wrote it. */
function outputUntouched(outDir: string, files: readonly CachedFile[], manifestSha: string, cache: BuildCache): boolean {
  for (const file of files) {
    if (cache.untouchedOutput(outDir, file.path)?.sha256 !== file.sha256) return false;
  }
  return cache.untouchedOutput(outDir, 'manifest.json')?.sha256 === manifestSha;
}

function toArtifact(job: Job, file: CachedFile, ms: number, cached: boolean, projectRoot: string): Artifact {
  return {
    path: file.path,
    format: file.format,
    lang: job.lang,
    sources: job.sources.map((s) => slash(relative(projectRoot, s))),
    sha256: file.sha256,
    bytes: file.bytes,
    ms,
    cached,
  };
}

/** A shard's share: the deck and the combined handout go to shard 1; briefs and handouts by sorted slug index. */
export function selectShard(jobs: Job[], shard?: { index: number; count: number }): Job[] {
  if (!shard || shard.count <= 1) return jobs;
  const slugs = [...new Set(jobs.flatMap((j) => (j.slug ? [j.slug] : [])))].sort();
  const slugShard = new Map(slugs.map((slug, i) => [slug, (i % shard.count) + 1]));
  return jobs.filter((job) => (job.slug ? slugShard.get(job.slug) === shard.index : shard.index === 1));
}

/**
 * What a pool renders to warm up (watch, after a start the cache answered; RenderPool.warmUp takes
 * the first job per thread at once and the rest later, abandoned when a build comes): a brief and a
 * handout for each thread (both kinds' code and libraries: the save's own files may land on
 * either), then the deck and the combined handout on their home threads, whose laid slides, parsed
 * pieces and typographed paragraphs a save then finds.
 */
function warmUpJobs(jobs: readonly Job[], threads: number): Job[] {
  const lang = jobs[0]?.lang;
  const slugs = [...new Set(jobs.filter((j) => isSmall(j) && j.lang === lang).map((j) => j.slug))].slice(0, threads);
  const small = slugs.map((slug) => jobs.filter((j) => isSmall(j) && j.lang === lang && j.slug === slug));
  // Each thread takes a partnership's two jobs in turn, the first of each: the second partnership's
  // go in the other order, so each thread renders one of each kind.
  return [...small.flatMap((pair, i) => (i % 2 ? [...pair].reverse() : pair)), ...jobs.filter((j) => !isSmall(j))];
}

/** A partnership's brief or handout, as opposed to a collection (the deck, the combined handout). */
function isSmall(job: Job): boolean {
  return job.kind === 'brief' || job.kind === 'handout';
}

/**
 * A warm pool's jobs that show every partnership stay on the same thread from build to build, where
 * their memos are: the deck (one layout for its PPTX and PDF) on the second, the combined handout on
 * the first, which also takes the edited partnership's brief or handout first. At 300 partnerships
 * on two cores the two then finish close together. The deck used to be two jobs, its PPTX on the
 * first thread before the combined handout and its PDF on the second, each laying the deck out:
 * after a save the first thread finished last. In three interleaved watch runs of three saves each
 * at N = 300, the deck and the combined handout took 1.25–2.58 s that way and 0.96–1.66 s this way,
 * with ~30 MB less memory.
 */
function collectionHome(job: Job): number | undefined {
  if (job.kind === 'deck') return 1;
  return job.kind === 'council-handout' ? 0 : undefined;
}

/** The brief and handout jobs of the partnerships in `first`, collected until all of them are done. */
class EarlyFiles {
  private readonly pending: Set<Job>;
  readonly artifacts: Artifact[] = [];
  readonly files: { path: string; data: Buffer }[] = [];
  private failed = false;
  /** Resolves when every wanted job is done (published or not). */
  readonly settled: Promise<void>;
  private settle!: () => void;

  constructor(jobs: readonly Job[], slugs: readonly string[]) {
    this.pending = new Set(jobs.filter((job) => job.slug !== undefined && slugs.includes(job.slug)));
    this.settled = new Promise((resolve) => (this.settle = resolve));
    if (this.pending.size === 0) this.settle();
  }

  wants(job: Job): boolean {
    return this.pending.has(job);
  }

  /** Records a finished job; true when it was the last one wanted and all of them succeeded. */
  add(job: Job, artifacts: Artifact[], files: readonly { path: string; data: Buffer }[], diagnostics: readonly Diagnostic[]): boolean {
    if (!this.pending.delete(job)) return false;
    if (hasErrors([...diagnostics])) this.failed = true;
    this.artifacts.push(...artifacts);
    this.files.push(...files.map((f) => ({ path: f.path, data: f.data })));
    // Settled once the caller has published (it does so right after this returns true).
    if (this.pending.size === 0) queueMicrotask(this.settle);
    return this.pending.size === 0 && !this.failed && this.files.length > 0;
  }
}

/** Puts the early files and a manifest that lists them into the live output, ahead of the commit. */
function publishEarly(tx: OutputTransaction, outDir: string, early: EarlyFiles, onEarly: BuildOptions['onEarly']): void {
  const manifest = Buffer.from(manifestJson(mergeWithPrevious(outDir, early.artifacts, true)));
  tx.publishEarly([...early.files, { path: 'manifest.json', data: manifest }]);
  // In a fixed order, whichever thread finished first.
  onEarly?.([...early.artifacts].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
}

function mergeWithPrevious(outDir: string, artifacts: Artifact[], keepOrder = false): Artifact[] {
  const fresh = new Set(artifacts.map((a) => a.path));
  try {
    const previous = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { artifacts: Artifact[] };
    if (keepOrder) {
      // Same list, same order, the fresh entries in place of the old ones.
      const byPath = new Map(artifacts.map((a) => [a.path, a]));
      const merged = previous.artifacts.map((a) => byPath.get(a.path) ?? a);
      return [...merged, ...artifacts.filter((a) => !previous.artifacts.some((p) => p.path === a.path))];
    }
    const kept = previous.artifacts.filter((a) => !fresh.has(a.path) && existsSync(join(outDir, a.path)));
    return [...kept, ...artifacts];
  } catch {
    return artifacts;
  }
}

export function manifestJson(artifacts: readonly Artifact[]): string {
  return renderManifest(artifacts);
}
