/**
 * The typograph's working representation: a paragraph as one string of cells (one UTF-16 code unit each),
 * every cell remembering which run it came from. Rules see the whole paragraph as one string — so quotes and
 * «в + nbsp» work across bold/italic/link boundaries — and their edits are mapped back cell by cell, so each
 * run keeps its formatting and `href`.
 *
 * Protected text (code runs, URLs, e-mail addresses) is fixed (the FIXED flag): rules see it as an opaque placeholder
 * (U+E000, a private-use character no rule's character class matches as a letter or space) and any edit that
 * would change or delete a fixed cell is dropped. Line breaks are fixed `\n` cells.
 *
 * The cells are kept as parallel arrays (the text, the view, a run index and flags per cell), not as an
 * object per character: a paragraph goes through some 30 rules, and a rule that edits anything made a new
 * array of cell objects. At 300 partnerships that was ~1.5 s of a build's CPU, a third of it collecting
 * the garbage.
 */
import { isBreak, type Run } from '../document/model.js';
import { protectedRanges } from './protect.js';

/** A cell never modified, moved or deleted by a rule. */
const FIXED = 1;
/** A cell whose run must not receive inserted characters either (code runs, line breaks). Only fixed cells are sealed. */
const SEALED = 2;

export interface Cells {
  /** The characters, one cell per UTF-16 code unit. */
  readonly text: string;
  /** What the rules match: `text` with each fixed cell but a line break as PLACEHOLDER (same length). */
  readonly view: string;
  /** Per cell: the index of the run it came from. */
  readonly owner: Int32Array;
  /** Per cell: FIXED and SEALED bits. */
  readonly flags: Uint8Array;
}

/** What a fixed non-break cell looks like to the rules. */
export const PLACEHOLDER = '\uE000';

export const isFixed = (cells: Cells, i: number): boolean => (cells.flags[i]! & FIXED) !== 0;

export const cellsToString = (cells: Cells): string => cells.text;

