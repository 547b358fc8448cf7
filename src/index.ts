/**
 * council-press as a library: `import { build, check, loadProject } from 'council-press'`.
 * The CLI is a thin layer over these.
 */
export { build, loadAll, buildDate, DEFAULT_DATE } from './build/build.js';
export type { BuildOptions, BuildResult, Artifact, ProjectOptions, LoadedProject } from './build/build.js';
export type { Format } from './build/plan.js';
export type { Diagnostic, Severity, SourcePosition } from './diagnostics/diagnostic.js';
export { formatDiagnostics } from './diagnostics/printer.js';
export type { Project, Edition, Partnership, Council } from './schema/model.js';
export { VERSION } from './version.js';
