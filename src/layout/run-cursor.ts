/**
 * Cursors into a paragraph's runs, and the runs between them: how a paragraph too long for one
 * slide is cut at a line boundary and continued on the next.
 */
import { isBreak, type Run } from '../document/model.js';

/** Drawn at the end of a line broken at a soft hyphen; PT Sans has no U+2010, so hyphen-minus. */
const VISIBLE_HYPHEN = '-';

/** A position inside a paragraph's runs: run index and UTF-16 offset in that run's text. */
export interface RunCursor {
  run: number;
  offset: number;
}

/** The runs from `cursor` on (what is left of a paragraph continued on the next slide). */
export function sliceRuns(runs: readonly Run[], cursor: RunCursor): Run[] {
  const out: Run[] = [];
  for (let i = cursor.run; i < runs.length; i++) {
    const run = runs[i];
    if (i === cursor.run && !isBreak(run)) {
      const text = run.text.slice(cursor.offset);
      if (text) out.push({ ...run, text });
    } else out.push(run);
  }
  return out;
}

/**
 * The runs between two cursors: the text of some whole lines of a paragraph, for a paragraph split
 * across slides. Trailing spaces go; a soft hyphen the split falls on becomes a visible hyphen.
 */
export function runsBetween(runs: readonly Run[], from: RunCursor, to: RunCursor): Run[] {
  const out: Run[] = [];
  for (let i = from.run; i <= to.run && i < runs.length; i++) {
    const run = runs[i];
    if (isBreak(run)) {
      if (i < to.run) out.push(run);
      continue;
    }
    const a = i === from.run ? from.offset : 0;
    const b = i === to.run ? to.offset : run.text.length;
    if (b > a) out.push({ ...run, text: run.text.slice(a, b) });
  }
  // Drop trailing spaces and breaks; turn a final soft hyphen into a visible one.
  while (out.length) {
    const last = out[out.length - 1];
    if (isBreak(last)) {
      out.pop();
      continue;
    }
    const trimmed = last.text.replace(/ +$/, '').replace(/\u00AD$/, VISIBLE_HYPHEN);
    if (!trimmed) {
      out.pop();
      continue;
    }
    out[out.length - 1] = { ...last, text: trimmed };
    break;
  }
  return out;
}
