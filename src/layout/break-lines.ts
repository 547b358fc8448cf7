/**
 * Greedy line breaking of one paragraph with the brand font's real widths.
 *
 * Break opportunities are deliberately conservative (spaces, soft hyphens, zero-width spaces and a
 * hyphen between two letters): if we break less often than PowerPoint or LibreOffice would, their
 * lines are at most as many as ours, so a frame we measured as fitting still fits when they render it.
 * U+00A0 and U+2011 never break (the typograph puts them where a break would be wrong).
 */
import { isBreak, type Run, type TextRun } from '../document/model.js';
import type { LaidLine } from './model.js';
import { fontFor, type BrandFontSet } from './fonts.js';
import { measureUnits, unitsPerEm } from './measure.js';

const SOFT_HYPHEN = '\u00AD';
const ZWSP = '\u200B';
/** Drawn at the end of a line broken at a soft hyphen; PT Sans has no U+2010, so hyphen-minus. */
const VISIBLE_HYPHEN = '-';

import type { RunCursor } from './run-cursor.js';

export { runsBetween, sliceRuns, type RunCursor } from './run-cursor.js';

export interface BreakOptions {
  /** Paragraph-wide style (a bold title), combined with each run's own. */
  bold?: boolean;
  italic?: boolean;
}

export interface BrokenParagraph {
  lines: LaidLine[];
  /** Where each line starts in the source runs (for continuing a paragraph on the next slide). */
  starts: RunCursor[];
  /** Set when a token wider than the line had to be cut between characters. */
  tooWide?: { token: string };
}

type Style = Omit<TextRun, 'text'>;

interface Piece {
  text: string;
  style: Style;
  units: number;
  fontUnitsPerEm: number;
}

type BreakKind = 'space' | 'soft' | 'hyphen' | 'zwsp' | 'forced' | 'end';

/** An unbreakable stretch of text and what may follow it. Widths are in ems (points at size 1). */
interface Word {
  pieces: Piece[];
  width: number;
  after: BreakKind;
  /** Width of the space(s) after it when the line goes on. */
  gapWidth: number;
  gap?: Piece;
  /** Width of the hyphen drawn if the line breaks here at a soft hyphen. */
  hyphenWidth: number;
  start: RunCursor;
}

const isLetter = (ch: string | undefined): boolean => ch !== undefined && /\p{L}/u.test(ch);

function styleOf(run: TextRun, opts: BreakOptions): Style {
  const style: Style = {};
  if (run.bold || opts.bold) style.bold = true;
  if (run.italic || opts.italic) style.italic = true;
  if (run.code) style.code = true;
  if (run.href) style.href = run.href;
  return style;
}

function piece(text: string, style: Style, fonts: BrandFontSet): Piece {
  const font = fontFor(fonts, style);
  return { text, style, units: measureUnits(text, font), fontUnitsPerEm: unitsPerEm(font) };
}

const pointsOf = (p: Piece, size: number): number => (p.units * size) / p.fontUnitsPerEm;

/**
 * The words of a paragraph depend on its runs, faces and style only, not on the size or width:
 * they are cached per runs array, so stepping the size down or re-breaking a paragraph for another
 * column costs only the greedy pass.
 */
const wordCache = new WeakMap<BrandFontSet, WeakMap<readonly Run[], Word[][]>>();

function toWords(runs: readonly Run[], fonts: BrandFontSet, opts: BreakOptions): Word[] {
  let byRuns = wordCache.get(fonts);
  if (!byRuns) wordCache.set(fonts, (byRuns = new WeakMap()));
  let variants = byRuns.get(runs);
  if (!variants) byRuns.set(runs, (variants = []));
  const key = (opts.bold ? 1 : 0) + (opts.italic ? 2 : 0);
  return (variants[key] ??= splitWords(runs, fonts, opts));
}

