/**
 * laidDeckToPdf: deck.pdf drawn from the same LaidDeck as the PPTX, one page per slide at the
 * slide's size. Every line is drawn where the layout stage broke it (`paragraph.lines`), never
 * re-wrapped, so the PDF and the PPTX break lines the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { TextRun } from '../../document/model.js';
import type { Box, LaidDeck, LaidLine, LaidParagraph, LaidSlide, TextFrame } from '../../layout/model.js';
import { CHROME, slideGeometry, TEXT_INSET } from '../../layout/slide-geometry.js';
import type { Brand } from '../../templates/brand-model.js';
import type { WriterResult } from '../writer.js';
import { chartAltText, drawBarChart } from './chart.js';
import { createPdf, drawImage, finishPdf, INCH, openImage } from './document.js';
import { drawDeckTable } from './deck-table.js';
import { faceFor, useFace } from './fonts.js';
import { Tagger } from './tags.js';
import { drawLine, measure, printColor, SOFT_HYPHEN, type Piece } from './text.js';

const pt = (box: Box): Box => ({ x: box.x * INCH, y: box.y * INCH, w: box.w * INCH, h: box.h * INCH });

/** Layout lines may carry soft hyphens: drop them, and draw a hyphen where the line breaks at one. */
export function linePieces(doc: PDFKit.PDFDocument, line: LaidLine, size: number, bold: boolean | undefined, more = false): Piece[] {
  const runs = line.runs.filter((r: TextRun) => r.text.length);
  return runs.map((run, i) => {
    let text = run.text;
    if (i === runs.length - 1) {
      text = text.replace(/ +$/, '').replace(/\u00AD$/, '-');
      // An invisible space before the paragraph's next line keeps words apart in extracted text.
      if (more && !/[-–—/]$/.test(text)) text += ' ';
    }
    text = text.split(SOFT_HYPHEN).join('');
    const face = faceFor(run.bold || bold, run.italic);
    return { text, face, href: run.href, width: measure(doc, face, size, text.replace(/ +$/, '')) };
  });
}

function paragraphsHeight(paragraphs: readonly LaidParagraph[]): number {
  return paragraphs.reduce((h, p, i) => h + (i ? p.spaceBefore : 0) + p.lines.length * p.lineHeight, 0);
}

function drawMarker(doc: PDFKit.PDFDocument, p: LaidParagraph, x: number, baseline: number, color: string): void {
  if (!p.bullet) return;
  const size = p.fontSize;
  if (p.bullet.ordered) {
    const label = `${p.bullet.number}.`;
    const w = measure(doc, 'bold', size, label);
    drawLine(doc, [{ text: `${label} `, face: 'bold', width: w }], w, { x: x - w - size * 0.3, baseline, size, color });
  } else {
    const r = size * (p.bullet.level === 0 ? 0.16 : 0.13);
    doc.circle(x - size * 0.6, baseline - size * 0.32, r).fill(color);
  }
}

function drawTextFrame(doc: PDFKit.PDFDocument, tagger: Tagger, frame: TextFrame, brand: Brand): void {
  const box = pt(frame.box);
  if (frame.fill === 'panel') {
    tagger.artifact(() => doc.rect(box.x, box.y, box.w, box.h).fill(`#${brand.colors.panel}`));
  }
  // The same inner margins the layout measured against and the PPTX writer writes.
  const inner: Box = {
    x: box.x + TEXT_INSET.left * INCH,
    y: box.y + TEXT_INSET.top * INCH,
    w: box.w - (TEXT_INSET.left + TEXT_INSET.right) * INCH,
    h: box.h - (TEXT_INSET.top + TEXT_INSET.bottom) * INCH,
  };
  const total = paragraphsHeight(frame.paragraphs);
  let y = inner.y;
  if (frame.valign === 'middle') y += (inner.h - total) / 2;
  else if (frame.valign === 'bottom') y += inner.h - total;
  const tag = frame.role === 'title' ? 'H1' : 'P';
  frame.paragraphs.forEach((p, pi) => {
    if (pi) y += p.spaceBefore;
    const color = brand.colors[p.color];
    const fill = p.color === 'text' ? printColor(color) : `#${color}`;
    const top = y;
    tagger.leaf(tag, () => {
      p.lines.forEach((line, li) => {
        const baseline = top + li * p.lineHeight + (p.lineHeight - p.fontSize * 1.2) / 2 + p.fontSize * 0.95;
        const x = inner.x + p.indent;
        if (li === 0) drawMarker(doc, p, x, baseline, `#${brand.colors.accent}`);
        const pieces = linePieces(doc, line, p.fontSize, p.bold, li < p.lines.length - 1);
        const width = pieces.reduce((s, piece) => s + piece.width, 0);
        drawLine(doc, pieces, width, {
          x,
          baseline,
          size: p.fontSize,
          color: fill,
          linkColor: `#${brand.colors.primary}`,
          width: inner.w - p.indent,
          align: p.align,
          tagger,
        });
      });
    });
    y += p.lines.length * p.lineHeight;
  });
}

