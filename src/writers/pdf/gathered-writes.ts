/**
 * pdfkit 0.20 turns every string it writes into its own Uint8Array at once, with a JavaScript loop
 * over its characters: each operator it adds to a page (`BT`, `1 0 0 1 72 700 Tm`, a `TJ` of glyph
 * ids…), joined when the page ends, and each line of the file itself (`12 0 obj`, a dictionary,
 * `endobj`), which it then pushes through its Readable stream one by one. Hundreds of thousands
 * of small arrays in a 300-partnership build: ~1.5 % of its time in the loop, more in the stream
 * and in collecting the arrays.
 *
 * Here string chunks are kept as strings and turned into bytes together, natively, when a byte
 * chunk comes between them or the whole is wanted: a reference's when it is finalised, a
 * document's when finishPdf (document.ts) collects it. The bytes are the same: pdfkit keeps the
 * low byte of each UTF-16 code unit (`charCodeAt & 0xff`), which is what Node's 'latin1' encoding
 * writes, and each chunk still ends in a newline. A reference's /Length, its uncompressed length
 * and the document's offsets (for the cross-reference table) are counted as pdfkit counts them.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { keptBytes } from '../kept-bytes.js';

/** What this module uses of pdfkit's PDFReference (not in @types/pdfkit). */
interface ReferenceInternals {
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  buffer: Uint8Array[];
  write(chunk: unknown): void;
  finalize(): void;
  /** Strings written since the last byte chunk, in order. */
  pendingText?: string[];
  document: object;
}

const patched = new WeakSet<object>();

/*
 * Deflated streams remembered by their bytes, for documents made again and again with most pages
 * unchanged: in watch, the deck's PDF and the combined handout after each save (~600 pages at 300
 * partnerships, whose deflating was about a fifth of their time once the text was drawn faster).
 * Only a document marked by `rememberDeflatedStreams` uses it. The bytes are the ones
 * pdfkit's zlib.deflateSync (level 6 by default) makes from the same input: the same output.
 * Emptied when it holds more than MAX_REMEMBERED_BYTES (compressed; ~1.5 MB at 300 partnerships).
 */
const MAX_REMEMBERED_BYTES = 16 * 1024 * 1024;
const rememberingDocuments = new WeakSet<object>();
let deflatedByDigest = new Map<string, Buffer>();
let rememberedBytes = 0;
const deflateStats = { reused: 0, deflated: 0 };

/** Streams deflated and reused so far in this process (for tests). */
export function rememberedDeflateStats(): { reused: number; deflated: number } {
  return { ...deflateStats };
}

/** From now on, `doc`'s compressed streams are deflated once per distinct content in this process. */
export function rememberDeflatedStreams(doc: PDFKit.PDFDocument): void {
  rememberingDocuments.add(doc);
}

function rememberedDeflate(data: Uint8Array): Buffer {
  const digest = `${data.length}:${createHash('sha1').update(data).digest('base64')}`;
  let deflated = deflatedByDigest.get(digest);
  if (deflated) deflateStats.reused++;
  else {
    deflateStats.deflated++;
    deflated = keptBytes(deflateSync(data));
    if (rememberedBytes + deflated.length > MAX_REMEMBERED_BYTES) {
      deflatedByDigest = new Map();
      rememberedBytes = 0;
    }
    deflatedByDigest.set(digest, deflated);
    rememberedBytes += deflated.length;
  }
  return deflated;
}

/** Moves the strings gathered so far into `bytes` as one chunk, encoded as pdfkit encodes them. */
function flushStrings(strings: string[] | undefined, bytes: Uint8Array[]): void {
  if (!strings?.length) return;
  bytes.push(Buffer.from(strings.join(''), 'latin1'));
  strings.length = 0;
}

/** Installs the string-gathering `write` on the class of `reference` (pdfkit's PDFReference), once. */
export function gatherContentStrings(reference: unknown): void {
  if (!reference || typeof reference !== 'object') return;
  const proto = Object.getPrototypeOf(reference) as Partial<ReferenceInternals>;
  const { write, finalize } = proto;
  if (patched.has(proto) || typeof write !== 'function' || typeof finalize !== 'function' || !Array.isArray((reference as ReferenceInternals).buffer)) return;
  proto.write = function gatheringWrite(this: ReferenceInternals, chunk: unknown): void {
    if (chunk instanceof Uint8Array) {
      flushStrings(this.pendingText, this.buffer);
      write.call(this, chunk);
      return;
    }
    const text = `${chunk as string}\n`;
    (this.pendingText ??= []).push(text);
    this.uncompressedLength += text.length;
    this.data.Length = (this.data.Length ?? 0) + text.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  proto.finalize = function gatheringFinalize(this: ReferenceInternals): void {
    flushStrings(this.pendingText, this.buffer);
    if (this.compress && this.buffer.length && rememberingDocuments.has(this.document)) {
      // As pdfkit would deflate it, from the memory when these bytes were deflated before.
      const data = this.buffer.length === 1 ? this.buffer[0]! : Buffer.concat(this.buffer);
      this.buffer = [rememberedDeflate(data)];
      this.compress = false;
      try {
        finalize.call(this);
      } finally {
        this.compress = true;
      }
      return;
    }
    finalize.call(this);
  };
  patched.add(proto);
}

/** What this module uses of pdfkit's PDFDocument (not in @types/pdfkit). */
interface DocumentInternals {
  _offset: number;
  _write(data: unknown): void;
}

interface Gathered {
  bytes: Uint8Array[];
  text: string[];
}

const gathered = new WeakMap<object, Gathered>();

/**
 * From now on, keeps what `doc` writes to its file instead of pushing it through its stream
 * (what it wrote before, its header, was pushed as usual). `gatheredBytes` hands it over.
 */
export function gatherDocumentBytes(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as Partial<DocumentInternals>;
  if (typeof d._write !== 'function' || typeof d._offset !== 'number') return;
  const g: Gathered = { bytes: [], text: [] };
  gathered.set(doc, g);
  d._write = function gatheringDocumentWrite(this: DocumentInternals, data: unknown): void {
    if (data instanceof Uint8Array) {
      flushStrings(g.text, g.bytes);
      g.bytes.push(data);
      this._offset += data.length;
      return;
    }
    const text = `${data as string}\n`;
    g.text.push(text);
    this._offset += text.length;
  };
}

/** What `doc` wrote since gatherDocumentBytes, in order (undefined for a document not gathering). */
export function gatheredBytes(doc: PDFKit.PDFDocument): Uint8Array[] | undefined {
  const g = gathered.get(doc);
  if (!g) return undefined;
  flushStrings(g.text, g.bytes);
  return g.bytes;
}
