/**
 * flowToPdf: a FlowDocument as a designed, print-ready A4 handout. The first level-1 heading is
 * the title; the council's message (options.pullQuote) is set as a pull quote after the facts
 * panel (or after the title when there is none).
 */
import type { Block, FlowDocument, Run } from '../../document/model.js';
import type { Brand } from '../../templates/brand-model.js';
import type { WriterResult } from '../writer.js';
import { createPdf, finishPdf, MM } from './document.js';
import { FlowContext, type FlowOptions } from './flow-context.js';
import { renderBlock, renderHeading, renderPullQuote } from './flow-blocks.js';
import { Tagger } from './tags.js';

export interface FlowToPdfOptions extends FlowOptions {
  /** The council's message, set apart as a pull quote. */
  pullQuote?: Run[];
}

/** Index after which the pull quote goes: the facts panel, else the title, else the start. */
function pullQuoteAfter(blocks: readonly Block[], titleIndex: number): number {
  const facts = blocks.findIndex((b) => b.kind === 'facts');
  return facts >= 0 ? facts : titleIndex;
}

export async function flowToPdf(doc: FlowDocument, brand: Brand, options: FlowToPdfOptions = {}): Promise<WriterResult> {
  const pdf = createPdf({ width: brand.page.width * MM, height: brand.page.height * MM, meta: doc.meta, fonts: brand.fonts.files, bufferPages: true });
  const tagger = new Tagger(pdf);
  const ctx = new FlowContext(pdf, brand, doc.meta, tagger, options);
  ctx.newPage();
  const blocks = doc.blocks;
  const titleIndex = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  const quoteAfter = options.pullQuote?.length ? pullQuoteAfter(blocks, titleIndex) : -2;
  if (quoteAfter === -1) renderPullQuote(ctx, [options.pullQuote!], ctx.body);
  blocks.forEach((block, i) => {
    // A heading that starts a page (a partnership in the combined handout) looks like a title too.
    const isTitle = block.kind === 'heading' && (i === titleIndex || (block.level <= 2 && block.pageBreakBefore === true));
    if (isTitle) renderHeading(ctx, block, ctx.body, blocks[i + 1], true);
    else renderBlock(ctx, block, ctx.body, blocks[i + 1]);
    if (i === quoteAfter) renderPullQuote(ctx, [options.pullQuote!], ctx.body);
  });
  ctx.finishPages();
  tagger.finish();
  return { data: await finishPdf(pdf), diagnostics: [] };
}
