/**
 * A render worker: holds its own copy of the loaded project, brand and templates (compiled
 * templates are functions and cannot cross threads, so each worker compiles its own) and renders
 * the jobs the pool sends it. A pool that outlives one build sends a new `env` whenever the
 * sources changed; the worker keeps everything it built up meanwhile (libraries, fonts, memos).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setMessagesLanguage, type MessagesLanguage } from '../diagnostics/catalogue.js';
import type { Lang } from '../document/model.js';
import type { Project } from '../schema/model.js';
import type { Brand } from '../templates/brand-model.js';
import { loadTemplates, type LoadedTemplates } from '../templates/templates.js';
import { sha256 } from './cache.js';
import { checkpointFor, RenderCancelled } from './cancel.js';
import type { Job } from './plan.js';
import { preloadRenderers, renderJob, type RenderEnv } from './render-artifact.js';
import { restampAssets } from '../templates/asset-stamp.js';

export interface WorkerEnv {
  project: Project;
  brand: Brand;
  templatesDir: string;
  /** Changes when any template or locale text changes: the worker then reloads them. */
  templatesKey: string;
  langs: Lang[];
  date: number;
  messages: MessagesLanguage;
  /** RenderEnv.incremental. */
  incremental: boolean;
}

/** A job; with `cancel`, a warm-up the pool abandons by raising that flag (cancel.ts). */
export type WorkerRequest = ({ type: 'env' } & WorkerEnv) | { type: 'job'; run: number; id: number; job: Job; cancel?: Int32Array };

export interface WorkerReply {
  /** The run (RenderPool) and the job's index in it. */
  run: number;
  id: number;
  /** Each file with its sha256, computed here so the main thread does not hash 200 MB alone. */
  files?: { path: string; format: Job['outputs'][number]['format']; data: Uint8Array; sha256: string }[];
  diagnostics?: Awaited<ReturnType<typeof renderJob>>['diagnostics'];
  error?: string;
  /** The job was a warm-up, abandoned at a checkpoint: no files. */
  cancelled?: boolean;
  ms: number;
}

let env: RenderEnv | undefined;
let templates: { key: string; loaded?: LoadedTemplates } | undefined;

// A pool started ahead of its first job (watch) gets its libraries loaded meanwhile; a failure
// here is a failure of the first job that needs that library, reported there.
if (workerData?.preload === true) preloadRenderers().catch(() => undefined);

function setEnv(next: WorkerEnv): void {
  setMessagesLanguage(next.messages);
  if (templates?.key !== next.templatesKey) templates = { key: next.templatesKey, loaded: loadTemplates(next.templatesDir, next.langs).templates };
  env = templates.loaded && { project: next.project, brand: next.brand, templates: templates.loaded, date: new Date(next.date), incremental: next.incremental };
}

/** The run whose jobs this thread renders now: the brand's files are looked at again for each run. */
let currentRun: number | undefined;

parentPort!.on('message', async (request: WorkerRequest) => {
  if (request.type === 'env') return setEnv(request);
  const { run, id, job, cancel } = request;
  if (run !== currentRun) {
    currentRun = run;
    restampAssets();
  }
  const started = performance.now();
  try {
    if (!env) throw new Error('templates failed to load in a worker');
    const { files, diagnostics } = await renderJob(cancel ? { ...env, checkpoint: checkpointFor(cancel) } : env, job);
    const reply: WorkerReply = { run, id, files: files.map((f) => ({ ...f, sha256: sha256(f.data) })), diagnostics, ms: performance.now() - started };
    parentPort!.postMessage(reply, files.map((f) => f.data.buffer as ArrayBuffer).filter((b, i, all) => all.indexOf(b) === i && b.byteLength > 0));
    // Set only while scripts/bundle.mjs makes the worker bundle's code cache (bin/bundle-loader.cjs).
    (globalThis as { __councilPressWriteCodeCache?: () => void }).__councilPressWriteCodeCache?.();
  } catch (error) {
    if (error instanceof RenderCancelled) return parentPort!.postMessage({ run, id, cancelled: true, ms: performance.now() - started } satisfies WorkerReply);
    const reply: WorkerReply = { run, id, error: (error as Error)?.stack ?? String(error), ms: performance.now() - started };
    parentPort!.postMessage(reply);
  }
});
