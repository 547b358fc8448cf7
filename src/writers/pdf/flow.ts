/**
 * flowToPdf: a FlowDocument as a designed, print-ready A4 handout. The first level-1 heading is
 * the title; the council's message (options.pullQuote) is set as a pull quote after the facts
 * panel (or after the title when there is none). A document that fits on one page is set as a
 * designed page (flow-fit.ts): type as large as still fits, the closing pull quote at the foot.
 */
import type { Block, FlowDocument, Run } from '../../document/model.js';
import type { Brand } from '../../templates/brand-model.js';
import type { WriterResult } from '../writer.js';
import { createPdf, finishPdf, MM, type PdfSetup } from './document.js';
import { FlowContext, type FlowOptions } from './flow-context.js';
import { renderBlock, renderHeading, renderPullQuote } from './flow-blocks.js';
import { extraSpaceBefore, fitOnePage, type PageFit } from './flow-fit.js';
import { renderFactsBesideImage } from './flow-figures.js';
import { brandFontsStamp } from '../../templates/asset-stamp.js';
import { layoutCacheGeneration } from './fonts.js';
import { Tagger } from './tags.js';

export interface FlowToPdfOptions extends FlowOptions {
  /** The council's message, set apart as a pull quote. */
  pullQuote?: Run[];
  /** Set a one-page document as a designed page (larger type, anchored pull quote); default true. */
  fitPage?: boolean;
  /** One of many like it (a partnership's handout): share the common glyphs' font subsets (createPdf). */
  commonGlyphs?: boolean;
  /** Made again after small changes (watch): deflate each unchanged page once (createPdf). */
  rememberStreams?: boolean;
  /** Called before each block of every layout (trials included); may throw to abandon the document. */
  checkpoint?: () => void;
}

/** Index after which the pull quote goes: the facts panel, else the title, else the start. */
function pullQuoteAfter(blocks: readonly Block[], titleIndex: number): number {
  const facts = blocks.findIndex((b) => b.kind === 'facts');
  return facts >= 0 ? facts : titleIndex;
}

/** Lays the blocks out from the first page on (drawn, or measured only when `ctx.dry`). */
function layBlocks(ctx: FlowContext, blocks: readonly Block[], options: FlowToPdfOptions, fit?: PageFit): void {
  ctx.newPage();
  const titleIndex = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  const quoteAfter = options.pullQuote?.length ? pullQuoteAfter(blocks, titleIndex) : -2;
  if (quoteAfter === -1) renderPullQuote(ctx, [options.pullQuote!], ctx.body);
  for (let i = 0; i < blocks.length; i++) {
    options.checkpoint?.();
    const block = blocks[i]!;
    const next = blocks[i + 1];
    ctx.y += extraSpaceBefore(fit, i);
    // A heading that starts a page (a partnership in the combined handout) looks like a title too.
    const isTitle = block.kind === 'heading' && (i === titleIndex || (block.level <= 2 && block.pageBreakBefore === true));
    if (isTitle) renderHeading(ctx, block, ctx.body, next, true);
    else if (block.kind === 'facts' && next?.kind === 'image' && i !== quoteAfter) {
      renderFactsBesideImage(ctx, block, next, ctx.body);
      i++;
    } else renderBlock(ctx, block, ctx.body, next);
    if (i === quoteAfter) renderPullQuote(ctx, [options.pullQuote!], ctx.body);
  }
}

/** Handouts whose trials one measuring document serves before a fresh one replaces it. */
const MEASURING_USES = 64;
let measuring: { key: string; pdf: PDFKit.PDFDocument; uses: number } | undefined;

/**
 * The document trial layouts run in, shared by the handouts of a process. A trial only borrows a
 * document's fonts and pages: it measures and breaks lines and draws (almost) nothing, and its
 * document is never written. Creating one per handout (pdfkit's set-up, a file ID hashed in JS,
 * the four faces opened) was ~1 ms a handout; the fonts' shared caches do not depend on it
 * (fonts.ts). Replaced now and then, as its ended trial pages pile up in memory, when the page
 * size or the fonts change (watch), and when fonts.ts replaces a face's shared run cache (the
 * document would otherwise keep the old one alive, and fill it).
 */
function measuringDocument(setup: Pick<PdfSetup, 'width' | 'height' | 'meta' | 'fonts'>): PDFKit.PDFDocument {
  // A face's shared run cache replaced since: a fresh document, so the old cache is let go.
  const key = JSON.stringify([setup.width, setup.height, brandFontsStamp(setup.fonts), layoutCacheGeneration()]);
  if (measuring?.key !== key || measuring.uses >= MEASURING_USES) measuring = { key, pdf: createPdf({ ...setup, compress: false }), uses: 0 };
  measuring.uses++;
  return measuring.pdf;
}

export async function flowToPdf(doc: FlowDocument, brand: Brand, options: FlowToPdfOptions = {}): Promise<WriterResult> {
  const setup = { width: brand.page.width * MM, height: brand.page.height * MM, meta: doc.meta, fonts: brand.fonts.files };
  let trialPdf: PDFKit.PDFDocument | undefined;
  const fit =
    options.fitPage === false
      ? undefined
      : fitOnePage(doc.blocks, brand, (trialBrand, trial) => {
          trialPdf ??= measuringDocument(setup);
          const ctx = new FlowContext(trialPdf, trialBrand, doc.meta, Tagger.untagged(trialPdf), options);
          ctx.dry = true;
          ctx.imageMaxShare = trial.imageMaxShare;
          layBlocks(ctx, doc.blocks, options);
          return { pages: ctx.page, room: ctx.room() };
        });
  const pdf = createPdf({ ...setup, bufferPages: true, commonGlyphs: options.commonGlyphs, rememberStreams: options.rememberStreams });
  const tagger = new Tagger(pdf);
  const ctx = new FlowContext(pdf, fit?.brand ?? brand, doc.meta, tagger, options);
  if (fit) ctx.imageMaxShare = fit.imageMaxShare;
  layBlocks(ctx, doc.blocks, options, fit);
  ctx.finishPages();
  tagger.finish();
  return { data: await finishPdf(pdf), diagnostics: [] };
}
