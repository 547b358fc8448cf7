/**
 * One line of text as pdfkit's `doc.text(text, x, baseline, { lineBreak: false, baseline:
 * 'alphabetic' })` draws it, the same operators byte for byte, with less of pdfkit's general
 * machinery around them: every line of every PDF goes through here (~600 pages of text after
 * each save in watch, for the deck's PDF and the combined handout).
 *
 * For this one case pdfkit copies and completes its options (`_initOptions`), splits the text at
 * newlines, lays it out once to encode it (`_fragment`) and once more to move its cursor
 * (`_line`, by `widthOfString`), and collects each word's glyphs with `Array.concat`. Here the
 * text is laid out once, from the same word runs pdfkit remembers (`layoutCached`), and the
 * cursor moves by the same sum of advances. Everything pdfkit records on the way is recorded the
 * same: the glyphs in the subset, their widths and code points, the page's font resource, the
 * transformation matrix and the cursor.
 *
 * Whenever the document is in a state this does not reproduce (text continued from an earlier
 * call, a newline in the text, a glyph with an offset, a font without the internals below),
 * pdfkit draws it itself.
 */

/** A glyph of a fontkit run: what the subset and the ToUnicode map need. */
interface RunGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
/** A glyph's position in pdfkit's 1000-unit space (EmbeddedFont.layoutRun). */
export interface RunPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}
interface GlyphRun {
  glyphs: RunGlyph[];
  positions: RunPosition[];
  advanceWidth: number;
}

/** What this module uses of pdfkit's EmbeddedFont (not in @types/pdfkit). */
interface EmbeddedFontInternals {
  id: string;
  scale: number;
  subset: { includeGlyph(id: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
  layoutCached(word: string): GlyphRun;
}

/** What this module uses of pdfkit's document (not in @types/pdfkit). */
interface DocumentInternals {
  _font?: Partial<EmbeddedFontInternals>;
  _fontSize: number;
  _ctm: number[];
  _ctmStack: number[][];
  _textOptions?: unknown;
  page: { height: number; fonts: Record<string, unknown> };
  x: number;
  y: number;
  addContent(data: string): unknown;
}

/** pdfkit's PDFObject.number: six decimals at most. */
const number = (n: number): number => {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
};

/** Four hex digits per glyph id, as pdfkit writes them (`0000${gid.toString(16)}`.slice(-4)). */
const HEX: string[] = [];
const hex4 = (gid: number): string => (HEX[gid] ??= `0000${gid.toString(16)}`.slice(-4));

const SPACE = 0x20;
const TAB = 0x09;

/**
 * The runs of `text`, word by word as EmbeddedFont.layout makes them (a word runs up to and
 * including the space or tab after it, the last up to the end), and their advance in order.
 */
function layoutLine(font: EmbeddedFontInternals, text: string): { runs: GlyphRun[]; advanceWidth: number } {
  const runs: GlyphRun[] = [];
  let advanceWidth = 0;
  let last = 0;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code !== SPACE && code !== TAB) continue;
    const run = font.layoutCached(text.slice(last, index + 1));
    runs.push(run);
    advanceWidth += run.advanceWidth;
    last = index + 1;
  }
  if (last < length) {
    const run = font.layoutCached(text.slice(last));
    runs.push(run);
    advanceWidth += run.advanceWidth;
  }
  return { runs, advanceWidth };
}

const offset = (runs: readonly GlyphRun[]): boolean => runs.some((run) => run.positions.some((p) => p.xOffset || p.yOffset));

function usable(font: Partial<EmbeddedFontInternals> | undefined): font is EmbeddedFontInternals {
  return (
    font !== undefined &&
    typeof font.id === 'string' &&
    typeof font.scale === 'number' &&
    typeof font.layoutCached === 'function' &&
    typeof font.ref === 'function' &&
    typeof font.subset?.includeGlyph === 'function' &&
    Array.isArray(font.widths) &&
    Array.isArray(font.unicode)
  );
}

/**
 * Draws `text` with its baseline at `baseline` (points from the top of the page), starting at `x`,
 * in the document's current font, size and fill colour: what
 * `doc.text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic' })` draws.
 */
export function drawText(doc: PDFKit.PDFDocument, text: string, x: number, baseline: number): void {
  const d = doc as unknown as DocumentInternals;
  const font = d._font;
  const byPdfkit = (): void => void doc.text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
  if (!usable(font) || d._textOptions || !Array.isArray(d._ctm) || !Array.isArray(d._ctmStack) || text.includes('\n') || typeof d._fontSize !== 'number') return byPdfkit();
  // _initOptions: the cursor goes to the point given.
  d.x = x;
  d.y = baseline;
  if (text.length === 0) return;
  const size = d._fontSize;
  const { runs, advanceWidth } = layoutLine(font, text);
  // A glyph placed off its advance (a mark over its letter, in fonts that position marks; PT Sans
  // does not) gets a text matrix of its own: pdfkit's case, left to pdfkit.
  if (offset(runs)) return byPdfkit();

  // _fragment: save, flip the page upside down, and set the text in one BT … ET.
  d._ctmStack.push(d._ctm.slice());
  d.addContent('q');
  const height = d.page.height;
  const m = d._ctm;
  const [m0, m1, m2, m3, m4, m5] = m as [number, number, number, number, number, number];
  // transform(1, 0, 0, -1, 0, height)
  m[0] = m0 * 1 + m2 * 0;
  m[1] = m1 * 1 + m3 * 0;
  m[2] = m0 * 0 + m2 * -1;
  m[3] = m1 * 0 + m3 * -1;
  m[4] = m0 * 0 + m2 * height + m4;
  m[5] = m1 * 0 + m3 * height + m5;
  d.addContent(`1 0 0 -1 0 ${number(height)} cm`);
  // pdfkit subtracts its baseline shift too, which is 0 for the alphabetic baseline.
  const y = height - baseline;
  if (d.page.fonts[font.id] == null) d.page.fonts[font.id] = font.ref();
  d.addContent('BT');
  d.addContent(`1 0 0 1 ${number(x)} ${number(y)} Tm`);
  d.addContent(`/${font.id} ${number(size)} Tf`);

  // EmbeddedFont.encode, glyph by glyph in order (each new glyph takes the subset's next id), and
  // one TJ array of the hex ids, cut after each kerned glyph with its adjustment (as _fragment).
  const commands: string[] = [];
  let hex = '';
  let kern = 0;
  for (const run of runs) {
    for (let i = 0; i < run.glyphs.length; i++) {
      const glyph = run.glyphs[i]!;
      const gid = font.subset.includeGlyph(glyph.id);
      hex += hex4(gid);
      if (font.widths[gid] == null) font.widths[gid] = glyph.advanceWidth * font.scale;
      if (font.unicode[gid] == null) font.unicode[gid] = glyph.codePoints;
      const pos = run.positions[i]!;
      kern = pos.xAdvance - pos.advanceWidth;
      if (kern !== 0) {
        commands.push(`<${hex}> ${number(-kern)}`);
        hex = '';
      }
    }
  }
  if (hex) commands.push(`<${hex}> ${number(-kern)}`);
  if (commands.length > 0) d.addContent(`[${commands.join(' ')}] TJ`);
  d.addContent('ET');
  // restore()
  d._ctm = d._ctmStack.pop() || [1, 0, 0, 1, 0, 0];
  d.addContent('Q');

  // _line: the cursor moves on by the text's width (widthOfString, with its own arithmetic).
  d.x += ((advanceWidth * (size / 1000) + 0 * (text.length - 1)) * 100) / 100;
}
