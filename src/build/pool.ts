/**
 * Runs render jobs on every core. Below a dozen jobs a one-shot build renders on the main thread:
 * starting a worker (loading the libraries and fonts again) costs more than it saves. Above, one
 * worker thread per core renders and the main thread only hands out jobs and collects results.
 *
 * Why the main thread does not render too: a render is synchronous work with no I/O, so a main
 * thread busy rendering never gets back to its event loop to answer a worker that finished; the
 * profile of a 100-partnership build showed the one worker idle 79 % of the time. An idle main
 * thread answers at once, so both cores stay busy.
 *
 * A pool can outlive one build (`build --watch` keeps one): its workers stay warm — libraries
 * loaded, fonts parsed, Markdown and layout memos filled — so the next build after a save starts
 * at full speed. Each build sends the workers the sources it loaded; the templates are reloaded in
 * a worker only when their text changed. A pool that has rendered nothing yet can warm up in the
 * background (`warmUp`), and a build stops that rather than wait for it.
 *
 * The longest jobs go first (the deck: every slide; then the combined handout), so no core is left
 * with one long job at the end while the other has nothing to do — unless the caller puts some
 * jobs in front (watch: the edited partnership's brief and handout, which the user is waiting for).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BUNDLED, PACKAGE_ROOT } from '../package-root.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Job } from './plan.js';
import type { RenderEnv, RenderedFile } from './render-artifact.js';
import type { WorkerEnv, WorkerReply, WorkerRequest } from './worker.js';
import { cancelFlag, raise, raised } from './cancel.js';
import { sha256 } from './cache.js';
import { tuneV8ForWorkers } from './jit.js';
import { renderOnThisThread } from './render-module.js';

export const MIN_JOBS_FOR_WORKERS = 12;
/**
 * How long a pool that warmed up its threads waits before it also lays out the collections in the
 * background: a save that soon (a script, a test) finds the threads idle rather than stopping them.
 */
const WARM_UP_PAUSE_MS = 1000;
/** More threads than this gains nothing on the machines this runs on and costs memory (each holds fonts and libraries). */
const MAX_WORKERS = 4;

export interface JobOutcome {
  job: Job;
  files: RenderedFile[];
  diagnostics: Diagnostic[];
  ms: number;
  /** The worker thread (its index in the pool) that rendered it; absent for the calling thread. */
  worker?: number;
}

export type PoolInit = Omit<WorkerEnv, 'project' | 'brand' | 'templatesKey'>;

interface WorkerEntry {
  file: string;
  options?: WorkerOptions;
}

/** The worker's entry: the bundle (through its loader) when this code runs from one, else the compiled module. */
function workerEntry(): WorkerEntry | undefined {
  if (BUNDLED) {
    const { fresh } = createRequire(import.meta.url)(join(PACKAGE_ROOT, 'bin', 'bundle-loader.cjs')) as { fresh(names: string | string[]): boolean };
    if (fresh('worker')) return { file: join(PACKAGE_ROOT, 'bin', 'bundle-worker.cjs'), options: { workerData: { councilPressBundle: 'worker' } } };
  }
  // Only the compiled worker can run in a thread (no TypeScript loader at run time).
  const file = fileURLToPath(new URL('./worker.js', import.meta.url));
  return existsSync(file) ? { file } : undefined;
}

/** Bigger first: the deck has a slide per partnership, the combined handout a section per partnership. */
const WEIGHT: Record<Job['kind'], number> = { deck: 0, 'council-handout': 1, brief: 2, handout: 2 };

/**
 * A one-shot build's threads: the main thread renders beside one worker fewer than there are
 * cores. It has little else to do (it writes what the workers send), and each worker is an isolate
 * of its own that loads, compiles and fills its memos again: at 100 partnerships on two cores, one
 * worker and the main thread took ~7 % less time and ~12 % less memory than two workers (median
 * of five interleaved runs each). COUNCIL_PRESS_WORKERS and COUNCIL_PRESS_MAIN_RENDERS override.
 */
export function oneShotThreads(jobs: number): { workers: number; mainRenders: boolean } {
  const forced = process.env.COUNCIL_PRESS_MAIN_RENDERS;
  const workers = workerCount(jobs);
  if (process.env.COUNCIL_PRESS_WORKERS !== undefined || workers === 0) return { workers, mainRenders: forced === '1' };
  // One core: a worker beside the main thread would only be a second isolate to load and compile.
  if (availableParallelism() <= 1) return { workers: 0, mainRenders: false };
  return { workers: Math.max(1, workers - 1), mainRenders: forced !== '0' };
}

