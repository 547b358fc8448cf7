/**
 * The typograph's working representation: a paragraph as one array of cells (one UTF-16 code unit each),
 * every cell remembering which run it came from. Rules see the whole paragraph as one string — so quotes and
 * «в + nbsp» work across bold/italic/link boundaries — and their edits are mapped back cell by cell, so each
 * run keeps its formatting and `href`.
 *
 * Protected text (code runs, URLs, e-mail addresses) is `fixed`: rules see it as an opaque placeholder
 * (U+E000, a private-use character no rule's character class matches as a letter or space) and any edit that
 * would change or delete a fixed cell is dropped. Line breaks are fixed `\n` cells.
 */
import { isBreak, type Run } from '../document/model.js';
import { protectedRanges } from './protect.js';

export interface Cell {
  ch: string;
  /** Index of the run the cell belongs to. */
  owner: number;
  /** Never modified, moved or deleted by a rule. */
  fixed: boolean;
  /** The owner run must not receive inserted characters either (code runs, line breaks). */
  sealed: boolean;
}

/** What a fixed non-break cell looks like to the rules. */
export const PLACEHOLDER = '\uE000';

const viewOf = (c: Cell): string => (c.fixed && c.ch !== '\n' ? PLACEHOLDER : c.ch);

/*
 * A paragraph goes through some 30 rules and most change nothing: the view of an unchanged cell
 * array is remembered, and replaceCells builds the view of the array it returns as it splices, so
 * no rule rebuilds the string cell by cell (that was a third of the typograph's time).
 */
const views = new WeakMap<readonly Cell[], string>();

/** The string the rules run their regular expressions on (same length as `cells`). */
export function view(cells: readonly Cell[]): string {
  let text = views.get(cells);
  if (text === undefined) {
    text = '';
    for (const c of cells) text += viewOf(c);
    views.set(cells, text);
  }
  return text;
}

export const cellsToString = (cells: readonly Cell[]): string => cells.map((c) => c.ch).join('');

function lockProtected(cells: Cell[]): Cell[] {
  const text = cellsToString(cells);
  for (const [start, end] of protectedRanges(text)) {
    for (let i = start; i < end; i++) cells[i] = { ...cells[i]!, fixed: true };
  }
  return cells;
}

export function stringToCells(text: string): Cell[] {
  const cells: Cell[] = [];
  for (let i = 0; i < text.length; i++) cells.push({ ch: text[i]!, owner: 0, fixed: false, sealed: false });
  return lockProtected(cells);
}

export function runsToCells(runs: readonly Run[]): Cell[] {
  const cells: Cell[] = [];
  runs.forEach((run, owner) => {
    if (isBreak(run)) {
      cells.push({ ch: '\n', owner, fixed: true, sealed: true });
      return;
    }
    const code = run.code === true;
    for (let i = 0; i < run.text.length; i++) cells.push({ ch: run.text[i]!, owner, fixed: code, sealed: code });
  });
  return lockProtected(cells);
}

/** Puts the cells' text back into copies of the runs; runs the rules emptied (collapsed spaces) are dropped. */
export function cellsToRuns(runs: readonly Run[], cells: readonly Cell[]): Run[] {
  const texts = runs.map(() => '');
  for (const c of cells) texts[c.owner] += c.ch;
  const out: Run[] = [];
  runs.forEach((run, i) => {
    if (isBreak(run)) out.push(run);
    else if (texts[i] !== '' || run.text === '') out.push({ ...run, text: texts[i]! });
  });
  return out;
}

/**
 * Rewrites `cells[start, end)` (whose view is `old`) as `repl`. The common prefix and suffix keep their cells;
 * the changed middle is substituted pairwise (so a space turned nbsp stays in its run), the surplus is inserted
 * into a neighbouring unsealed run or deleted. Returns null when that would touch a fixed cell.
 */
