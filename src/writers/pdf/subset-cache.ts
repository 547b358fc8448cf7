/**
 * Faster font subsetting for pdfkit, with the same bytes.
 *
 * pdfkit embeds a subset of each face in every PDF through fontkit's TTF subsetter, whose
 * `_addGlyph` decodes the whole glyph outline (points, flags, with restructure) only to learn
 * whether it is composite, then copies its bytes from the glyf table. That was half of a handout's
 * time. What it learns depends only on the font and the glyph id, so it is remembered here, per
 * parsed font, and every later subset (every later handout) copies the remembered bytes.
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
    _decode(): { numberOfContours: number; components?: Component[] } | null;
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

const records = new WeakMap<object, Map<number, GlyphRecord>>();
const patched = new WeakSet<object>();

function record(font: FontInternals, gid: number): GlyphRecord {
  let perFont = records.get(font);
  if (!perFont) records.set(font, (perFont = new Map()));
  let rec = perFont.get(gid);
  if (!rec) {
    const glyph = font.getGlyph(gid);
    const glyf = glyph._decode();
    const cur = font.loca.offsets[gid]!;
    const next = font.loca.offsets[gid + 1]!;
    const stream = font._getTableStream('glyf');
    stream.pos += cur;
    const bytes = stream.readBuffer(next - cur);
    const composite = Boolean(glyf && glyf.numberOfContours < 0);
    rec = {
      bytes,
      components: composite ? (glyf!.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : null,
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
