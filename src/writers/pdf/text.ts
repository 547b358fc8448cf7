/**
 * Our own line breaking for the PDFs. pdfkit can wrap text, but it cannot tell us where it broke
 * before it draws, so it cannot keep a heading with the next two lines, split a paragraph line by
 * line for widow/orphan control, or draw the deck's lines exactly where the layout stage broke
 * them. So we measure with pdfkit's own font metrics (the same numbers it draws with), break
 * greedily at spaces, hard hyphens and soft hyphens, and draw every line with `lineBreak: false`.
 */
import type { Run } from '../../document/model.js';
import { drawText } from './fast-text.js';
import { currentFace, faceFor, registeredFaceNames, useFace, type FontFace } from './fonts.js';
import { TextKeyedLru } from '../../markdown/text-lru.js';
import type { StructElement, Tagger } from './tags.js';

export const SOFT_HYPHEN = '\u00AD';
/** Break opportunities that are never drawn: soft hyphen, zero-width space. */
const SHY_ALL = /[\u00AD\u200B]/g;

/** A piece of a line in one face: what one `doc.text` call draws. */
export interface Piece {
  text: string;
  face: FontFace;
  href?: string;
  width: number;
}

export interface Line {
  pieces: Piece[];
  width: number;
  /** Gaps between words on this line (for justification). */
  gaps: number;
  /** The paragraph's last line, or a line before a hard break: never justified. */
  last: boolean;
}

interface Part {
  text: string;
  face: FontFace;
  href?: string;
}
type BreakKind = 'space' | 'hyphen' | 'soft' | 'none' | 'forced';
interface Box {
  parts: Part[];
  width: number;
  /** What follows the box: the trailing spaces (kept in the text only between words on a line). */
  spaces: string;
  spaceWidth: number;
  brk: BreakKind;
}

export interface BreakOptions {
  size: number;
  width: number;
  bold?: boolean;
  italic?: boolean;
  /** Inserts soft hyphens into a word (the typograph's hyphenator). */
  hyphenate?: (word: string) => string;
}

/** What measure needs of pdfkit's EmbeddedFont (not in @types/pdfkit). */
interface EmbeddedFontLike {
  name: string;
  layout(text: string, features: undefined, onlyWidth: true): { advanceWidth: number };
}

/*
 * Advance widths (in pdfkit's 1000-unit space) of every string measured, per face, for the whole
 * process: the line breaker measures each word, each line and each space, in every handout, and
 * pdfkit walks the string word by word each time. Same font, same string, same width.
 */
const WIDTH_LIMIT = 200_000;
const widths = new Map<string, Map<string, number>>();

/**
 * Width of `text` in `face` at `size`, exactly as pdfkit's widthOfString computes it (the same
 * floating-point steps, so the PDFs stay byte-identical). Leaves `face` and `size` selected in
 * `doc`, as before: callers draw right after measuring.
 */
export function measure(doc: PDFKit.PDFDocument, face: FontFace, size: number, text: string): number {
  if (!text) return 0;
  useFace(doc, face).fontSize(size);
  const font = (doc as unknown as { _font: EmbeddedFontLike })._font;
  let perFont = widths.get(font.name);
  if (!perFont) widths.set(font.name, (perFont = new Map()));
  let advance = perFont.get(text);
  if (advance === undefined) {
    if (perFont.size >= WIDTH_LIMIT) perFont.clear();
    advance = font.layout(text, undefined, true).advanceWidth;
    perFont.set(text, advance);
  }
  // pdfkit: (font.widthOfString(s, size) + characterSpacing * (len - 1)) * horizontalScaling / 100,
  // with font.widthOfString = advanceWidth * (size / 1000), characterSpacing 0, horizontalScaling 100.
  return ((advance * (size / 1000) + 0 * (text.length - 1)) * 100) / 100;
}

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** Cuts one run's text into word segments, each ending at a break opportunity or the run's end. */
function segment(text: string, face: FontFace, href: string | undefined, out: Box[]): void {
  let cur = '';
  const push = (brk: BreakKind, spaces = ''): void => {
    out.push({ parts: [{ text: cur, face, href }], width: 0, spaces, spaceWidth: 0, brk });
    cur = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ') {
      let spaces = ' ';
      while (text[i + 1] === ' ') spaces += text[++i];
      push('space', spaces);
    } else if (ch === '\u200B') {
      if (cur) push('space');
    } else if (ch === SOFT_HYPHEN) {
      if (cur && isWordChar(text[i + 1])) push('soft');
    } else if ((ch === '-' || ch === '–' || ch === '—' || ch === '/') && isWordChar(cur.at(-1)) && isWordChar(text[i + 1])) {
      cur += ch;
      push('hyphen');
    } else {
      cur += ch;
    }
  }
  if (cur) push('none');
}