/** Threads to use: COUNCIL_PRESS_WORKERS overrides (0 renders on the main thread), for measuring. */
export function workerCount(jobs: number): number {
  const forced = process.env.COUNCIL_PRESS_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), MAX_WORKERS);
  if (jobs < MIN_JOBS_FOR_WORKERS) return 0;
  return Math.max(1, Math.min(availableParallelism(), MAX_WORKERS));
}

/** Queue order: the jobs the caller wants first, then the longest. */
function queueOrder(jobs: readonly Job[], first?: (job: Job) => boolean): number[] {
  const rank = (job: Job) => (first?.(job) ? -1 : WEIGHT[job.kind]);
  return jobs.map((_, i) => i).sort((a, b) => rank(jobs[a]!) - rank(jobs[b]!) || a - b);
}

/**
 * One thread, one job after another: the total is the same in any order, so the jobs that show no
 * picture go before those that do (after any the caller puts first) while sharp decodes the
 * pictures on its own threads — on the seed content the map was a 0.1 s wait otherwise.
 */
async function mainThreadOrder(env: RenderEnv, jobs: readonly Job[], queue: number[], init: PoolInit, first?: (job: Job) => boolean): Promise<number[]> {
  if (jobs.length === 0) return queue;
  const { prefetchImages } = await renderOnThisThread(init.messages);
  const showing = prefetchImages(env, jobs);
  const rank = (index: number) => (first?.(jobs[index]!) ? 0 : showing.has(jobs[index]!) ? 2 : 1);
  return queue.map((index, at) => ({ index, at })).sort((a, b) => rank(a.index) - rank(b.index) || a.at - b.at).map(({ index }) => index);
}

async function renderHere(env: RenderEnv, job: Job, init: PoolInit): Promise<JobOutcome> {
  // Loaded on first use: a build the cache answers entirely never loads the Markdown parser,
  // the typograph or the layout (render-module.ts).
  const { renderJob } = await renderOnThisThread(init.messages);
  const started = performance.now();
  const { files, diagnostics } = await renderJob(env, job);
  return { job, files, diagnostics, ms: performance.now() - started };
}

/** Same text, same key: a worker reloads its templates only when this changes. */
function templatesKey(env: RenderEnv): string {
  return sha256(JSON.stringify([env.templates.dir, Object.entries(env.templates.sources).sort()]));
}

export interface RunOptions {
  /** Jobs to hand out before all others. */
  first?: (job: Job) => boolean;
  /**
   * The worker (index modulo the pool's size) a job should always run on, so the memos it filled
   * there last time (the deck's Markdown pieces and laid slides) are found again.
   */
  affinity?: (job: Job) => number | undefined;
  onDone?: (outcome: JobOutcome) => void;
  /** The jobs are a warm-up that raising this flag abandons (cancel.ts): a job stopped so is not reported. */
  cancel?: Int32Array;
}

export interface WarmUpOptions extends Pick<RunOptions, 'first' | 'affinity'> {
  /** Wait before the background part (default WARM_UP_PAUSE_MS). */
  pauseMs?: number;
}

/** What a warm-up did: the jobs it rendered to the end, and those it abandoned or never started. */
export interface WarmUpReport {
  rendered: Job[];
  abandoned: Job[];
  /** From the start of the warm-up to its end. */
  ms: number;
}

export class RenderPool {
  private readonly workers: Worker[] = [];
  /** What each worker was last sent, so an unchanged project is not copied to it again. */
  private sent?: { project: RenderEnv['project']; brand: RenderEnv['brand']; key: string; init: string };
  private failed?: Error;
  /**
   * Found once per pool with threads: in a bundle, telling whether the worker bundle is current
   * stats ~150 files (~2 ms), which a build that renders on the calling thread alone never needs.
   */
  private readonly entry: WorkerEntry | undefined;

  /**
   * @param size        worker threads (0: every job renders on the calling thread)
   * @param mainRenders the calling thread takes jobs too, between handling the workers' replies
   */
  constructor(
    readonly size: number,
    private readonly mainRenders = process.env.COUNCIL_PRESS_MAIN_RENDERS === '1',
  ) {
    this.entry = size > 0 ? workerEntry() : undefined;
    if (!this.entry) this.size = 0;
  }

