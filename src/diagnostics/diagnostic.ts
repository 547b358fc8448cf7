/**
 * The one shape every stage uses to report a problem. Stages never print and never exit:
 * they return (or throw, for fatal ones) diagnostics, and the CLI prints them once.
 */
export type Severity = 'error' | 'warning' | 'info';

/** A 1-based position inside a file (line and column both start at 1, like editors show them). */
export interface SourcePosition {
  /** Absolute path of the file. The printer makes it relative to the current folder. */
  file: string;
  line: number;
  column: number;
}

export interface Diagnostic {
  /** Stable, kebab-case identifier from the catalogue, e.g. `invalid-type`. */
  code: string;
  severity: Severity;
  /** Plain-words message, already in the user's language. No position, no "Error:" prefix. */
  message: string;
  /** What to do about it, if the catalogue has advice. */
  hint?: string;
  /** Where the problem is. Absent only for problems with no file (usage, internal). */
  position?: SourcePosition;
}

/** Thrown by deep code for a problem that stops the build; carries diagnostics, not a stack trace. */
export class CouncilPressError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
    this.name = 'CouncilPressError';
  }
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Sorted by file, then line, then column; diagnostics without a position come first. Exact
 * duplicates are dropped: one body is converted once per artifact that shows it (deck, brief,
 * handout, combined handout), and its problem must be reported once, not four times.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = [d.code, d.severity, d.message, d.position?.file, d.position?.line, d.position?.column].join('\0');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => {
    const fa = a.position?.file ?? '';
    const fb = b.position?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = a.position?.line ?? 0;
    const lb = b.position?.line ?? 0;
    if (la !== lb) return la - lb;
    return (a.position?.column ?? 0) - (b.position?.column ?? 0);
  });
}