function toBoxes(doc: PDFKit.PDFDocument, runs: readonly Run[], opts: BreakOptions): Box[] {
  const segs: Box[] = [];
  for (const run of runs) {
    if ('break' in run) {
      segs.push({ parts: [], width: 0, spaces: '', spaceWidth: 0, brk: 'forced' });
      continue;
    }
    const face = faceFor(run.bold || opts.bold, run.italic || opts.italic);
    let text = run.text.replace(/[\t\n\r]/g, ' ');
    if (opts.hyphenate && !run.code && !run.href) {
      const hy = opts.hyphenate;
      text = text.replace(/[\p{L}\u00AD]{6,}/gu, (w) => (w.includes(SOFT_HYPHEN) ? w : hy(w)));
    }
    segment(text, face, run.href, segs);
  }
  // Glue segments that end without a break opportunity (a run boundary inside a word) to the next.
  const boxes: Box[] = [];
  let pending: Box | undefined;
  for (const seg of segs) {
    if (pending && pending.brk === 'none' && seg.brk !== 'forced') {
      pending.parts.push(...seg.parts);
      pending.spaces = seg.spaces;
      pending.brk = seg.brk;
    } else {
      if (pending) boxes.push(pending);
      pending = seg;
    }
  }
  if (pending) boxes.push(pending);
  for (const box of boxes) {
    box.width = box.parts.reduce((sum, p) => sum + measure(doc, p.face, opts.size, p.text), 0);
    const lastFace = box.parts.at(-1)?.face ?? 'regular';
    box.spaceWidth = measure(doc, lastFace, opts.size, box.spaces);
  }
  return boxes;
}

/** Splits a box wider than a whole line at the last character that fits (long URLs). */
function splitBox(doc: PDFKit.PDFDocument, box: Box, avail: number, size: number): [Box, Box] {
  const flat = box.parts.flatMap((p) => [...p.text].map((ch) => ({ ch, face: p.face, href: p.href })));
  let w = 0;
  let n = 0;
  for (const c of flat) {
    const cw = measure(doc, c.face, size, c.ch);
    if (n > 0 && w + cw > avail) break;
    w += cw;
    n++;
  }
  const rebuild = (chars: typeof flat): Part[] => {
    const parts: Part[] = [];
    for (const c of chars) {
      const last = parts.at(-1);
      if (last && last.face === c.face && last.href === c.href) last.text += c.ch;
      else parts.push({ text: c.ch, face: c.face, href: c.href });
    }
    return parts;
  };
  const head: Box = { parts: rebuild(flat.slice(0, n)), width: w, spaces: '', spaceWidth: 0, brk: 'none' };
  const tailParts = rebuild(flat.slice(n));
  const tail: Box = { ...box, parts: tailParts, width: tailParts.reduce((s, p) => s + measure(doc, p.face, size, p.text), 0) };
  return [head, tail];
}

function finishLine(doc: PDFKit.PDFDocument, boxes: Box[], size: number, last: boolean): Line {
  const pieces: Piece[] = [];
  boxes.forEach((box, i) => {
    const atEnd = i === boxes.length - 1;
    box.parts.forEach((part, j) => {
      let text = part.text;
      if (j === box.parts.length - 1) {
        if (!atEnd) text += box.spaces;
        else if (box.brk === 'soft') text += '-';
      }
      const prev = pieces.at(-1);
      if (prev && prev.face === part.face && prev.href === part.href) prev.text += text;
      else pieces.push({ text, face: part.face, href: part.href, width: 0 });
    });
  });
  for (const p of pieces) p.width = measure(doc, p.face, size, p.text);
  const width = pieces.reduce((s, p) => s + p.width, 0);
  return { pieces, width, gaps: Math.max(0, boxes.length - 1), last };
}

