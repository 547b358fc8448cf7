/**
 * A deep copy of an mdast subtree with every position moved: written out by hand because it runs
 * on every cached parse, and a plain recursive copy is two orders of magnitude cheaper than
 * parsing the text again (structuredClone is several times slower than this and cannot shift).
 */
import type { Point, Position } from 'unist';

export interface Shift {
  /** Lines to add to every line number. */
  line: number;
  /** UTF-16 units to add to every offset. */
  offset: number;
}

function point(p: Point, shift: Shift): Point {
  return p.offset === undefined ? { line: p.line + shift.line, column: p.column } : { line: p.line + shift.line, column: p.column, offset: p.offset + shift.offset };
}

function position(p: Position, shift: Shift): Position {
  return { start: point(p.start, shift), end: point(p.end, shift) };
}

/** Plain data (`data`, `align`, …): copied so that nothing a caller can reach is shared with the cache. */
function copyValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyValue);
  const out: Record<string, unknown> = {};
  for (const key in value) out[key] = copyValue((value as Record<string, unknown>)[key]);
  return out;
}

/** A copy of `node` and everything under it, positions moved by `shift`. */
export function copyShifted<T extends object>(node: T, shift: Shift): T {
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key in source) {
    const value = source[key];
    if (key === 'children') out.children = (value as object[]).map((child) => copyShifted(child, shift));
    else if (key === 'position' && value) out.position = position(value as Position, shift);
    else out[key] = copyValue(value);
  }
  return out as T;
}
