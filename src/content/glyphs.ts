/**
 * Issue 4, case 19: a character the brand font cannot draw (an emoji, CJK, U+202F) is an error at
 * the exact line and column where the author typed it, never a blank box in an artifact. Checked on
 * the source text of every content file, template, locale and the brand file itself, because that is
 * where the author can fix it; the typograph only ever inserts characters PT Sans has (its own
 * property tests), and a test reads every character of every built artifact back against the cmap.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { mappedCodePoints } from '../layout/cmap.js';
import { loadBrand } from '../templates/brand.js';

/** What the check needs of a face: whether it maps a code point. */
export interface CodePointSet {
  has(codePoint: number): boolean;
}

/** Finds the characters of a source text the brand's faces lack; `firstLine` is the text's first line in its file. */
export type GlyphCheck = (text: string, file: string, firstLine?: number) => Diagnostic[];

/** Names for the invisible ones, so the message shows what to look for. */
const INVISIBLE: Record<number, string> = {
  0x202f: 'narrow no-break space',
  0x2009: 'thin space',
  0x200a: 'hair space',
  0x2007: 'figure space',
  0x2060: 'word joiner',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x00a0: 'no-break space',
  0xfe0f: 'emoji variation selector',
};

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** The detailed report for one line (every missing run, its column, its name); only lines with a miss get here. */
function reportLine(line: string, i: number, faces: readonly CodePointSet[], family: string, file: string, firstLine: number, out: Diagnostic[]): void {
  // Consecutive missing characters (a CJK word, an emoji sequence) are one problem, reported once.
  let run: { column: number; chars: string[]; cps: number[] } | undefined;
  const flush = () => {
    if (!run) return;
    const char = run.chars.length === 1 ? (INVISIBLE[run.cps[0]!] ?? run.chars[0]!) : run.chars.join('');
    const codepoint = run.cps.slice(0, 4).map(hex).join(' ') + (run.cps.length > 4 ? ' …' : '');
    out.push(diagnostic('missing-glyph', { font: family, char, codepoint, count: run.cps.length }, { file, line: firstLine + i, column: run.column }));
    run = undefined;
  };
  let column = 1; // UTF-16 units, as editors and the Markdown parser count
  for (const ch of line) {
    const cp = ch.codePointAt(0)!;
    const control = cp < 0x20 || cp === 0x7f || (cp === 0xfeff && i === 0 && column === 1);
    if (!control && !faces.every((f) => f.has(cp))) {
      run ??= { column, chars: [], cps: [] };
      run.chars.push(ch);
      run.cps.push(cp);
    } else flush();
    column += ch.length;
  }
  flush();
}

/**
 * 1 for each BMP code unit every face maps. Surrogates stay 0, so an astral character (or a lone
 * surrogate) always takes the detailed path, which reads whole code points.
 */
function commonBmp(faces: readonly CodePointSet[]): Uint8Array {
  const all = new Uint8Array(0x10000);
  const first = faces[0];
  if (!first) all.fill(1);
  else if (first instanceof Set) {
    // A cmap's set: walk its members (about a thousand) rather than all 65 536 code points.
    for (const cp of first as ReadonlySet<number>) if (cp < 0x10000 && faces.every((f) => f.has(cp))) all[cp] = 1;
  } else for (let cp = 0; cp < 0x10000; cp++) if (faces.every((f) => f.has(cp))) all[cp] = 1;
  all.fill(0, 0xd800, 0xe000);
  return all;
}

/**
 * Every face must have the character: the author does not decide which one a word is set in.
 * Fast path: one pass of charCodeAt over the text against a table of the characters all faces
 * share (content is nearly always clean); a line with a miss is then reported in detail.
 */
export function glyphCheck(faces: readonly CodePointSet[], family: string): GlyphCheck {
  let table: Uint8Array | undefined;
  return (text, file, firstLine = 1) => {
    table ??= commonBmp(faces);
    const out: Diagnostic[] = [];
    let line = 0;
    let lineStart = 0;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x0a) {
        line++;
        lineStart = k + 1;
        continue;
      }
      if (c < 0x20 || c === 0x7f || table[c] === 1 || (c === 0xfeff && k === 0)) continue;
      let end = text.indexOf('\n', k);
      if (end < 0) end = text.length;
      reportLine(text.slice(lineStart, end), line, faces, family, file, firstLine, out);
      // Resume at the newline: the loop counts it as the next line.
      k = end - 1;
    }
    return out;
  };
}

/**
 * The face's code points from its cmap (src/layout/cmap.ts: no fontkit, which loading content
 * and checking it never needs otherwise); fontkit only for a cmap that reader does not know.
 */
function facePoints(path: string): CodePointSet {
  const set = mappedCodePoints(path);
  if (set) return set;
  const fontkit = createRequire(import.meta.url)('fontkit') as typeof import('fontkit');
  return new Set((fontkit.openSync(path) as import('fontkit').Font).characterSet);
}

/** A file as the memo knows it: path, size and modification time (font files are large and never edited in place by hand). */
function stamp(path: string): string {
  try {
    const st = statSync(path);
    return `${path}\0${st.size}\0${st.mtimeMs}`;
  } catch {
    return `${path}\0missing`;
  }
}

interface BrandMemo {
  /** brand.yaml's exact text: it names the faces, so it is compared, not trusted by date. */
  brandText: string;
  files: string[];
  fontStamps: string;
  check: GlyphCheck;
}

/** Per templates folder: the last check built (content, templates and locales all ask for it on every load). */
const brandMemos = new Map<string, BrandMemo>();

function readBrandText(templatesDir: string): string | undefined {
  try {
    return readFileSync(resolve(templatesDir, 'brand.yaml'), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The check for a templates folder's brand, or undefined when the brand does not load (reported elsewhere).
 * Built once per process while brand.yaml's text and its font files (path, size, mtime) stay the same;
 * a failed brand is never remembered, so fixing it (or adding a missing font) is seen on the next call.
 */
export function brandGlyphCheck(templatesDir: string): GlyphCheck | undefined {
  const dir = resolve(templatesDir);
  const brandText = readBrandText(dir);
  const memo = brandMemos.get(dir);
  if (memo && brandText !== undefined && memo.brandText === brandText && memo.files.map(stamp).join('\n') === memo.fontStamps) return memo.check;
  brandMemos.delete(dir);
  try {
    const brand = loadBrand(dir);
    const { regular, bold, italic, boldItalic } = brand.fonts.files;
    const files = [regular, bold, italic, boldItalic];
    // Stamps and brand text taken before the faces are read: a change in between only means one more rebuild.
    const fontStamps = files.map(stamp).join('\n');
    const check = glyphCheck(files.map(facePoints), brand.fonts.family);
    if (brandText !== undefined) brandMemos.set(dir, { brandText, files, fontStamps, check });
    return check;
  } catch {
    return undefined;
  }
}
