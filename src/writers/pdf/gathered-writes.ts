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
}

const patched = new WeakSet<object>();

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
