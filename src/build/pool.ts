/**
 * Runs render jobs on every core. Below a dozen jobs everything runs on the main thread: starting a
 * worker (loading the libraries and fonts again) costs more than it saves. Above, one worker thread
 * per core renders and the main thread only hands out jobs and collects results.
 *
 * Why the main thread does not render too: a render is synchronous work with no I/O, so a main
 * thread busy rendering never gets back to its event loop to answer a worker that finished; the
 * profile of a 100-partnership build showed the one worker idle 79 % of the time. An idle main
 * thread answers at once, so both cores stay busy.
 *
 * The longest jobs go first (the deck: every slide, PPTX and PDF; then the combined handout), so no
 * core is left with one long job at the end while the other has nothing to do.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Job } from './plan.js';
import { renderJob, type RenderEnv, type RenderedFile } from './render-artifact.js';
import type { WorkerInit, WorkerReply } from './worker.js';

export const MIN_JOBS_FOR_WORKERS = 12;
/** More threads than this gains nothing on the machines this runs on and costs memory (each holds fonts and libraries). */
const MAX_WORKERS = 4;

export interface JobOutcome {
  job: Job;
  files: RenderedFile[];
  diagnostics: Diagnostic[];
  ms: number;
}

function workerFile(): string | undefined {
  // Only the compiled worker can run in a thread (no TypeScript loader at run time).
  const file = fileURLToPath(new URL('./worker.js', import.meta.url));
  return existsSync(file) ? file : undefined;
}

/** Bigger first: the deck has a slide per partnership, the combined handout a section per partnership. */
const WEIGHT: Record<Job['kind'], number> = { deck: 0, 'council-handout': 1, brief: 2, handout: 2 };

/** Threads to use: COUNCIL_PRESS_WORKERS overrides (0 renders on the main thread), for measuring. */
function workerCount(jobs: number): number {
  const forced = process.env.COUNCIL_PRESS_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), MAX_WORKERS);
  if (jobs < MIN_JOBS_FOR_WORKERS) return 0;
  return Math.max(1, Math.min(availableParallelism(), MAX_WORKERS));
}

export async function runJobs(env: RenderEnv, jobs: Job[], init: Omit<WorkerInit, 'project' | 'brand'>, onDone?: (outcome: JobOutcome) => void): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = new Array(jobs.length);
  const file = workerFile();
  const workers = file ? Math.min(workerCount(jobs.length), jobs.length) : 0;
  const mainRenders = workers > 0 && process.env.COUNCIL_PRESS_MAIN_RENDERS === '1';
  const queue = jobs.map((_, i) => i).sort((a, b) => WEIGHT[jobs[a]!.kind] - WEIGHT[jobs[b]!.kind] || a - b);
  let next = 0;

  const finish = (index: number, outcome: JobOutcome) => {
    outcomes[index] = outcome;
    onDone?.(outcome);
  };

  if (workers === 0) {
    for (const index of queue) {
      const started = performance.now();
      const { files, diagnostics } = await renderJob(env, jobs[index]!);
      finish(index, { job: jobs[index]!, files, diagnostics, ms: performance.now() - started });
    }
    return outcomes;
  }

  // Jobs in flight per worker: the next one is already queued in the worker when it finishes one,
  // so it never waits for the main thread (which may be rendering a job of its own).
  const depth = mainRenders ? 2 : 1;
  const workerLoop = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      let inFlight = 0;
      const take = () => {
        while (inFlight < depth && next < queue.length) {
          const index = queue[next++]!;
          inFlight++;
          worker.postMessage({ id: index, job: jobs[index] });
        }
        if (inFlight === 0) resolve();
      };
      worker.on('message', (reply: WorkerReply) => {
        if (reply.error) {
          reject(new Error(reply.error));
          return;
        }
        inFlight--;
        take();
        const files = (reply.files ?? []).map((f) => ({ ...f, data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength) }));
        finish(reply.id, { job: jobs[reply.id]!, files, diagnostics: reply.diagnostics ?? [], ms: reply.ms });
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (inFlight > 0 || code !== 0 ? reject(new Error(`render worker exited (${code})`)) : resolve()));
      worker.on('online', take);
    });

  // The main thread, when it renders too, takes the small jobs from the end of the queue and goes
  // back to its event loop after each, so the workers' replies are handled between its jobs.
  const mainLoop = async () => {
    while (next < queue.length) {
      const index = queue.pop()!;
      const started = performance.now();
      const { files, diagnostics } = await renderJob(env, jobs[index]!);
      finish(index, { job: jobs[index]!, files, diagnostics, ms: performance.now() - started });
      await new Promise((r) => setImmediate(r));
    }
  };

  const pool: Worker[] = [];
  try {
    for (let i = 0; i < workers; i++) {
      pool.push(new Worker(file!, { workerData: { ...init, project: env.project, brand: env.brand } satisfies WorkerInit }));
    }
    await Promise.all([...pool.map(workerLoop), ...(mainRenders ? [mainLoop()] : [])]);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return outcomes;
}