/** Baseline of one line centred in `box` (points) as PowerPoint centres it: on ascent + descent. */
function middleBaseline(doc: PDFKit.PDFDocument, box: Box, size: number): number {
  const font = (doc as unknown as { _font?: { ascender: number; descender: number } })._font;
  const ascent = (font?.ascender ?? 1018) / 1000;
  const descent = -(font?.descender ?? -276) / 1000;
  const inner = { y: box.y + TEXT_INSET.top * INCH, h: box.h - (TEXT_INSET.top + TEXT_INSET.bottom) * INCH };
  return inner.y + (inner.h - (ascent + descent) * size) / 2 + ascent * size;
}

/**
 * The slide master's furniture, from the same geometry and CHROME settings as the PPTX layouts
 * (src/writers/pptx/masters.ts), so deck.pdf and the PPTX look alike slide for slide.
 */
function drawChrome(doc: PDFKit.PDFDocument, slide: LaidSlide, deck: LaidDeck, logo: Buffer | null): void {
  const { brand } = deck;
  const g = slideGeometry(brand);
  const c = brand.colors;
  if (slide.layout === 'title') {
    if (logo) {
      const b = pt(g.cover.logo);
      drawImage(doc, openImage(doc, logo), b.x, b.y, { fit: [b.w, b.h], align: 'center', valign: 'center' });
    }
    const bar = pt(g.cover.bar);
    doc.rect(bar.x, bar.y, bar.w, bar.h).fill(`#${c.primary}`);
    return;
  }
  const header = pt(g.header);
  doc.rect(header.x, header.y, header.w, header.h).fill(`#${c.primary}`);
  const rule = pt(g.headerRule);
  doc.rect(rule.x, rule.y, rule.w, rule.h).fill(`#${c.accent}`);
  const size = brand.slide.headerSize;
  const text = brand.runningHeader;
  const headerFace = CHROME.headerBold ? 'bold' : 'regular';
  const box = pt(g.headerText);
  useFace(doc, headerFace);
  drawLine(doc, [{ text, face: headerFace, width: measure(doc, headerFace, size, text) }], 0, {
    x: box.x + TEXT_INSET.left * INCH,
    baseline: middleBaseline(doc, box, size),
    size,
    color: `#${c.background}`,
  });
  const num = pt(g.number);
  const label = String(slide.number);
  const numberFace = CHROME.numberBold ? 'bold' : 'regular';
  const w = measure(doc, numberFace, size, label);
  drawLine(doc, [{ text: label, face: numberFace, width: w }], w, {
    x: num.x + TEXT_INSET.left * INCH,
    baseline: middleBaseline(doc, num, size),
    size,
    color: `#${c.muted}`,
    width: num.w - (TEXT_INSET.left + TEXT_INSET.right) * INCH,
    align: 'right',
  });
}

export interface DeckPdfOptions {
  /** Made again after small changes (watch): deflate each unchanged slide once (createPdf). */
  rememberStreams?: boolean;
  /** Called before each slide; may throw to abandon the document. */
  checkpoint?: () => void;
}

export async function laidDeckToPdf(deck: LaidDeck, options: DeckPdfOptions = {}): Promise<WriterResult> {
  const { brand } = deck;
  const width = brand.slide.width * INCH;
  const height = brand.slide.height * INCH;
  const doc = createPdf({ width, height, meta: deck.meta, fonts: brand.fonts.files, rememberStreams: options.rememberStreams });
  const tagger = new Tagger(doc);
  const logo = brand.logo && existsSync(brand.logo) && brand.logo.toLowerCase().endsWith('.png') ? readFileSync(brand.logo) : null;
  for (const slide of deck.slides) {
    options.checkpoint?.();
    doc.addPage({ size: [width, height], margin: 0 });
    tagger.artifact(() => drawChrome(doc, slide, deck, logo));
    tagger.open('Sect');
    for (const frame of slide.frames) {
      if (frame.kind === 'text') drawTextFrame(doc, tagger, frame, brand);
      else if (frame.kind === 'image') {
        const b = pt(frame.box);
        tagger.leaf('Figure', () => drawImage(doc, openImage(doc, frame.image.data), b.x, b.y, { fit: [b.w, b.h], align: 'center', valign: 'center' }), {
          alt: frame.image.alt || frame.image.caption || '',
        });
      } else if (frame.kind === 'chart') {
        const b = pt(frame.box);
        tagger.leaf('Figure', () => drawBarChart(doc, frame.chart, b, { colors: brand.colors, size: brand.slide.minBodySize - 2, showTitle: true }), {
          alt: chartAltText(frame.chart),
        });
      } else {
        drawDeckTable(doc, tagger, frame, brand);
      }
    }
    tagger.close();
  }
  tagger.finish();
  return { data: await finishPdf(doc), diagnostics: [] };
}
