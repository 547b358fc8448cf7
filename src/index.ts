/**
 * council-press as a library: `import { build, check, loadProject } from 'council-press'`.
 * The CLI (src/cli/) is a thin layer over these three.
 *
 * - `build(options)` renders every artifact and writes them (and manifest.json) into `outDir` in one
 *   transaction; the result lists the artifacts and every diagnostic. It does not throw for bad content
 *   (`ok: false` and diagnostics instead); it throws `CouncilPressError` only when the output folder
 *   cannot be written.
 * - `check(options)` loads and validates content, brand and templates exactly as `build` does before it
 *   renders, writes nothing, and counts errors and warnings.
 * - `loadProject(options)` is the loader behind both: the typed content model (`project`), the brand and
 *   the parsed templates, plus diagnostics. `project` is absent when the content has errors.
 */
import { buildLoaded, strictly } from './build/build.js';
import { loadAll, type LoadedProject, type ProjectOptions } from './build/load-all.js';
import { countDiagnostics } from './diagnostics/printer.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';

export { build, buildDate, DEFAULT_DATE } from './build/build.js';
export { loadAll } from './build/load-all.js';
export type { BuildOptions, BuildResult, Artifact, ProjectOptions, LoadedProject } from './build/build.js';
export type { Format } from './build/plan.js';
export { RenderPool } from './build/pool.js';
export { CouncilPressError } from './diagnostics/diagnostic.js';
export type { Diagnostic, Severity, SourcePosition } from './diagnostics/diagnostic.js';
export { formatDiagnostics, diagnosticsToJson, diagnosticsToGithub } from './diagnostics/printer.js';
export type { JsonReport, JsonDiagnostic } from './diagnostics/printer.js';
export { setMessagesLanguage } from './diagnostics/catalogue.js';
export type { Project, Edition, Partnership, Council } from './schema/model.js';
export { partnershipJsonSchema } from './schema/partnership.js';
export { VERSION } from './version.js';

/** Content, brand and templates, loaded and validated; nothing rendered, nothing written. */
export function loadProject(options: ProjectOptions = {}): LoadedProject {
  return loadAll(options);
}

export interface CheckOptions extends ProjectOptions {
  /** Build cache folder (as for build); `cache: false` disables it. */
  cacheDir?: string;
  cache?: boolean;
  /** Warnings count as errors for `ok` (as `--strict`). */
  strict?: boolean;
}

export interface CheckResult {
  /** No errors (and, with `strict`, no warnings). */
  ok: boolean;
  /** Sorted by file, line and column. */
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
}

/**
 * Validates everything a build reads and reports every problem a build would, layout and glyph
 * checks included: when the sources load cleanly it renders every artifact in memory (through
 * the build cache, so a following build is quick) and writes nothing to the output folder.
 */
export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  const loaded = loadAll(options);
  const rendered = hasErrors(loaded.diagnostics) ? undefined : await buildLoaded(loaded, { ...options, write: false, strict: false });
  const diagnostics = sortDiagnostics(strictly(rendered ? rendered.diagnostics : loaded.diagnostics, options.strict));
  const { errors, warnings } = countDiagnostics(diagnostics);
  return { ok: errors === 0, diagnostics, errors, warnings };
}
