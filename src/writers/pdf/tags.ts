/**
 * The PDF's tag tree (headings, paragraphs, lists, tables, figures) through pdfkit's structure
 * API. Marked content is opened per page fragment and closed before any page break, so a
 * paragraph split over two pages becomes one P with two marked-content pieces, and page chrome
 * (header band, page numbers) is marked as Artifact outside any open content.
 */
export type StructElement = ReturnType<PDFKit.PDFDocument['struct']>;
type StructOptions = { title?: string; lang?: string; alt?: string; actual?: string };

export class Tagger {
  private readonly stack: StructElement[];

  constructor(private readonly doc: PDFKit.PDFDocument) {
    const root = doc.struct('Document');
    doc.addStructure(root);
    this.stack = [root];
  }

  /**
   * A tagger for a trial layout (flow-fit.ts), which measures and breaks lines but draws nothing:
   * past the empty root the constructor makes, it builds no tag tree, and it skips page furniture
   * (`artifact` does not call back). Each element of the tree is a PDF object, and they cost a
   * trial about as much as the drawing it already skips.
   */
  static untagged(doc: PDFKit.PDFDocument): Tagger {
    return new Untagged(doc);
  }

  private get current(): StructElement {
    return this.stack[this.stack.length - 1]!;
  }

  /** Opens a grouping element (L, LI, Table, BlockQuote…) that later content goes into. */
  open(type: string, options?: StructOptions): void {
    const elem = options ? this.doc.struct(type, options) : this.doc.struct(type);
    this.current.add(elem);
    this.stack.push(elem);
  }

  close(): void {
    const elem = this.stack.pop();
    if (!elem || this.stack.length === 0) throw new Error('Tagger: close() without open()');
    elem.end();
  }

  /** The marked content being drawn now (inside `content`), so a link can interrupt it. */
  private open_: { tag: string; marked: ReturnType<PDFKit.PDFDocument['markStructureContent']> } | undefined;

  /** Draws content marked as belonging to the current element (its own tag for the marked-content). */
  content(tag: string, draw: () => void): void {
    this.open_ = { tag, marked: this.doc.markStructureContent(tag) };
    draw();
    this.doc.endMarkedContent();
    this.current.add(this.open_.marked);
    this.open_ = undefined;
  }

  /**
   * Inside `content`: draws a link's text as a Link element (with its annotation as an object
   * reference, as PDF/UA asks) between two pieces of the surrounding element's content.
   */
  link(draw: () => void, annotate: (structParent: StructElement) => void): void {
    const open = this.open_;
    if (!open) {
      draw();
      return;
    }
    this.doc.endMarkedContent();
    this.current.add(open.marked);
    const link = this.doc.struct('Link');
    this.current.add(link);
    const marked = this.doc.markStructureContent('Link');
    draw();
    this.doc.endMarkedContent();
    link.add(marked);
    annotate(link);
    link.end();
    this.open_ = { tag: open.tag, marked: this.doc.markStructureContent(open.tag) };
  }

  /** A leaf element with its content drawn now: `leaf('P', draw)`. */
  leaf(type: string, draw: () => void, options?: StructOptions): void {
    this.open(type, options);
    this.content(type, draw);
    this.close();
  }

  /** Page furniture that screen readers skip. */
  artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Pagination' });
    draw();
    this.doc.endMarkedContent();
  }

  /** Ends every open element; call before `doc.end()`. */
  finish(): void {
    while (this.stack.length > 1) this.close();
    this.stack[0]!.end();
  }
}

/** Tagger.untagged(): content is still laid out (`content`, `link` and `leaf` call back); artifacts are skipped; no elements are made. */
class Untagged extends Tagger {
  override open(): void {}
  override close(): void {}
  override content(_tag: string, draw: () => void): void {
    draw();
  }
  override link(draw: () => void): void {
    draw();
  }
  override leaf(_type: string, draw: () => void): void {
    draw();
  }
  override artifact(): void {}
  override finish(): void {}
}