/*
 * Broken paragraphs, per process: a handout's paragraphs are broken once in its trial layout and
 * again, at the same size and width, when it is drawn; the combined handout breaks every
 * partnership's paragraphs, and `build --watch` makes it again after each save with one of 300
 * partnerships changed. Line breaking is a pure function of the faces (by postscript name), the
 * runs and the options; the hyphenator is a function, so it counts by identity (the render stage
 * keeps one per language). The one thing measuring leaves behind in the document, its current
 * face and size, is set again on a hit, so a document's bytes never depend on what the memo held.
 */
interface BrokenParagraph {
  lines: Line[];
  /** The face and size measuring left selected. */
  face: FontFace;
  size: number;
}
// Keys (runs as JSON) kept, in UTF-16 units: every paragraph of a 300-partnership council is ~0.5 M.
const broken = new TextKeyedLru<BrokenParagraph>(1_000_000);
const hyphenatorIds = new WeakMap<(word: string) => string, number>();
let nextHyphenatorId = 0;

function breakKey(doc: PDFKit.PDFDocument, runs: readonly Run[], opts: BreakOptions): string | undefined {
  const faces = registeredFaceNames(doc);
  if (!faces) return undefined;
  let hyphenator = 0;
  if (opts.hyphenate) {
    hyphenator = hyphenatorIds.get(opts.hyphenate) ?? 0;
    if (!hyphenator) hyphenatorIds.set(opts.hyphenate, (hyphenator = ++nextHyphenatorId));
  }
  return `${faces}\0${opts.size}\0${opts.width}\0${opts.bold ? 1 : 0}${opts.italic ? 1 : 0}\0${hyphenator}\0${JSON.stringify(runs)}`;
}

const copyLines = (lines: readonly Line[]): Line[] => lines.map((l) => ({ ...l, pieces: l.pieces.map((p) => ({ ...p })) }));

/** Breaks runs into lines no wider than `opts.width`. */
export function breakLines(doc: PDFKit.PDFDocument, runs: readonly Run[], opts: BreakOptions): Line[] {
  const key = breakKey(doc, runs, opts);
  const hit = key === undefined ? undefined : broken.get(key);
  if (hit) {
    useFace(doc, hit.face).fontSize(hit.size);
    return copyLines(hit.lines);
  }
  const lines = breakLinesUncached(doc, runs, opts);
  const face = currentFace(doc);
  const size = (doc as unknown as { _fontSize: number })._fontSize;
  if (key !== undefined && face) broken.set(key, { lines: copyLines(lines), face, size });
  return lines;
}

function breakLinesUncached(doc: PDFKit.PDFDocument, runs: readonly Run[], opts: BreakOptions): Line[] {
  const boxes = toBoxes(doc, runs, opts);
  const hyphenWidth = measure(doc, faceFor(opts.bold, opts.italic), opts.size, '-');
  const lines: Line[] = [];
  let line: Box[] = [];
  let width = 0;
  const flush = (last: boolean): void => {
    if (line.length || last) lines.push(finishLine(doc, line, opts.size, last));
    line = [];
    width = 0;
  };
  const queue = [...boxes];
  while (queue.length) {
    const box = queue.shift()!;
    if (box.brk === 'forced') {
      flush(true);
      continue;
    }
    const prev = line.at(-1);
    const gap = prev ? prev.spaceWidth : 0;
    const need = width + gap + box.width + (box.brk === 'soft' ? hyphenWidth : 0);
    if (need <= opts.width + 0.01) {
      line.push(box);
      width += gap + box.width;
    } else if (!line.length) {
      const [head, tail] = splitBox(doc, box, opts.width, opts.size);
      line.push(head);
      flush(false);
      if (tail.parts.length) queue.unshift(tail);
    } else {
      flush(false);
      queue.unshift(box);
    }
  }
  if (line.length) flush(true);
  else if (lines.length) lines[lines.length - 1]!.last = true;
  // Keep an (invisible) space at the end of every line but the last, so text extracted from the
  // tag tree or copied from a viewer does not run the last word of a line into the next one.
  lines.slice(0, -1).forEach((l) => {
    const end = l.pieces.at(-1);
    if (end && !/[-–—/ ]$/.test(end.text)) end.text += ' ';
  });
  return lines;
}