/** The view of `text` whose cells `flags` marks: fixed cells but line breaks become placeholders. */
function viewOf(text: string, flags: Uint8Array): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < flags.length; i++) {
    if ((flags[i]! & FIXED) === 0 || text.charCodeAt(i) === 10) continue;
    out += text.slice(from, i) + PLACEHOLDER;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The cells of `text` split into runs by `owner`, with `flags`, and URLs and e-mail addresses fixed. */
function lockProtected(text: string, owner: Int32Array, flags: Uint8Array): Cells {
  for (const [start, end] of protectedRanges(text)) for (let i = start; i < end; i++) flags[i]! |= FIXED;
  return { text, view: viewOf(text, flags), owner, flags };
}

export function stringToCells(text: string): Cells {
  return lockProtected(text, new Int32Array(text.length), new Uint8Array(text.length));
}

export function runsToCells(runs: readonly Run[]): Cells {
  let text = '';
  for (const run of runs) text += isBreak(run) ? '\n' : run.text;
  const owner = new Int32Array(text.length);
  const flags = new Uint8Array(text.length);
  let at = 0;
  runs.forEach((run, index) => {
    const length = isBreak(run) ? 1 : run.text.length;
    owner.fill(index, at, at + length);
    if (isBreak(run) || run.code === true) flags.fill(FIXED | SEALED, at, at + length);
    at += length;
  });
  return lockProtected(text, owner, flags);
}

/** Puts the cells' text back into copies of the runs; runs the rules emptied (collapsed spaces) are dropped. */
export function cellsToRuns(runs: readonly Run[], cells: Cells): Run[] {
  const texts = runs.map(() => '');
  const { text, owner } = cells;
  for (let i = 0; i < text.length; ) {
    const run = owner[i]!;
    let j = i + 1;
    while (j < text.length && owner[j] === run) j++;
    texts[run] += text.slice(i, j);
    i = j;
  }
  const out: Run[] = [];
  runs.forEach((run, i) => {
    if (isBreak(run)) out.push(run);
    else if (texts[i] !== '' || run.text === '') out.push({ ...run, text: texts[i]! });
  });
  return out;
}

/**
 * One rule's edit of the cells: cells [from, to) are replaced by `chars`. The first `kept` of them
 * take the place of the cells at `from…` one for one and keep their run (so a space turned nbsp
 * stays in its run); the rest are inserted into run `host`.
 */
interface Edit {
  from: number;
  to: number;
  chars: string;
  kept: number;
  host: number;
}

/**
 * The edit that rewrites cells [start, end) (whose view is `view.slice(start, end)`) as `repl`. The
 * common prefix and suffix keep their cells; the changed middle is substituted pairwise, the surplus
 * is inserted into a neighbouring unsealed run or deleted. Null when that would touch a fixed cell.
 */
function planEdit(cells: Cells, start: number, end: number, repl: string): Edit | null {
  const { view: seen, flags, owner } = cells;
  const length = end - start;
  let p = 0;
  while (p < length && p < repl.length && seen[start + p] === repl[p]) p++;
  let s = 0;
  while (s < length - p && s < repl.length - p && seen[end - 1 - s] === repl[repl.length - 1 - s]) s++;
  const from = start + p;
  const to = end - s;
  for (let i = from; i < to; i++) if (flags[i]! & FIXED) return null;
  const chars = repl.slice(p, repl.length - s);
  if (chars.includes(PLACEHOLDER) || chars.includes('\n')) return null;
  const kept = Math.min(to - from, chars.length);
  let host = -1;
  if (chars.length > kept) {
    // The cell before the insertion (the last kept one, or the one before the edit), else the one after it.
    const prev = from + kept - 1;
    const next = to;
    if (prev >= 0 && !(flags[prev]! & SEALED)) host = owner[prev]!;
    else if (next < seen.length && !(flags[next]! & SEALED)) host = owner[next]!;
    else return null;
  }
  return { from, to, chars, kept, host };
}

/** The cells with `edits` (in order, not overlapping) applied. */
function applyEdits(cells: Cells, edits: readonly Edit[]): Cells {
  let size = cells.text.length;
  for (const e of edits) size += e.chars.length - (e.to - e.from);
  const owner = new Int32Array(size);
  const flags = new Uint8Array(size);
  let text = '';
  let viewText = '';
  let last = 0;
  let at = 0;
  for (const e of edits) {
    owner.set(cells.owner.subarray(last, e.from + e.kept), at);
    flags.set(cells.flags.subarray(last, e.from + e.kept), at);
    at += e.from + e.kept - last;
    // Inserted cells: the host's run, neither fixed nor sealed (flags are already 0).
    owner.fill(e.host, at, at + e.chars.length - e.kept);
    at += e.chars.length - e.kept;
    // Edited cells are never fixed: the text and the view change alike.
    text += cells.text.slice(last, e.from) + e.chars;
    viewText += cells.view.slice(last, e.from) + e.chars;
    last = e.to;
  }
  owner.set(cells.owner.subarray(last), at);
  flags.set(cells.flags.subarray(last), at);
  return { text: text + cells.text.slice(last), view: viewText + cells.view.slice(last), owner, flags };
}

/**
 * Applies one regex rule to the whole cell string. `re` must be global; lookbehind/lookahead see the text as it
 * was before this rule, so overlapping contexts («и в Москве») work in one pass. Returns the same cells when the
 * rule changes nothing.
 */
export function replaceCells(cells: Cells, re: RegExp, replacer: (match: RegExpExecArray) => string): Cells {
  if (!re.global) throw new Error(`typograph rule ${re} must be global`);
  const { view: seen } = cells;
  let edits: Edit[] | undefined;
  re.lastIndex = 0;
  for (let m = re.exec(seen); m !== null; m = re.exec(seen)) {
    // Zero-length matches insert text (О.Б.Иванов → О. Б. Иванов); step past them so exec() moves on.
    if (m[0].length === 0) re.lastIndex++;
    const repl = replacer(m);
    if (repl === m[0]) continue;
    const edit = planEdit(cells, m.index, m.index + m[0].length, repl);
    if (edit) (edits ??= []).push(edit);
  }
  return edits ? applyEdits(cells, edits) : cells;
}

/**
 * A regex rule: pattern plus replacement (a string with `$1`-style references, or a function), and
 * optionally what the text must contain for the pattern to match at all. The rules' Unicode
 * lookbehinds are tried at nearly every position of every paragraph (one of them at every space);
 * a plain test for a character the pattern cannot match without (a hyphen, a U+2011) skips most
 * paragraphs at a fraction of the cost. It must be a necessary condition, never a guess.
 */
export type Rule = readonly [RegExp, string | ((match: RegExpExecArray) => string), RegExp?];

/** A `$1`-style replacement as a function, made once per replacement string. */
const templates = new Map<string, (match: RegExpExecArray) => string>();
function templateOf(replacement: string): (match: RegExpExecArray) => string {
  let fn = templates.get(replacement);
  if (!fn) {
    fn = (m) => replacement.replace(/\$(\d)/g, (_, d: string) => m[Number(d)] ?? '');
    templates.set(replacement, fn);
  }
  return fn;
}

export function applyRules(cells: Cells, rules: readonly Rule[]): Cells {
  let current = cells;
  for (const [re, replacement, needs] of rules) {
    if (needs && !needs.test(current.view)) continue;
    current = replaceCells(current, re, typeof replacement === 'function' ? replacement : templateOf(replacement));
  }
  return current;
}

/**
 * The cells with the characters at `positions` (ascending, none fixed) replaced by `chars`, one for
 * one: no cell moves and none changes its run (smart quotes).
 */
export function withCharacters(cells: Cells, positions: readonly number[], chars: readonly string[]): Cells {
  if (positions.length === 0) return cells;
  return applyEdits(
    cells,
    positions.map((at, k) => ({ from: at, to: at + 1, chars: chars[k]!, kept: 1, host: -1 })),
  );
}
