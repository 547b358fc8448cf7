/**
 * Runs render jobs on every core: the main thread takes jobs too, and one worker thread per extra
 * core takes the rest, first come first served (the big deck job is queued first). Below a dozen
 * jobs, starting a worker (loading the libraries and fonts again) costs more than it saves.
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

export async function runJobs(env: RenderEnv, jobs: Job[], init: Omit<WorkerInit, 'project' | 'brand'>, onDone?: (outcome: JobOutcome) => void): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = new Array(jobs.length);
  let next = 0;
  const file = workerFile();
  const workers = jobs.length >= MIN_JOBS_FOR_WORKERS && file ? Math.min(availableParallelism() - 1, 3) : 0;

  const finish = (index: number, outcome: JobOutcome) => {
    outcomes[index] = outcome;
    onDone?.(outcome);
  };

  const mainLoop = async () => {
    while (next < jobs.length) {
      const index = next++;
      const started = performance.now();
      const { files, diagnostics } = await renderJob(env, jobs[index]!);
      finish(index, { job: jobs[index]!, files, diagnostics, ms: performance.now() - started });
    }
  };

  const workerLoop = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      let current = -1;
      const take = () => {
        if (next >= jobs.length) {
          resolve();
          return;
        }
        current = next++;
        worker.postMessage({ id: current, job: jobs[current] });
      };
      worker.on('message', (reply: WorkerReply) => {
        if (reply.error) {
          reject(new Error(reply.error));
          return;
        }
        const files = (reply.files ?? []).map((f) => ({ ...f, data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength) }));
        finish(reply.id, { job: jobs[reply.id]!, files, diagnostics: reply.diagnostics ?? [], ms: reply.ms });
        take();
      });
      worker.on('error', reject);
      worker.on('online', take);
    });

  const pool: Worker[] = [];
  try {
    for (let i = 0; i < workers; i++) {
      pool.push(new Worker(file!, { workerData: { ...init, project: env.project, brand: env.brand } satisfies WorkerInit }));
    }
    await Promise.all([mainLoop(), ...pool.map(workerLoop)]);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return outcomes;
}
