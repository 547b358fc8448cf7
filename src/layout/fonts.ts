/**
 * The brand's four TTFs, parsed once per process. Parsing PT Sans takes milliseconds but a build
 * lays out hundreds of slides and several writers embed the same files, so every caller shares one
 * fontkit object per path (issue 6: "parse each font once per process").
 */
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import type { TextRun } from '../document/model.js';
import type { BrandFontFiles } from '../templates/brand-model.js';
import { AssetCache } from '../templates/asset-stamp.js';

export type { Font } from 'fontkit';

export interface BrandFontSet {
  regular: Font;
  bold: Font;
  italic: Font;
  boldItalic: Font;
}

/* Per file, opened again when the file changes (asset-stamp.ts: a face replaced while watch runs). */
const byPath = new AssetCache<Font>();
const bySet = new Map<string, BrandFontSet>();

/** Opens a TTF/OTF once; later calls with the same path return the same object while the file is unchanged. */
export function loadFont(path: string): Font {
  return byPath.get(path, () => {
    const opened = fontkit.openSync(path);
    // A .ttc would give a collection; the brand names single-face files only.
    if (!('unitsPerEm' in opened)) throw new Error(`${path} is a font collection, not a single font`);
    return opened as Font;
  });
}

export function loadBrandFonts(files: BrandFontFiles): BrandFontSet {
  const key = [files.regular, files.bold, files.italic, files.boldItalic].join('\0');
  const fonts = { regular: loadFont(files.regular), bold: loadFont(files.bold), italic: loadFont(files.italic), boldItalic: loadFont(files.boldItalic) };
  const set = bySet.get(key);
  // The same object for the same fonts: callers key their own caches by it.
  if (set && set.regular === fonts.regular && set.bold === fonts.bold && set.italic === fonts.italic && set.boldItalic === fonts.boldItalic) return set;
  bySet.set(key, fonts);
  return fonts;
}

/** The face a run is drawn with. Inline code has no face of its own in the brand, so it uses the text faces. */
export function fontFor(fonts: BrandFontSet, run: Pick<TextRun, 'bold' | 'italic'>): Font {
  if (run.bold) return run.italic ? fonts.boldItalic : fonts.bold;
  return run.italic ? fonts.italic : fonts.regular;
}

const glyphSets = new WeakMap<Font, Set<number>>();

/** True when the font's cmap maps the code point to a glyph (issue 4 case 19: no blank boxes). */
export function hasGlyph(font: Font, codePoint: number): boolean {
  let set = glyphSets.get(font);
  if (!set) {
    set = new Set(font.characterSet);
    glyphSets.set(font, set);
  }
  return set.has(codePoint);
}

/**
 * Code points of `text` the font cannot draw, each once, in order of appearance. Control
 * characters that never reach a rendered line (tab, newline) are the caller's business.
 */
export function missingCodePoints(font: Font, text: string): number[] {
  const missing: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!hasGlyph(font, cp) && !missing.includes(cp)) missing.push(cp);
  }
  return missing;
}
