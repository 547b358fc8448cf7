/**
 * The embedded font file of a face, made once per glyph set per process.
 *
 * When pdfkit ends a document it embeds each face it used: fontkit encodes a TrueType subset of the
 * glyphs (in the order the document first used them) and pdfkit deflates it, ~1.5 ms per face.
 * Across the handouts of a build many subsets are the same: the council's message is the only
 * italic text of a handout, so every handout has the same italic subset, and the bold one (headings,
 * labels) repeats too (100 generated partnerships: 1 distinct italic subset in 101, 36 bold in 102).
 * The compressed stream depends only on the font and the glyph list, so it is remembered by them.
 *
 * pdfkit's own `embed` still writes every object (descriptor, widths, ToUnicode map); only its font
 * file reference is handed the remembered stream, already compressed with the same zlib call pdfkit
 * makes (`deflateSync` with default options), so the bytes of the PDF do not change. CFF and variable
 * fonts keep pdfkit's path.
 */
import { deflateSync } from 'node:zlib';
import { encodeSubset } from './subset-cache.js';

/** What this module uses of pdfkit's EmbeddedFont and its document (not in @types/pdfkit). */
interface EmbeddedFontInternals {
  document: { ref(data?: Record<string, unknown>): unknown };
  font: object & { _variationProcessor?: unknown };
  subset: { glyphs: number[]; cff?: unknown; encode(): Uint8Array };
  embed(): unknown;
}

/*
 * A document's glyph set recurs when the same document is made again (watch; the deck and the
 * combined handout after an edit elsewhere), seldom across documents: at 300 partnerships, 512 sets
 * per face held ~54 MB per thread for almost no hits. 32 keep watch's documents.
 */
const LIMIT_PER_FONT = 32;
const streams = new WeakMap<object, Map<string, Buffer>>();
const patched = new WeakSet<object>();

/** The deflated font file for this subset: encoded and compressed on the first request only. */
function compressedSubset(font: object, subset: EmbeddedFontInternals['subset']): Buffer {
  let perFont = streams.get(font);
  if (!perFont) streams.set(font, (perFont = new Map()));
  // Before encoding: fontkit's encode appends composite glyphs' components to `glyphs`.
  const key = subset.glyphs.join(',');
  let stream = perFont.get(key);
  if (!stream) {
    // Our writer of the same bytes where it can (subset-cache.ts), else fontkit's.
    stream = deflateSync(encodeSubset(subset as unknown as Parameters<typeof encodeSubset>[0]) ?? subset.encode());
    if (perFont.size >= LIMIT_PER_FONT) perFont.clear();
    perFont.set(key, stream);
  }
  return stream;
}

/** A function that puts `obj[key]` back as it is now (an own property, or none). */
function ownPropertyRestorer<T extends object>(obj: T, key: keyof T & string): () => void {
  const own = Object.prototype.hasOwnProperty.call(obj, key);
  const value = obj[key];
  return () => {
    if (own) obj[key] = value;
    else delete obj[key];
  };
}

/**
 * Installs the remembering `embed` on the class of `embedded` (pdfkit's EmbeddedFont), once. Call
 * with a document's font object after the brand faces are opened.
 */
export function rememberFontStreams(embedded: unknown): void {
  if (!embedded || typeof embedded !== 'object') return;
  const proto = Object.getPrototypeOf(embedded) as EmbeddedFontInternals;
  if (patched.has(proto) || typeof proto.embed !== 'function' || !('subset' in embedded)) return;
  const embed = proto.embed;
  proto.embed = function rememberingEmbed(this: EmbeddedFontInternals): unknown {
    if (this.subset.cff != null || this.font._variationProcessor || typeof this.subset.encode !== 'function') return embed.call(this);
    const stream = compressedSubset(this.font, this.subset);
    const doc = this.document;
    const subset = this.subset;
    const restoreRef = ownPropertyRestorer(doc, 'ref');
    const restoreEncode = ownPropertyRestorer(subset, 'encode');
    const ref = doc.ref;
    // The first reference embed() makes is the font file: born compressed (Length first, as pdfkit
    // writes it), so pdfkit passes the stream through instead of deflating it again.
    doc.ref = (data?: Record<string, unknown>): unknown => {
      restoreRef();
      return ref.call(doc, { Length: 0, Filter: 'FlateDecode', ...data });
    };
    subset.encode = () => stream;
    try {
      return embed.call(this);
    } finally {
      restoreRef();
      restoreEncode();
    }
  };
  patched.add(proto);
}
