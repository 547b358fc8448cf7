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
  loca: { offsets: number[]; version?: number };
  directory?: { tables: Record<string, { offset: number; length: number } | undefined> };
  stream?: { buffer: Uint8Array };
  _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
  getGlyph(gid: number): {
    advanceWidth: number;
    _getMetrics(): { leftBearing: number };
  };
}

interface SubsetInternals {
  font: FontInternals;
  glyphs: number[];
  glyf: Uint8Array[];
  loca: { offsets: number[]; version?: number };
  hmtx: { metrics: { advance: number; bearing: number }[]; bearings?: number[] };
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

/**
 * The tables a TrueType subset for PDF carries, in the order fontkit's TTFSubset writes them
 * (head, hhea, loca, maxp, cvt, prep, glyf, hmtx, fpgm), and the sizes fontkit's structures give
 * head, hhea and maxp (version 1.0), whose bytes it decodes and writes back with one field changed.
 */
const SUBSET_TABLES = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'] as const;
const FIXED_SIZES: Record<string, number> = { head: 54, hhea: 36, maxp: 32 };

/** The font file's bytes of table `tag`, or undefined when the font has none. */
function tableBytes(font: FontInternals, tag: string): Uint8Array | undefined {
  const entry = font.directory?.tables[tag];
  const buffer = font.stream?.buffer;
  return entry && buffer ? buffer.subarray(entry.offset, entry.offset + entry.length) : undefined;
}

/**
 * The subset's font file, byte for byte what fontkit's `TTFSubset.encode` writes (its glyphs
 * added the same way, through `_addGlyph`), without restructure: fontkit encodes every number of
 * loca, hmtx, cvt, prep and fpgm one by one through its structures (~20 ms for the first handout's
 * four faces, cold). Its table directory has zero checksums and no padding between tables, as
 * restructure lays it out. Undefined (fontkit's own encode is used) for a font whose tables this
 * does not write exactly: a variable font, or head, hhea or maxp of another size or version, or a
 * cvt of odd length. A test compares the two on random glyph sets of the four brand faces.
 */
export function encodeSubset(subset: SubsetInternals): Uint8Array | undefined {
  const font = subset.font;
  if (font._variationProcessor || typeof font.loca.version !== 'number') return undefined;
  const original = new Map<string, Uint8Array>();
  for (const tag of SUBSET_TABLES) {
    if (tag === 'loca' || tag === 'glyf' || tag === 'hmtx') continue;
    const bytes = tableBytes(font, tag);
    if (bytes) original.set(tag, bytes);
  }
  for (const [tag, size] of Object.entries(FIXED_SIZES)) if (original.get(tag)?.length !== size) return undefined;
  const maxpVersion = new DataView(original.get('maxp')!.buffer, original.get('maxp')!.byteOffset, 32).getUint32(0);
  if (maxpVersion !== 0x00010000 || (original.get('cvt ')?.length ?? 0) % 2 !== 0) return undefined;

  // TTFSubset.encode's own first steps: every glyph added, components too, as they are met.
  const version = font.loca.version;
  subset.glyf = [];
  subset.offset = 0;
  subset.loca = { offsets: [], version };
  subset.hmtx = { metrics: [], bearings: [] };
  for (let i = 0; i < subset.glyphs.length; i++) subset._addGlyph(subset.glyphs[i]!);
  subset.loca.offsets.push(subset.offset);

  const withField = (tag: string, at: number, value: number): Uint8Array => {
    const bytes = Uint8Array.from(original.get(tag)!);
    new DataView(bytes.buffer).setUint16(at, value);
    return bytes;
  };
  const offsets = subset.loca.offsets;
  const loca = new Uint8Array(offsets.length * (version === 0 ? 2 : 4));
  const locaView = new DataView(loca.buffer);
  // fontkit keeps short offsets doubled and halves them as it writes (an odd one loses its last bit).
  offsets.forEach((offset, i) => (version === 0 ? locaView.setUint16(2 * i, offset >>> 1) : locaView.setUint32(4 * i, offset)));
  const metrics = subset.hmtx.metrics;
  const hmtx = new Uint8Array(4 * metrics.length);
  const hmtxView = new DataView(hmtx.buffer);
  metrics.forEach(({ advance, bearing }, i) => {
    hmtxView.setUint16(4 * i, advance);
    hmtxView.setInt16(4 * i + 2, bearing);
  });
  const glyf = new Uint8Array(subset.offset);
  let at = 0;
  for (const bytes of subset.glyf) {
    glyf.set(bytes, at);
    at += bytes.length;
  }
  const tables = new Map<string, Uint8Array>([
    ['head', withField('head', 50, version)],
    ['hhea', withField('hhea', 34, metrics.length)],
    ['loca', loca],
    ['maxp', withField('maxp', 4, subset.glyf.length)],
  ]);
  for (const tag of ['cvt ', 'prep'] as const) if (original.has(tag)) tables.set(tag, original.get(tag)!);
  tables.set('glyf', glyf);
  tables.set('hmtx', hmtx);
  if (original.has('fpgm')) tables.set('fpgm', original.get('fpgm')!);

  const count = tables.size;
  const power = 2 ** Math.floor(Math.log2(count));
  const directory = 12 + 16 * count;
  let size = directory;
  for (const bytes of tables.values()) size += bytes.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set([0x74, 0x72, 0x75, 0x65], 0); // 'true', as fontkit tags what it writes
  view.setUint16(4, count);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, count * 16 - power * 16);
  let entry = 12;
  let offset = directory;
  for (const [tag, bytes] of tables) {
    for (let i = 0; i < 4; i++) out[entry + i] = tag.charCodeAt(i);
    view.setUint32(entry + 8, offset);
    view.setUint32(entry + 12, bytes.length);
    out.set(bytes, offset);
    entry += 16;
    offset += bytes.length;
  }
  return out;
}