function spliceCells(cells: readonly Cell[], start: number, end: number, repl: string): Cell[] | null {
  const old = cells.slice(start, end);
  let p = 0;
  while (p < old.length && p < repl.length && viewOf(old[p]!) === repl[p]) p++;
  let s = 0;
  while (s < old.length - p && s < repl.length - p && viewOf(old[old.length - 1 - s]!) === repl[repl.length - 1 - s]) s++;
  const oldMid = old.slice(p, old.length - s);
  const newMid = repl.slice(p, repl.length - s);
  if (oldMid.some((c) => c.fixed)) return null;
  if (newMid.includes(PLACEHOLDER) || newMid.includes('\n')) return null;
  const out: Cell[] = old.slice(0, p);
  const n = Math.min(oldMid.length, newMid.length);
  for (let k = 0; k < n; k++) out.push({ ...oldMid[k]!, ch: newMid[k]! });
  if (newMid.length > n) {
    const prev = out.length > 0 ? out[out.length - 1] : cells[start - 1];
    const next = old[old.length - s] ?? cells[end];
    const host = prev && !prev.sealed ? prev : next && !next.sealed ? next : undefined;
    if (!host) return null;
    for (let k = n; k < newMid.length; k++) out.push({ ch: newMid[k]!, owner: host.owner, fixed: false, sealed: false });
  }
  out.push(...old.slice(old.length - s));
  return out;
}

/** `out.push(...from.slice(start, end))` without spreading: a long paragraph would overflow the call stack. */
function append(out: Cell[], from: readonly Cell[], start: number, end: number): void {
  for (let i = start; i < end; i++) out.push(from[i]!);
}

/**
 * Applies one regex rule to the whole cell string. `re` must be global; lookbehind/lookahead see the text as it
 * was before this rule, so overlapping contexts («и в Москве») work in one pass.
 */
export function replaceCells(
  cells: readonly Cell[],
  re: RegExp,
  replacer: (match: RegExpExecArray) => string,
): Cell[] {
  if (!re.global) throw new Error(`typograph rule ${re} must be global`);
  const text = view(cells);
  const out: Cell[] = [];
  let outView = '';
  let last = 0;
  // Not `last > 0`: an insertion at offset 0 (a zero-length match) leaves `last` at 0.
  let changed = false;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // Zero-length matches insert text (О.Б.Иванов → О. Б. Иванов); step past them so exec() moves on.
    if (m[0].length === 0) re.lastIndex++;
    const start = m.index;
    const end = start + m[0].length;
    const repl = replacer(m);
    if (repl === m[0]) continue;
    const spliced = spliceCells(cells, start, end, repl);
    if (!spliced) continue;
    append(out, cells, last, start);
    append(out, spliced, 0, spliced.length);
    outView += text.slice(last, start);
    for (const c of spliced) outView += viewOf(c);
    last = end;
    changed = true;
  }
  if (!changed) return cells as Cell[];
  append(out, cells, last, cells.length);
  views.set(out, outView + text.slice(last));
  return out;
}

/**
 * A regex rule: pattern plus replacement (a string with `$1`-style references, or a function), and
 * optionally what the text must contain for the pattern to match at all. The rules' Unicode
 * lookbehinds are tried at nearly every position of every paragraph (one of them at every space);
 * a plain test for a character the pattern cannot match without (a hyphen, a U+2011) skips most
 * paragraphs at a fraction of the cost. It must be a necessary condition, never a guess.
 */
export type Rule = readonly [RegExp, string | ((match: RegExpExecArray) => string), RegExp?];

export function applyRules(cells: Cell[], rules: readonly Rule[]): Cell[] {
  let current = cells;
  for (const [re, replacement, needs] of rules) {
    if (needs && !needs.test(view(current))) continue;
    const fn =
      typeof replacement === 'function'
        ? replacement
        : (m: RegExpExecArray) => replacement.replace(/\$(\d)/g, (_, d: string) => m[Number(d)] ?? '');
    current = replaceCells(current, re, fn);
  }
  return current;
}
