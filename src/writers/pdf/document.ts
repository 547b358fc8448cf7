/**
 * One place that creates a pdfkit document the way every council-press PDF needs it: the brand's
 * four faces and no other font (never Helvetica), fixed dates so two builds are byte-identical
 * (pdfkit derives the file /ID from the info dictionary, so fixed info means a fixed ID), PDF 1.7,
 * tagged, with the document language, and the title shown in the viewer's title bar.
 */
import PDFDocument from 'pdfkit';
import type { DocumentMeta } from '../../document/model.js';
import type { BrandFontFiles } from '../../templates/brand-model.js';
import { gatherContentStrings, gatherDocumentBytes, gatheredBytes, rememberDeflatedStreams } from './gathered-writes.js';
import { registerBrandFonts } from './fonts.js';
import { documentImage, type DrawableImage } from './images.js';

export const MM = 72 / 25.4;
export const INCH = 72;

export interface PdfSetup {
  /** Page size in points. */
  width: number;
  height: number;
  meta: DocumentMeta;
  fonts: BrandFontFiles;
  /** Keep pages open until the end, so furniture that needs the page count can be drawn last. */
  bufferPages?: boolean;
  /**
   * Start the upright faces' subsets with the common glyphs (common-glyphs.ts): for documents made
   * by the hundred (handouts), whose subsets then repeat and are made once.
   */
  commonGlyphs?: boolean;
  /**
   * Made again and again with most pages unchanged (watch: the deck's PDF, the combined handout):
   * deflate each distinct stream once per process (gathered-writes.ts rememberDeflatedStreams).
   */
  rememberStreams?: boolean;
  /** Deflate the streams (default true). A measuring document that is never written needs not. */
  compress?: boolean;
}

/**
 * A new document, its bytes to be collected by `finishPdf`, never piped: it keeps what it writes
 * (gathered-writes.ts), so a pipe would see its header only.
 */
export function createPdf(setup: PdfSetup): PDFKit.PDFDocument {
  const { meta } = setup;
  const doc = new PDFDocument({
    size: [setup.width, setup.height],
    margin: 0,
    autoFirstPage: false,
    compress: setup.compress ?? true,
    bufferPages: setup.bufferPages ?? false,
    pdfVersion: '1.7',
    tagged: true,
    lang: meta.langTag,
    displayTitle: true,
    // No default font: registerBrandFonts opens the brand's four faces next. pdfkit's default,
    // Helvetica, has no Cyrillic (and is loaded through a path a bundle breaks); a brand face given
    // here was opened twice, and pdfkit tells the copies apart by JSON-stringifying their name
    // tables (~0.15 ms a document).
    font: null as unknown as string,
    info: {
      Title: meta.title,
      Author: meta.author,
      ...(meta.subject ? { Subject: meta.subject } : {}),
      Creator: meta.producer,
      Producer: meta.producer,
      CreationDate: meta.date,
      ModDate: meta.date,
    },
  });
  // COUNCIL_PRESS_PLAIN_PDFKIT=1 leaves pdfkit's own writes (a test compares the bytes of both).
  if (process.env.COUNCIL_PRESS_PLAIN_PDFKIT !== '1') {
    gatherContentStrings((doc as unknown as { _root?: unknown })._root);
    gatherDocumentBytes(doc);
    if (setup.rememberStreams) rememberDeflatedStreams(doc);
  }
  registerBrandFonts(doc, setup.fonts, { commonGlyphs: setup.commonGlyphs === true });
  return doc;
}

/** Ends the document and collects its bytes. */
export function finishPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // The stream carries what pdfkit wrote before createPdf gathered the rest (its header).
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat([...chunks, ...(gatheredBytes(doc) ?? [])])));
    doc.on('error', reject);
    doc.end();
  });
}

/** pdfkit colours: the brand's 6-digit hex with the `#` pdfkit expects. */
export const hex = (color: string): string => `#${color}`;

/** An image opened for one document (see images.ts): embedded once however often it is drawn. */
export type OpenedImage = DrawableImage;

/** The image for `data` in `doc`, prepared once per process (images.ts); a Buffer given to pdfkit's `image()` is re-opened on every call. */
export function openImage(doc: PDFKit.PDFDocument, data: Buffer): OpenedImage {
  return documentImage(doc, data);
}

export function drawImage(doc: PDFKit.PDFDocument, image: OpenedImage, x: number, y: number, options: PDFKit.Mixins.ImageOption): void {
  doc.image(image as unknown as Buffer, x, y, options);
}
