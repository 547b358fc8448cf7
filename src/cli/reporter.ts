/**
 * What the CLI prints while it works: one line per artifact (size, time), a progress line on a terminal,
 * diagnostics, and a summary. Problems go to stderr, results to stdout; GitHub annotations go to stdout,
 * where the Actions runner reads workflow commands.
 */
import pc from 'picocolors';
import type { Artifact } from '../build/build.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { diagnosticsToGithub, diagnosticsToJson, displayPath, formatDiagnostics } from '../diagnostics/printer.js';
import type { Io } from './io.js';
import { say } from './messages.js';
import type { ReporterKind } from './settings.js';

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** True when the build reused the artifact from the cache (the field appears with the build cache). */
export function isCached(artifact: Artifact): boolean {
  return Boolean((artifact as Artifact & { cached?: boolean }).cached);
}

export interface ReporterOptions {
  quiet: boolean;
  verbose: boolean;
  reporter: ReporterKind;
}

export class Reporter {
  readonly colors;
  private progressShown = false;

  constructor(
    readonly io: Io,
    readonly options: ReporterOptions,
  ) {
    this.colors = pc.createColors(io.color);
  }

  /** A path as the user would type it: relative to the current folder. */
  path(file: string): string {
    return displayPath(file, this.io.cwd);
  }

  /** Ordinary output (stdout), silenced by --quiet. */
  line(text: string): void {
    if (this.options.quiet) return;
    this.clearProgress();
    this.io.stdout(`${text}\n`);
  }

  /** Detail only --verbose shows. */
  detail(text: string): void {
    if (this.options.verbose) this.line(this.colors.dim(text));
  }

  artifact(a: Artifact): void {
    if (this.options.quiet) return;
    const cached = isCached(a);
    const time = cached ? this.colors.dim(say().cached()) : formatMs(a.ms);
    this.line(`  ${a.path.padEnd(44)} ${formatBytes(a.bytes).padStart(8)}  ${time}`);
  }

  /** A single line redrawn in place on a terminal; nothing at all elsewhere (CI logs stay clean). */
  progress(text: string): void {
    if (this.options.quiet || !this.io.tty) return;
    this.io.stdout(`\r\x1b[K${this.colors.dim(text)}`);
    this.progressShown = true;
  }

  clearProgress(): void {
    if (!this.progressShown) return;
    this.io.stdout('\r\x1b[K');
    this.progressShown = false;
  }

  /**
   * Diagnostics in the chosen form. Info lines only with --verbose; with --quiet and nothing to report,
   * not even the "0 errors, 0 warnings" line (nor with `skipEmpty`, for watch's repeated builds).
   */
  diagnostics(all: readonly Diagnostic[], options: { skipEmpty?: boolean } = {}): void {
    this.clearProgress();
    const shown = this.options.verbose ? [...all] : all.filter((d) => d.severity !== 'info');
    if (this.options.reporter === 'github') {
      const text = diagnosticsToGithub(sortDiagnostics(shown), { cwd: this.io.cwd });
      if (text) this.io.stdout(text);
      return;
    }
    if ((this.options.quiet || options.skipEmpty) && !shown.length) return;
    this.io.stderr(formatDiagnostics(shown, { cwd: this.io.cwd, color: this.io.color }));
  }

  json(all: readonly Diagnostic[]): void {
    this.io.stdout(`${JSON.stringify(diagnosticsToJson([...all], { cwd: this.io.cwd }), null, 2)}\n`);
  }

  success(text: string): void {
    this.line(`${this.colors.green(this.colors.bold('✓'))} ${text}`);
  }

  failure(text: string): void {
    this.clearProgress();
    this.io.stderr(`${this.colors.red(this.colors.bold('✗'))} ${text}\n`);
  }
}
