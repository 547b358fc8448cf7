/**
 * A cold one-shot build's worker threads, started before the content is loaded.
 *
 * A worker takes ~0.3 s to start (an isolate, the render bundle, the fonts). Started once the
 * jobs were planned, it began only after the main thread had read and checked every source
 * (~0.35 s at 300 partnerships), and rendered its first job ~0.85 s into the build. Started
 * first, it loads while the main thread reads the content, and renders as soon as the sources
 * reach it (~0.55 s in the same profile).
 *
 * Only when the build will most likely render everything: without a cache (`--no-cache`), or
 * with a cache folder no build has used yet (a fresh clone, CI). A build with a cache usually
 * renders a few jobs or none, on the main thread, and threads started for nothing would load a
 * second copy of the libraries. The number of jobs is guessed from the partnership files' names
 * before anything is read; a wrong guess costs at most a thread that loads and is ended unused.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { markdownName } from '../content/file-names.js';
import { cacheExists } from './cache.js';
import type { Format } from './plan.js';
import { oneShotThreads, RenderPool } from './pool.js';

export interface EarlyThreadsOptions {
  cwd?: string;
  contentDir?: string;
  /** Resolved. */
  cacheDir: string;
  cache?: boolean;
  write?: boolean;
  formats?: readonly Format[];
  only?: readonly string[];
  shard?: { index: number; count: number };
  langs?: readonly string[];
}

/** The briefs and handouts a build with these options will plan, from the partnership files' names. */
export function guessJobs(options: EarlyThreadsOptions): number {
  let names: string[];
  try {
    names = readdirSync(join(resolve(options.cwd ?? process.cwd(), options.contentDir ?? 'content'), 'partnerships'));
  } catch {
    return 0;
  }
  const partnerships = names.filter((name) => {
    const parsed = markdownName(name);
    return parsed !== undefined && parsed.lang === undefined;
  }).length;
  const selected = options.only ? Math.min(options.only.length, partnerships) : partnerships;
  const formats = options.formats ?? ['docx', 'pdf'];
  const perPartnership = Number(formats.includes('docx')) + Number(formats.includes('pdf'));
  return Math.ceil(selected / Math.max(1, options.shard?.count ?? 1)) * perPartnership * Math.max(1, options.langs?.length ?? 1);
}

/** Threads, already loading, when a build with these options will most likely render everything on them. */
export function startThreadsEarly(options: EarlyThreadsOptions): RenderPool | undefined {
  if (options.write === false) return undefined;
  if (options.cache !== false && cacheExists(options.cacheDir)) return undefined;
  const { workers, mainRenders } = oneShotThreads(guessJobs(options));
  if (workers === 0) return undefined;
  const pool = new RenderPool(workers, mainRenders);
  pool.spawn();
  return pool.size > 0 ? pool : undefined;
}