/** Splits the runs into words at the break opportunities, measuring every piece once. */
function splitWords(runs: readonly Run[], fonts: BrandFontSet, opts: BreakOptions): Word[] {
  const size = 1;
  const words: Word[] = [];
  let pieces: Piece[] = [];
  let start: RunCursor = { run: 0, offset: 0 };
  const finish = (after: BreakKind, gap?: Piece, hyphenStyle?: Style): void => {
    const width = pieces.reduce((sum, p) => sum + pointsOf(p, size), 0);
    const hyphen = hyphenStyle ? pointsOf(piece(VISIBLE_HYPHEN, hyphenStyle, fonts), size) : 0;
    words.push({ pieces, width, after, gapWidth: gap ? pointsOf(gap, size) : 0, gap, hyphenWidth: hyphen, start });
    pieces = [];
  };
  runs.forEach((run, ri) => {
    if (isBreak(run)) {
      const last = words[words.length - 1];
      if (pieces.length === 0 && last && last.after !== 'forced') last.after = 'forced';
      else finish('forced');
      start = { run: ri + 1, offset: 0 };
      return;
    }
    const style = styleOf(run, opts);
    const text = run.text;
    let from = 0;
    const flush = (to: number): void => {
      if (to > from) pieces.push(piece(text.slice(from, to), style, fonts));
    };
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === ' ') {
        flush(i);
        let j = i;
        while (text[j] === ' ') j++;
        if (pieces.length === 0 && words.length > 0 && words[words.length - 1].after === 'space') {
          // Spaces straddling a run boundary: widen the previous gap instead of making an empty word.
          const prev = words[words.length - 1];
          prev.gapWidth += pointsOf(piece(text.slice(i, j), style, fonts), size);
        } else if (pieces.length > 0 || words.length > 0) {
          finish('space', piece(text.slice(i, j), style, fonts));
        }
        start = { run: ri, offset: j };
        from = j;
        i = j - 1;
      } else if (ch === SOFT_HYPHEN || ch === ZWSP) {
        flush(i);
        if (pieces.length > 0) finish(ch === ZWSP ? 'zwsp' : 'soft', undefined, ch === ZWSP ? undefined : style);
        start = { run: ri, offset: i + 1 };
        from = i + 1;
      } else if (ch === '-' && isLetter(text[i - 1]) && isLetter(text[i + 1])) {
        flush(i + 1);
        finish('hyphen');
        start = { run: ri, offset: i + 1 };
        from = i + 1;
      }
    }
    flush(text.length);
  });
  if (pieces.length > 0 || words.length === 0) finish('end');
  else words[words.length - 1].after = words[words.length - 1].after === 'forced' ? 'forced' : 'end';
  // A trailing forced break still means one more (empty) line, as in PowerPoint.
  if (words[words.length - 1].after === 'forced') {
    words.push({ pieces: [], width: 0, after: 'end', gapWidth: 0, hyphenWidth: 0, start });
  }
  return words;
}

/** Joins adjacent pieces of the same style into runs (what a writer draws for one line). */
function toRuns(pieces: Piece[]): TextRun[] {
  const runs: TextRun[] = [];
  for (const p of pieces) {
    const last = runs[runs.length - 1];
    if (last && sameStyle(last, p.style)) last.text += p.text;
    else runs.push({ text: p.text, ...p.style });
  }
  return runs;
}

function sameStyle(a: Style, b: Style): boolean {
  return !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.code === !!b.code && a.href === b.href;
}

