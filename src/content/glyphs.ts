/**
 * Issue 4, case 19: a character the brand font cannot draw (an emoji, CJK, U+202F) is an error at
 * the exact line and column where the author typed it, never a blank box in an artifact. Checked on
 * the source text of every content file, template, locale and the brand file itself, because that is
 * where the author can fix it; the typograph only ever inserts characters PT Sans has (its own
 * property tests), and a test reads every character of every built artifact back against the cmap.
 */
import { createRequire } from 'node:module';
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

/** Every face must have the character: the author does not decide which one a word is set in. */
export function glyphCheck(faces: readonly CodePointSet[], family: string): GlyphCheck {
  return (text, file, firstLine = 1) => {
    const out: Diagnostic[] = [];
    text.split('\n').forEach((line, i) => {
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
    });
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

/** The check for a templates folder's brand, or undefined when the brand does not load (reported elsewhere). */
export function brandGlyphCheck(templatesDir: string): GlyphCheck | undefined {
  try {
    const brand = loadBrand(templatesDir);
    const { regular, bold, italic, boldItalic } = brand.fonts.files;
    return glyphCheck([regular, bold, italic, boldItalic].map(facePoints), brand.fonts.family);
  } catch {
    return undefined;
  }
}
