/**
 * Faster font subsetting for pdfkit, with the same bytes.
 *
 * pdfkit embeds a subset of each face in every PDF through fontkit's TTF subsetter, whose
 * `_addGlyph` decodes the whole glyph outline (points, flags, with restructure) only to learn
 * whether it is composite, then copies its bytes from the glyf table. That was half of a handout's
 * time. Here the glyph's header and component records are read straight from its bytes, and what
 * they say, which depends only on the font and the glyph id, is remembered per parsed font: every
 * later subset (every later handout) copies the remembered bytes.
 *
 * The replacement does exactly what fontkit 2's does, in the same order (component glyphs are
 * included as they are met, with their new ids written into a copy of the bytes). Variable fonts,
 * which fontkit re-encodes, keep fontkit's own code.
 */
import type { Font } from 'fontkit';

interface Component {
  glyphID: number;
  pos: number;
}

interface GlyphRecord {
  bytes: Uint8Array;
  /** Components of a composite glyph, with where their ids sit in `bytes`; null for a simple glyph. */
  components: Component[] | null;
  advance: number;
  bearing: number;
}

/** fontkit internals the subsetter uses (not in @types/fontkit). */
interface FontInternals {
  _variationProcessor?: unknown;
  loca: { offsets: number[] };
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
  getGlyph(gid: number): {
    advanceWidth: number;
    _getMetrics(): { leftBearing: number };
  };
}

interface SubsetInternals {
  font: FontInternals;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
}

/* Composite glyph flags (OpenType glyf table), as fontkit's TTFGlyph reads them. */
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/**
 * The components of a glyph's bytes, each with where its glyph id sits, as fontkit's
 * `_decodeComposite` finds them; null for a simple or empty glyph. Only the 10-byte header and
 * the component records are read: fontkit's `_decode` also parses every point of a simple glyph
 * (~20 ms of restructure for the first handout's subsets), which the subsetter never looks at.
 */
export function glyphComponents(bytes: Uint8Array): Component[] | null {
  if (bytes.length < 10) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt16(0) >= 0) return null;
  const components: Component[] = [];
  let at = 10;
  let flags = MORE_COMPONENTS;
  while (flags & MORE_COMPONENTS) {
    if (at + 4 > bytes.length) break;
    flags = view.getUint16(at);
    components.push({ glyphID: view.getUint16(at + 2), pos: at + 2 });
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
  }
  return components;
}

const records = new WeakMap<object, Map<number, GlyphRecord>>();
const patched = new WeakSet<object>();

function record(font: FontInternals, gid: number): GlyphRecord {
  let perFont = records.get(font);
  if (!perFont) records.set(font, (perFont = new Map()));
  let rec = perFont.get(gid);
  if (!rec) {
    const glyph = font.getGlyph(gid);
    const cur = font.loca.offsets[gid]!;
    const next = font.loca.offsets[gid + 1]!;
    const stream = font._getTableStream('glyf');
    stream.pos += cur;
    const bytes = stream.readBuffer(next - cur);
    rec = {
      bytes,
      components: glyphComponents(bytes),
      advance: glyph.advanceWidth,
      bearing: glyph._getMetrics().leftBearing,
    };
    perFont.set(gid, rec);
  }
  return rec;
}

/** Installs the remembering `_addGlyph` on the subsetter class fontkit uses for `font` (once per class). */
export function rememberSubsetGlyphs(font: Font): void {
  const subset = (font as unknown as { createSubset(): SubsetInternals }).createSubset();
  const proto = Object.getPrototypeOf(subset) as SubsetInternals;
  if (patched.has(proto) || typeof proto._addGlyph !== 'function' || !('glyf' in (font as object) || 'loca' in (font as object))) return;
  const original = proto._addGlyph;
  proto._addGlyph = function addGlyph(this: SubsetInternals, gid: number): number {
    if (this.font._variationProcessor) return original.call(this, gid);
    const rec = record(this.font, gid);
    let bytes = rec.bytes;
    if (rec.components) {
      bytes = new Uint8Array(bytes);
      const view = new DataView(bytes.buffer);
      for (const component of rec.components) view.setUint16(component.pos, this.includeGlyph(component.glyphID));
    }
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: rec.advance, bearing: rec.bearing });
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
  patched.add(proto);
}
