/**
 * Orchestration: load and check everything, render every job in memory, and only when nothing
 * failed, write the artifacts and the manifest through one output transaction.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { loadProject } from '../content/load-project.js';
import { CouncilPressError, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { Lang } from '../document/model.js';
import type { Project } from '../schema/model.js';
import { loadBrand } from '../templates/brand.js';
import type { Brand } from '../templates/brand-model.js';
import { loadTemplates, type LoadedTemplates } from '../templates/templates.js';
import { VERSION } from '../version.js';
import { OutputTransaction } from './output-dir.js';
import { FORMATS, planJobs, type Format, type Job } from './plan.js';
import { renderJob, type RenderEnv } from './render-artifact.js';

export interface ProjectOptions {
  /** Folder of the Markdown content (default `content`). */
  contentDir?: string;
  /** Folder of the templates and brand (default `templates`). */
  templatesDir?: string;
  /** Editions to build (default `['ru']`). */
  langs?: Lang[];
  /** Base for relative paths (default `process.cwd()`). */
  cwd?: string;
}

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
  /** Called after each artifact is rendered (for progress output). */
  onArtifact?: (artifact: Artifact) => void;
}

export interface Artifact {
  /** Relative to the output folder, `/` separators. */
  path: string;
  format: Format;
  lang: Lang;
  /** Source files, relative to the project (cwd), `/` separators. */
  sources: string[];
  sha256: string;
  bytes: number;
  /** Milliseconds spent rendering the job that made it. */
  ms: number;
}

export interface BuildResult {
  ok: boolean;
  artifacts: Artifact[];
  diagnostics: Diagnostic[];
  outDir: string;
}

/** A fixed default keeps builds reproducible when SOURCE_DATE_EPOCH is not set. */
export const DEFAULT_DATE = new Date('2026-01-01T00:00:00Z');

export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return DEFAULT_DATE;
}

const slash = (p: string) => p.split(sep).join('/');

export interface LoadedProject {
  project?: Project;
  brand?: Brand;
  templates?: LoadedTemplates;
  diagnostics: Diagnostic[];
}

/** Loads and checks content, brand and templates; renders nothing. */
export function loadAll(options: ProjectOptions): LoadedProject {
  const cwd = options.cwd ?? process.cwd();
  const contentDir = resolve(cwd, options.contentDir ?? 'content');
  const templatesDir = resolve(cwd, options.templatesDir ?? 'templates');
  const langs = options.langs ?? ['ru'];
  const diagnostics: Diagnostic[] = [];
  let brand: Brand | undefined;
  try {
    brand = loadBrand(templatesDir);
  } catch (error) {
    if (!(error instanceof CouncilPressError)) throw error;
    diagnostics.push(...error.diagnostics);
  }
  const templates = loadTemplates(templatesDir, langs);
  diagnostics.push(...templates.diagnostics);
  const loaded = existsSync(contentDir)
    ? loadProject({ contentDir, templatesDir, langs })
    : { project: undefined, diagnostics: [diagnostic('content-missing', { dir: contentDir }, { file: contentDir, line: 1, column: 1 })] };
  diagnostics.push(...loaded.diagnostics);
  return { project: loaded.project, brand, templates: templates.templates, diagnostics };
}

function failed(diagnostics: Diagnostic[], strict: boolean | undefined): boolean {
  return hasErrors(diagnostics) || Boolean(strict && diagnostics.some((d) => d.severity === 'warning'));
}

export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const outDir = resolve(cwd, options.outDir ?? 'output');
  const formats = options.formats ?? [...FORMATS];
  const loaded = loadAll(options);
  const diagnostics = [...loaded.diagnostics];
  const result = (ok: boolean, artifacts: Artifact[] = []): BuildResult => ({ ok, artifacts, diagnostics: sortDiagnostics(diagnostics), outDir });
  if (failed(diagnostics, options.strict) || !loaded.project || !loaded.brand || !loaded.templates) return result(false);

  const env: RenderEnv = { project: loaded.project, brand: loaded.brand, templates: loaded.templates, date: options.date ?? buildDate() };
  const editions = (options.langs ?? ['ru']).map((lang) => loaded.project!.editions[lang] ?? loaded.project!.editions.ru);
  const jobs = planJobs(editions, formats, options.only);
  const rendered: { job: Job; files: { path: string; format: Format; data: Buffer }[]; ms: number }[] = [];
  for (const job of jobs) {
    const started = performance.now();
    const { files, diagnostics: d } = await renderJob(env, job);
    diagnostics.push(...d);
    rendered.push({ job, files, ms: performance.now() - started });
  }
  if (failed(diagnostics, options.strict)) return result(false);

  const artifacts: Artifact[] = [];
  for (const { job, files, ms } of rendered) {
    for (const file of files) {
      const artifact: Artifact = {
        path: file.path,
        format: file.format,
        lang: job.lang,
        sources: job.sources.map((s) => slash(relative(cwd, s))),
        sha256: createHash('sha256').update(file.data).digest('hex'),
        bytes: file.data.length,
        ms,
      };
      artifacts.push(artifact);
      options.onArtifact?.(artifact);
    }
  }

  const tx = OutputTransaction.begin(outDir, Boolean(options.only || options.formats));
  try {
    for (const { files } of rendered) for (const file of files) tx.write(file.path, file.data);
    tx.write('manifest.json', manifestJson(artifacts));
    tx.commit();
  } catch (error) {
    tx.abort();
    throw error;
  }
  return result(true, artifacts);
}

export function manifestJson(artifacts: readonly Artifact[]): string {
  const entries = [...artifacts]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(({ path, format, lang, sources, sha256, bytes }) => ({ path, format, lang, sources, sha256, bytes }));
  return `${JSON.stringify({ generator: `council-press ${VERSION}`, artifacts: entries }, null, 2)}\n`;
}