  /** A pool sized for this machine that stays up between builds (watch). */
  static persistent(): RenderPool {
    return new RenderPool(workerCount(Number.POSITIVE_INFINITY));
  }

  /** Runs one after another: a build waits for the one before it (or a warm-up's first step) to finish. */
  private turn: Promise<unknown> = Promise.resolve();
  /** True once the threads have rendered something: their libraries, fonts and memos are loaded. */
  private warmed = false;

  /** The flag of the warm-up running now, raised when a build comes: the build does not wait for it. */
  private warming?: Int32Array;
  /**
   * Per worker, while it renders a warm-up job: settles when that job's reply (done or abandoned)
   * comes. A build gives that worker its jobs only then, and the other workers theirs at once.
   */
  private readonly warmingJob: (Promise<void> | undefined)[] = [];
  /** Ends a warm-up's pause (a build came). */
  private wakeWarmUp?: () => void;
  /** Numbers each run's job messages, so that a run takes only its own replies (a warm-up's may arrive during a build). */
  private runs = 0;
  /** Runs in progress: the workers are unref'd (idle) only when none is. */
  private active = 0;

  run(env: RenderEnv, jobs: Job[], init: PoolInit, options: RunOptions = {}): Promise<JobOutcome[]> {
    if (this.warming) {
      raise(this.warming);
      this.wakeWarmUp?.();
    }
    const mine = this.turn.then(() => this.runNow(env, jobs, init, options));
    this.turn = mine.catch(() => undefined);
    return mine;
  }

  /**
   * Gets cold threads ready in the background (watch, after a first build that the cache answered
   * entirely), in two steps, each rendering jobs and throwing the results away:
   * - first one small job per thread (the first `size` of `jobs`), so that the libraries and fonts
   *   are loaded; a build started meanwhile waits for these, as for any build before it;
   * - then, after WARM_UP_PAUSE_MS with no build, the rest (the deck and the combined handout on
   *   their home threads), whose memos a save then finds filled. A build started meanwhile raises
   *   this step's flag: each thread stops at its next checkpoint (between slides and blocks) and
   *   takes no more of these jobs, and the build does not wait for it.
   */
  warmUp(env: RenderEnv, jobs: Job[], init: PoolInit, options: WarmUpOptions = {}): Promise<WarmUpReport> | undefined {
    if (this.warmed || this.warming || this.size === 0 || jobs.length === 0) return undefined;
    const report: Omit<WarmUpReport, 'ms'> = { rendered: [], abandoned: [] };
    const started = performance.now();
    const quick = this.run(env, jobs.slice(0, this.size), init, { onDone: (o) => report.rendered.push(o.job) });
    const rest = jobs.slice(this.size);
    const flag = cancelFlag();
    this.warming = flag;
    this.warmUpStage = 'quick';
    const background = async () => {
      await quick;
      // The pause ends early when a build raises the flag (or raised it already).
      if (!raised(flag))
        await new Promise<void>((resolve) => {
          this.wakeWarmUp = resolve;
          setTimeout(resolve, options.pauseMs ?? WARM_UP_PAUSE_MS).unref();
        });
      this.wakeWarmUp = undefined;
      if (raised(flag) || this.failed || rest.length === 0) {
        report.abandoned.push(...rest);
        return;
      }
      this.warmUpStage = 'background';
      const outcomes = await this.runNow(env, rest, init, { first: options.first, affinity: options.affinity, cancel: flag });
      rest.forEach((job, i) => (outcomes[i] ? report.rendered : report.abandoned).push(job));
    };
    // Not in the turn of builds: a build raises the flag and starts without waiting for it.
    return (this.lastWarmUp = background()
      .catch(() => undefined)
      .then(() => ({ ...report, ms: performance.now() - started }))
      .finally(() => {
        if (this.warming === flag) this.warming = undefined;
        this.warmUpStage = undefined;
      }));
  }

  /** The last warm-up started (watch reports when it is done). */
  lastWarmUp?: Promise<WarmUpReport>;

  /** What a warm-up is doing now (tests). */
  warmUpStage?: 'quick' | 'background';