export type PdfColor = string | [number, number, number, number];

/*
 * The operators pdfkit's `fillColor(color)` writes, per colour, for the whole process: it parses
 * the hex string and prints three (or four) unrounded fractions on every call, and the line
 * drawer sets the colour before every piece of every line (~0.2 s of a 300-partnership build).
 */
const fillOperators = new Map<string, readonly [space: string, color: string]>();

/** What `doc.fillColor(color)` does for a '#rrggbb' string or a CMYK array, with the operators worked out once. */
function fillColor(doc: PDFKit.PDFDocument, color: PdfColor): void {
  const d = doc as unknown as { addContent?: (data: string) => unknown; _normalizeColor?: (color: PdfColor) => number[] | null; _fillColor?: unknown };
  const key = typeof color === 'string' ? color : color.join(',');
  let ops = fillOperators.get(key);
  if (!ops && typeof d._normalizeColor === 'function') {
    const parts = d._normalizeColor(color);
    // pdfkit: DeviceCMYK for four components, DeviceRGB for three (_getColorSpace), then `… scn`.
    if (Array.isArray(parts) && (parts.length === 3 || parts.length === 4)) fillOperators.set(key, (ops = [`/${parts.length === 4 ? 'DeviceCMYK' : 'DeviceRGB'} cs`, `${parts.join(' ')} scn`]));
  }
  if (!ops || typeof d.addContent !== 'function') {
    doc.fillColor(color);
    return;
  }
  d.addContent(ops[0]);
  d.addContent(ops[1]);
  // fillOpacity(undefined) writes nothing; pdfkit remembers the colour as given.
  d._fillColor = [color, undefined];
}

/** Print black: the brand's 000000 becomes K-only CMYK, so it prints as one plate, pure black. */
export function printColor(hex: string): PdfColor {
  return /^0{6}$/.test(hex) ? [0, 0, 0, 100] : `#${hex}`;
}

export interface DrawLineOptions {
  x: number;
  /** Baseline, points from the top of the page. */
  baseline: number;
  size: number;
  color: PdfColor;
  linkColor?: PdfColor;
  /** Box width, for right/centre alignment and justification. */
  width?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** When drawing inside tagged content: links become Link elements. */
  tagger?: Tagger;
}

/** Draws one line with no re-wrapping; soft hyphens never reach the page (PT Sans draws them). */
export function drawLine(doc: PDFKit.PDFDocument, pieces: readonly Piece[], lineWidth: number, o: DrawLineOptions): void {
  let x = o.x;
  const free = (o.width ?? lineWidth) - lineWidth;
  if (o.align === 'right') x += free;
  else if (o.align === 'center') x += free / 2;
  for (const piece of pieces) {
    const text = piece.text.replace(SHY_ALL, '');
    if (!text) continue;
    const color = piece.href && o.linkColor ? o.linkColor : o.color;
    const at = x;
    const href = piece.href;
    const draw = (): void => {
      useFace(doc, piece.face).fontSize(o.size);
      fillColor(doc, color);
      drawText(doc, text, at, o.baseline);
    };
    if (href) {
      let w = 0;
      const underline = (): void => {
        draw();
        w = doc.widthOfString(text.replace(/ +$/, ''));
        doc.save().lineWidth(0.5).strokeColor(color).moveTo(at, o.baseline + o.size * 0.12).lineTo(at + w, o.baseline + o.size * 0.12).stroke().restore();
      };
      // @types/pdfkit lacks pdfkit 0.20's structParent annotation option. pdfkit writes a JS string
      // as a PDF name and a String object as a PDF string: /Contents must be a string.
      const annotate = (structParent?: StructElement): void => {
        // eslint-disable-next-line no-new-wrappers
        const Contents = new String(text.trim());
        doc.link(at, o.baseline - o.size * 0.8, w, o.size * 1.05, href, { structParent, Contents } as unknown as PDFKit.Mixins.AnnotationOption);
      };
      if (o.tagger) o.tagger.link(underline, annotate);
      else {
        underline();
        annotate();
      }
    } else {
      draw();
    }
    x += piece.width;
  }
}
