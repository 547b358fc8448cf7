/**
 * The page machine of a handout: the A4 geometry from the brand, the cursor, page breaks and the
 * page chrome (header band with the logo and running header, footer with «Стр. N из M»). Pages
 * stay buffered (createPdf's bufferPages) so the footers are drawn once the page count is known.
 * Every mark stays at least 5 mm from the paper's edge (SAFE), where office printers cannot reach.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { DocumentMeta } from '../../document/model.js';
import type { Brand } from '../../templates/brand-model.js';
import { AssetCache } from '../../templates/asset-stamp.js';
import { drawImage, MM, openImage, type OpenedImage } from './document.js';
import { flattenPng } from './logo.js';
import type { Tagger } from './tags.js';
import { drawLine, measure, printColor, type PdfColor } from './text.js';

/** Nothing is drawn closer than this to the edge of the paper. */
export const SAFE = 5 * MM;

export interface Column {
  x: number;
  w: number;
}

export interface FlowOptions {
  /** Footer words: «Стр. 1 из 2» / "Page 1 of 2" (`of` omitted: «Стр. 1»). */
  labels?: { page: string; of?: string };
  hyphenate?: (word: string) => string;
}

/** The header tile is about 1 cm wide: 160 px is 400 dpi there. */
const LOGO_PX = 160;
/** Per logo file and background; made again when the file changes (asset-stamp.ts: watch). */
const logoCache = new AssetCache<Buffer | null>();
function logoBytes(path: string, background: string): Buffer | null {
  return logoCache.get(
    path,
    () => (path && existsSync(path) && path.toLowerCase().endsWith('.png') ? flattenPng(readFileSync(path), LOGO_PX, background) : null),
    `${path}\0${background}`,
  );
}

export class FlowContext {
  readonly pageW: number;
  readonly pageH: number;
  readonly top: number;
  readonly bottom: number;
  readonly body: Column;
  readonly text: PdfColor;
  y = 0;
  page = 0;
  /**
   * A trial layout (flow-fit.ts): every measurement and page break as for real, but no text is
   * drawn, so choosing a type size costs the line breaking only.
   */
  dry = false;
  /** Tallest a photo may be, as a share of the text area's height (about 8.5 cm on A4). */
  imageMaxShare = 0.35;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly brand: Brand,
    readonly meta: DocumentMeta,
    readonly tagger: Tagger,
    readonly options: FlowOptions,
  ) {
    const p = brand.page;
    this.pageW = p.width * MM;
    this.pageH = p.height * MM;
    this.top = p.margins.top * MM;
    this.bottom = this.pageH - p.margins.bottom * MM;
    this.body = { x: p.margins.left * MM, w: this.pageW - (p.margins.left + p.margins.right) * MM };
    this.text = printColor(brand.colors.text);
  }

  /** Baseline-to-baseline distance for a size. */
  lineHeight(size: number): number {
    return size * this.brand.page.lineHeight;
  }

  /** Where the baseline sits inside a line box of height `lh` starting at `top`. */
  baseline(top: number, size: number, lh: number): number {
    return top + (lh - size * 1.2) / 2 + size * 0.95;
  }

  get atTop(): boolean {
    return this.y <= this.top + 0.01;
  }

  room(): number {
    return this.bottom - this.y;
  }

  /** Starts a new page unless `height` still fits (a block at the top of a page always stays). */
  ensure(height: number): void {
    if (this.page === 0 || (this.y + height > this.bottom + 0.01 && !this.atTop)) this.newPage();
  }

  newPage(): void {
    this.doc.addPage({ size: [this.pageW, this.pageH], margin: 0 });
    this.page++;
    // A trial layout (dry) measures the text only: the header band sits in the margin.
    if (!this.dry) this.tagger.artifact(() => this.drawHeader());
    this.y = this.top;
  }

  /** Draws every page's footer, now that the page count is known; call once, after the last block. */
  finishPages(): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = 0; i < count; i++) {
      this.doc.switchToPage(start + i);
      this.tagger.artifact(() => this.drawFooter(i + 1, count));
    }
  }

  private logoImage: OpenedImage | null | undefined;

  /** pdfkit embeds a Buffer again on every `image()` call; an opened image is embedded once. */
  private logo(): OpenedImage | null {
    if (this.logoImage === undefined) {
      const bytes = logoBytes(this.brand.logo, this.brand.colors.background);
      this.logoImage = bytes ? openImage(this.doc, bytes) : null;
    }
    return this.logoImage;
  }

  private drawHeader(): void {
    const { doc, brand } = this;
    const c = brand.colors;
    const bandX = SAFE + 5 * MM;
    const bandY = SAFE + 5 * MM;
    const bandW = this.pageW - 2 * bandX;
    const bandH = 12 * MM;
    doc.rect(bandX, bandY, bandW, bandH).fill(`#${c.primary}`);
    doc.rect(bandX, bandY + bandH, bandW, 0.8 * MM).fill(`#${c.accent}`);
    let textX = bandX + 5 * MM;
    const logo = this.logo();
    if (logo) {
      const tile = bandH - 2.4 * MM;
      doc.roundedRect(bandX + 1.2 * MM, bandY + 1.2 * MM, tile, tile, 1 * MM).fill(`#${c.background}`);
      drawImage(doc, logo, bandX + 2 * MM, bandY + 2 * MM, { fit: [tile - 1.6 * MM, tile - 1.6 * MM], align: 'center', valign: 'center' });
      textX = bandX + tile + 4.5 * MM;
    }
    const hs = brand.page.smallSize + 1;
    const header = brand.runningHeader;
    drawLine(doc, [{ text: header, face: 'bold', width: measure(doc, 'bold', hs, header) }], 0, {
      x: textX,
      baseline: bandY + bandH / 2 + hs * 0.35,
      size: hs,
      color: `#${c.background}`,
    });
  }

  private drawFooter(page: number, pages: number): void {
    const { doc, brand } = this;
    const c = brand.colors;
    const small = brand.page.smallSize;
    const ruleY = this.bottom + 7 * MM;
    doc.save().lineWidth(0.5).strokeColor(`#${c.muted}`).moveTo(this.body.x, ruleY).lineTo(this.body.x + this.body.w, ruleY).stroke().restore();
    const base = ruleY + 4.5 * MM;
    const words = this.options.labels;
    const label = words?.of === undefined || words.of === '' ? `${words?.page ?? 'Стр.'} ${page}` : `${words.page} ${page} ${words.of} ${pages}`;
    const lw = measure(doc, 'bold', small, label);
    drawLine(doc, [{ text: label, face: 'bold', width: lw }], lw, { x: this.body.x + this.body.w - lw, baseline: base, size: small, color: `#${c.primary}` });
    const title = this.meta.title;
    const maxW = this.body.w - lw - 10 * MM;
    let shown = title;
    while (shown.length > 1 && measure(doc, 'regular', small, shown) > maxW) shown = `${shown.slice(0, -2).trimEnd()}…`;
    drawLine(doc, [{ text: shown, face: 'regular', width: 0 }], 0, { x: this.body.x, baseline: base, size: small, color: `#${c.muted}` });
  }
}