  private async runNow(env: RenderEnv, jobs: Job[], init: PoolInit, options: RunOptions): Promise<JobOutcome[]> {
    const outcomes: JobOutcome[] = new Array(jobs.length);
    const queue = queueOrder(jobs, options.first);
    const finish = (index: number, outcome: JobOutcome) => {
      outcomes[index] = outcome;
      options.onDone?.(outcome);
    };
    if (this.size === 0 || jobs.length === 0) {
      for (const index of await mainThreadOrder(env, jobs, queue, init, options.first)) {
        finish(index, await renderHere(env, jobs[index]!, init));
        // A turn of the event loop: sharp's prefetched decodes move on a step only then.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return outcomes;
    }
    if (this.failed) throw this.failed;
    this.start();
    this.sendEnv(env, init);
    for (const worker of this.workers) worker.ref();
    this.active++;
    const run = ++this.runs;
    const warmUp = options.cancel !== undefined;

    const pending = [...queue];
    const homes = jobs.map((job) => {
      const a = options.affinity?.(job);
      return a === undefined ? undefined : a % this.workers.length;
    });
    /*
     * A partnership's brief and handout share its parsed Markdown, typographed paragraphs and
     * hyphenated words: made on one thread, that work is done once (the memos are per thread).
     * So a worker that took one job of a partnership takes its other job next, and the other
     * workers leave it alone while they have jobs of their own. Only among equally urgent jobs:
     * jobs put first (the partnership just edited in watch) go to whichever thread is free.
     */
    const claimed = new Map<string, number>();
    /** Warm-up jobs in flight: what to do when each replies (release its worker for a build). */
    const replied = new Map<number, () => void>();
    // Worked out once per run: takeFor looks at every queued job each time (600 at N = 300).
    const groups = jobs.map((job) => (job.slug === undefined ? undefined : `${job.lang}/${job.slug}`));
    const urgent = jobs.map((job) => options.first?.(job) === true);
    /** The queued job worker `w` should take next (the main thread, -1, takes only jobs without a home). */
    const takeFor = (w: number, fromEnd = false): number | undefined => {
      let unclaimed: number | undefined;
      let any: number | undefined;
      for (let k = 0; k < pending.length; k++) {
        const i = fromEnd ? pending.length - 1 - k : k;
        const index = pending[i]!;
        const h = homes[index];
        if (h !== undefined && h !== w) continue;
        if (any === undefined) {
          any = i;
          if (urgent[index]) break;
        } else if (urgent[index] !== urgent[pending[any]!]) break;
        const group = groups[index];
        const owner = group === undefined ? undefined : claimed.get(group);
        if (owner === w) {
          any = unclaimed = i;
          break;
        }
        if (owner === undefined && unclaimed === undefined) unclaimed = i;
      }
      const at = unclaimed ?? any;
      if (at === undefined) return undefined;
      const index = pending.splice(at, 1)[0]!;
      const group = groups[index];
      if (group !== undefined && !claimed.has(group)) claimed.set(group, w);
      return index;
    };
    const mainRenders = this.mainRenders;
    // Jobs in flight per worker: with the main thread rendering too, the next job is already
    // queued in the worker when it finishes one, so it never waits for the main thread.
    const depth = mainRenders ? 2 : 1;
    // Workers that ran out of jobs they may take wait here until another finishes (it may have
    // been holding the queue's only jobs for them); all of them stop when the queue is empty.
    const idle = new Set<() => void>();
    const wakeIdle = () => {
      for (const wake of [...idle]) wake();
    };
    const workerLoop = (worker: Worker, w: number) =>
      new Promise<void>((resolve, reject) => {
        let inFlight = 0;
        const take = () => {
          idle.delete(take);
          // A cancelled warm-up hands out nothing more.
          if (options.cancel && raised(options.cancel)) pending.length = 0;
          while (inFlight < depth) {
            const index = takeFor(w);
            if (index === undefined) break;
            inFlight++;
            if (warmUp) {
              let settle!: () => void;
              const settled = new Promise<void>((resolve) => (settle = resolve));
              this.warmingJob[w] = settled;
              replied.set(index, () => {
                settle();
                if (this.warmingJob[w] === settled) this.warmingJob[w] = undefined;
              });
            }
            worker.postMessage({ type: 'job', run, id: index, job: jobs[index]!, cancel: options.cancel } satisfies WorkerRequest);
          }
          if (inFlight > 0) return;
          if (pending.length === 0) done();
          else idle.add(take);
        };
        const onMessage = (reply: WorkerReply) => {
          if (reply.run !== run) return;
          replied.get(reply.id)?.();
          if (reply.error) return fail(new Error(reply.error));
          inFlight--;
          take();
          wakeIdle();
          if (reply.cancelled) return;
          const files = (reply.files ?? []).map((f) => ({ ...f, data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength) }));
          finish(reply.id, { job: jobs[reply.id]!, files, diagnostics: reply.diagnostics ?? [], ms: reply.ms, worker: w });
        };
        const onError = (error: Error) => fail(error);
        const onExit = (code: number) => fail(new Error(`render worker exited (${code})`));
        const detach = () => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        };
        function done() {
          detach();
          resolve();
          wakeIdle();
        }
        const fail = (error: Error) => {
          detach();
          reject(error);
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        // A worker still on a warm-up job (being abandoned) starts this run's jobs when it replies.
        const busy = warmUp ? undefined : this.warmingJob[w];
        if (busy) busy.then(take, take);
        else take();
      });

    // The main thread, when it renders too, takes the small jobs from the end of the queue and goes
    // back to its event loop after each, so the workers' replies are handled between its jobs.
    const mainLoop = async () => {
      for (let index = takeFor(-1, true); index !== undefined; index = takeFor(-1, true)) {
        finish(index, await renderHere(env, jobs[index]!, init));
        await new Promise((r) => setImmediate(r));
      }
    };
    try {
      await Promise.all([...this.workers.map((worker, w) => workerLoop(worker, w)), ...(mainRenders ? [mainLoop()] : [])]);
      // Idle between builds: a waiting pool must not keep a finished process alive.
      if (--this.active === 0) for (const worker of this.workers) worker.unref();
      this.warmed = true;
    } catch (error) {
      this.active--;
      // A worker that failed mid-job is in an unknown state: this pool renders nothing more.
      this.failed = error as Error;
      await this.close();
      throw error;
    }
    return outcomes;
  }