/** Cuts one over-wide word into pieces no wider than `maxWidth` (at least one character each). */
function cutWord(word: Word, maxWidth: number, size: number, fonts: BrandFontSet): Word[] {
  const out: Word[] = [];
  let current: Piece[] = [];
  let currentWidth = 0;
  const emit = (last: boolean): void => {
    out.push({
      pieces: current,
      width: currentWidth,
      after: last ? word.after : 'zwsp',
      gapWidth: last ? word.gapWidth : 0,
      gap: last ? word.gap : undefined,
      hyphenWidth: last ? word.hyphenWidth : 0,
      start: word.start,
    });
    current = [];
    currentWidth = 0;
  };
  for (const p of word.pieces) {
    for (const ch of p.text) {
      // Re-measure the whole candidate so kerning inside it counts; this path is rare.
      const candidate = [...current];
      const tail = candidate[candidate.length - 1];
      if (tail && sameStyle(tail.style, p.style)) candidate[candidate.length - 1] = piece(tail.text + ch, p.style, fonts);
      else candidate.push(piece(ch, p.style, fonts));
      const width = candidate.reduce((sum, q) => sum + pointsOf(q, size), 0);
      if (current.length > 0 && width > maxWidth) {
        emit(false);
        current = [piece(ch, p.style, fonts)];
        currentWidth = pointsOf(current[0], size);
      } else {
        current = candidate;
        currentWidth = width;
      }
    }
  }
  emit(true);
  return out;
}

/**
 * Breaks `runs` into lines no wider than `maxWidth` points at `size` points. Spaces at a line end
 * are dropped; a line broken at a soft hyphen ends with a visible hyphen; other soft hyphens vanish.
 */
export function breakLines(
  runs: readonly Run[],
  maxWidth: number,
  size: number,
  fonts: BrandFontSet,
  opts: BreakOptions = {},
): BrokenParagraph {
  const words = toWords(runs, fonts, opts);
  // All widths below are in ems; points only for the result.
  const maxEm = maxWidth / size;
  const lines: LaidLine[] = [];
  const starts: RunCursor[] = [];
  let tooWide: BrokenParagraph['tooWide'];
  let line: Word[] = [];
  let lineWidth = 0;

  const endWidth = (w: Word): number => (w.after === 'soft' ? w.hyphenWidth : 0);
  const close = (): void => {
    const pieces: Piece[] = [];
    line.forEach((w, i) => {
      pieces.push(...w.pieces);
      if (i < line.length - 1 && w.gap) pieces.push(w.gap);
    });
    const last = line[line.length - 1];
    let width = lineWidth;
    if (last && last.after === 'soft') {
      const style = last.pieces[last.pieces.length - 1]?.style ?? {};
      pieces.push(piece(VISIBLE_HYPHEN, style, fonts));
      width += last.hyphenWidth;
    }
    lines.push({ runs: toRuns(pieces), width: width * size });
    starts.push(line[0]?.start ?? { run: runs.length, offset: 0 });
    line = [];
    lineWidth = 0;
  };

  const queue = [...words];
  for (let i = 0; i < queue.length; i++) {
    const word = queue[i];
    if (line.length === 0) {
      const chars = word.pieces.reduce((n, p) => n + p.text.length, 0);
      if (word.width + endWidth(word) > maxEm) {
        tooWide ??= { token: word.pieces.map((p) => p.text).join('') };
        if (chars > 1) {
          queue.splice(i, 1, ...cutWord(word, maxEm - endWidth(word), 1, fonts));
          i--;
          continue;
        }
        // One character plus its hyphen is already too wide: break there without the hyphen.
        if (word.after === 'soft') queue[i] = { ...word, after: 'zwsp' };
      }
      line.push(queue[i]);
      lineWidth = word.width;
    } else {
      const prev = line[line.length - 1];
      const candidate = lineWidth + prev.gapWidth + word.width;
      if (candidate + endWidth(word) > maxEm) {
        close();
        i--;
        continue;
      }
      line.push(word);
      lineWidth = candidate;
    }
    if (word.after === 'forced' || word.after === 'end') close();
  }
  if (line.length > 0) close();
  return { lines, starts, ...(tooWide ? { tooWide } : {}) };
}

/** Width in points of the widest unbreakable word (the narrowest a column may get without cutting one). */
export function widestWord(runs: readonly Run[], size: number, fonts: BrandFontSet, opts: BreakOptions = {}): number {
  return size * Math.max(0, ...toWords(runs, fonts, opts).map((w) => w.width + (w.after === 'soft' ? w.hyphenWidth : 0)));
}
