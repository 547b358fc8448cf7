/**
 * pdfkit 0.20 turns every operator it adds to a page (`BT`, `1 0 0 1 72 700 Tm`, a `TJ` of glyph
 * ids…) into its own Uint8Array at once, with a JavaScript loop over its characters, and joins them
 * all when the page ends: hundreds of thousands of small arrays in a 300-partnership build, ~1.5 %
 * of its time in the loop and more in collecting the arrays.
 *
 * Here a reference's string chunks are kept as strings and turned into bytes together, natively,
 * when a byte chunk comes between them or the reference is finalised. The bytes are the same:
 * pdfkit keeps the low byte of each UTF-16 code unit (`charCodeAt & 0xff`), which is what Node's
 * 'latin1' encoding writes, and each chunk still ends in a newline. The dictionary's /Length and
 * the uncompressed length are counted as pdfkit counts them.
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

function flushText(ref: ReferenceInternals): void {
  if (ref.pendingText?.length) {
    ref.buffer.push(Buffer.from(ref.pendingText.join(''), 'latin1'));
    ref.pendingText.length = 0;
  }
}

/** Installs the string-gathering `write` on the class of `reference` (pdfkit's PDFReference), once. */
export function gatherContentStrings(reference: unknown): void {
  if (!reference || typeof reference !== 'object') return;
  const proto = Object.getPrototypeOf(reference) as Partial<ReferenceInternals>;
  const { write, finalize } = proto;
  if (patched.has(proto) || typeof write !== 'function' || typeof finalize !== 'function' || !Array.isArray((reference as ReferenceInternals).buffer)) return;
  proto.write = function gatheringWrite(this: ReferenceInternals, chunk: unknown): void {
    if (chunk instanceof Uint8Array) {
      flushText(this);
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
    flushText(this);
    finalize.call(this);
  };
  patched.add(proto);
}