  /**
   * Starts the threads now, idle, each loading the layout and the writers' libraries (watch: while
   * the first build is checked, so that neither the warm-up nor the first save waits for that).
   */
  spawn(): void {
    if (this.failed || this.size === 0) return;
    this.start(true);
    for (const worker of this.workers) worker.unref();
  }

  /** Ends the worker threads. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    this.sent = undefined;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private start(preload = false): void {
    const entry = this.entry!;
    if (this.workers.length < this.size) tuneV8ForWorkers();
    while (this.workers.length < this.size) {
      const workerData = { ...(entry.options?.workerData as object | undefined), preload };
      const worker = new Worker(entry.file, { ...entry.options, workerData });
      // Between runs (threads started ahead of a build, or idle in watch) nothing else listens: a
      // worker that fails or exits then fails the pool's next run, rather than crashing the
      // process (an unhandled 'error') or leaving the run waiting for it. close() takes the
      // workers out of the list before ending them.
      worker.on('error', (error) => void (this.failed ??= error));
      worker.on('exit', (code) => {
        if (this.workers.includes(worker)) this.failed ??= new Error(`render worker exited (${code})`);
      });
      this.workers.push(worker);
    }
  }

  /** Sends the loaded sources to every worker, once per change (structured clone: a copy per thread). */
  private sendEnv(env: RenderEnv, init: PoolInit): void {
    const key = templatesKey(env);
    const initKey = JSON.stringify(init);
    const s = this.sent;
    if (s && s.project === env.project && s.brand === env.brand && s.key === key && s.init === initKey) return;
    const message: { type: 'env' } & WorkerEnv = { type: 'env', ...init, project: env.project, brand: env.brand, templatesKey: key };
    for (const worker of this.workers) worker.postMessage(message);
    this.sent = { project: env.project, brand: env.brand, key, init: initKey };
  }
}

/**
 * A one-shot build's pool: sized for the number of jobs, closed when they are done. `started`:
 * threads started before the jobs were known (early-threads.ts), used when the jobs want as many
 * threads as were started, and ended either way.
 */
export async function runJobs(env: RenderEnv, jobs: Job[], init: PoolInit, options: RunOptions = {}, started?: RenderPool): Promise<JobOutcome[]> {
  const { workers, mainRenders } = oneShotThreads(jobs.length);
  const size = Math.min(workers, jobs.length);
  const pool = started && size > 0 && started.size === size ? started : new RenderPool(size, mainRenders);
  if (started && pool !== started) void started.close();
  try {
    return await pool.run(env, jobs, init, options);
  } finally {
    await pool.close();
  }
}
