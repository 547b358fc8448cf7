/**
 * The one place diagnostics become text: compiler-style lines for people, JSON for tools, and GitHub
 * Actions annotations for CI. Pure functions returning strings; the CLI decides where they go.
 */
import { relative, sep } from 'node:path';
import pc from 'picocolors';
import { sortDiagnostics, type Diagnostic } from './diagnostic.js';
import { summaryLine } from './catalogue.js';

export interface PrintOptions {
  cwd: string;
  color?: boolean;
}

/** Relative to the current folder with `/` separators; an absolute path stays as is only on another drive. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  const shown = rel === '' ? '.' : rel;
  return sep === '\\' ? shown.split('\\').join('/') : shown;
}

export function countDiagnostics(diags: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diags) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

function location(d: Diagnostic, cwd: string): string {
  if (!d.position) return '';
  return `${displayPath(d.position.file, cwd)}:${d.position.line}:${d.position.column}: `;
}

/** `path:line:col: error: message [code]`, then `  hint: …`, and a last line `N errors, M warnings`. */
export function formatDiagnostics(diags: Diagnostic[], opts: PrintOptions): string {
  const colors = pc.createColors(opts.color ?? false);
  const lines: string[] = [];
  const sorted = sortDiagnostics(diags);
  for (const d of sorted) {
    const sev =
      d.severity === 'error' ? colors.red(colors.bold('error')) : d.severity === 'warning' ? colors.yellow(colors.bold('warning')) : colors.cyan('info');
    lines.push(`${colors.bold(location(d, opts.cwd))}${sev}: ${d.message} ${colors.dim(`[${d.code}]`)}`);
    if (d.hint) lines.push(`  ${colors.dim('hint:')} ${d.hint}`);
  }
  const { errors, warnings } = countDiagnostics(sorted);
  lines.push(summaryLine(errors, warnings));
  return lines.join('\n') + '\n';
}

export interface JsonDiagnostic {
  file: string | null;
  line: number | null;
  column: number | null;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
  hint: string | null;
}

export interface JsonReport {
  diagnostics: JsonDiagnostic[];
  errors: number;
  warnings: number;
}

/** The `check --json` shape: stable keys, nulls rather than missing keys, file paths relative like the text form. */
export function diagnosticsToJson(diags: Diagnostic[], opts: { cwd: string }): JsonReport {
  const sorted = sortDiagnostics(diags);
  const { errors, warnings } = countDiagnostics(sorted);
  return {
    diagnostics: sorted.map((d) => ({
      file: d.position ? displayPath(d.position.file, opts.cwd) : null,
      line: d.position?.line ?? null,
      column: d.position?.column ?? null,
      severity: d.severity,
      code: d.code,
      message: d.message,
      hint: d.hint ?? null,
    })),
    errors,
    warnings,
  };
}

/** GitHub's workflow-command escaping: data escapes %, CR, LF; properties also `:` and `,`. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=…,line=…,col=…::message` annotations, one per line. */
export function diagnosticsToGithub(diags: Diagnostic[], opts: { cwd: string }): string {
  const lines = sortDiagnostics(diags).map((d) => {
    const kind = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
    const props = d.position
      ? ` file=${escapeProperty(displayPath(d.position.file, opts.cwd))},line=${d.position.line},col=${d.position.column},title=${escapeProperty(d.code)}`
      : ` title=${escapeProperty(d.code)}`;
    const text = d.hint ? `${d.message} [${d.code}]\n${d.hint}` : `${d.message} [${d.code}]`;
    return `::${kind}${props}::${escapeData(text)}`;
  });
  return lines.length ? lines.join('\n') + '\n' : '';
}
