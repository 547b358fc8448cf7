/**
 * A render worker: holds its own copy of the loaded project, brand and templates (compiled
 * templates are functions and cannot cross threads, so each worker compiles its own) and renders
 * the jobs the pool sends it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setMessagesLanguage, type MessagesLanguage } from '../diagnostics/catalogue.js';
import type { Lang } from '../document/model.js';
import type { Project } from '../schema/model.js';
import type { Brand } from '../templates/brand-model.js';
import { loadTemplates } from '../templates/templates.js';
import type { Job } from './plan.js';
import { renderJob, type RenderEnv } from './render-artifact.js';

export interface WorkerInit {
  project: Project;
  brand: Brand;
  templatesDir: string;
  langs: Lang[];
  date: number;
  messages: MessagesLanguage;
}

export interface WorkerRequest {
  id: number;
  job: Job;
}

export interface WorkerReply {
  id: number;
  files?: { path: string; format: Job['outputs'][number]['format']; data: Uint8Array }[];
  diagnostics?: RenderEnv extends never ? never : Awaited<ReturnType<typeof renderJob>>['diagnostics'];
  error?: string;
  ms: number;
}

const init = workerData as WorkerInit;
setMessagesLanguage(init.messages);
const templates = loadTemplates(init.templatesDir, init.langs).templates;
const env: RenderEnv | undefined = templates && { project: init.project, brand: init.brand, templates, date: new Date(init.date) };

parentPort!.on('message', async ({ id, job }: WorkerRequest) => {
  const started = performance.now();
  try {
    if (!env) throw new Error('templates failed to load in a worker');
    const { files, diagnostics } = await renderJob(env, job);
    const reply: WorkerReply = { id, files, diagnostics, ms: performance.now() - started };
    parentPort!.postMessage(reply, files.map((f) => f.data.buffer as ArrayBuffer).filter((b, i, all) => all.indexOf(b) === i && b.byteLength > 0));
  } catch (error) {
    const reply: WorkerReply = { id, error: (error as Error)?.stack ?? String(error), ms: performance.now() - started };
    parentPort!.postMessage(reply);
  }
});
