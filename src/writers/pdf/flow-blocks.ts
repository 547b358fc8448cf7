/**
 * Text blocks of a handout: headings (kept with what follows), paragraphs, lists (nested, bullets
 * and numbers), quotes, and the pull quote of the council's message.
 */
import type { Block, HeadingBlock, ListBlock, QuoteBlock, Run } from '../../document/model.js';
import type { Column, FlowContext } from './flow-context.js';
import { MM } from './document.js';
import { balancedLines, layoutText, leadOfText, lineHeightOf, placeLines, type TextStyle } from './flow-text.js';
import { figureLead, renderChart, renderFacts, renderImage, renderTable } from './flow-figures.js';
import { useFace } from './fonts.js';
import { measure } from './text.js';
import { drawText } from './fast-text.js';

export function bodyStyle(ctx: FlowContext, extra: Partial<TextStyle> = {}): TextStyle {
  const size = ctx.brand.page.bodySize;
  return { size, color: ctx.text, spaceAfter: ctx.lineHeight(size) * 0.55, hyphenate: true, ...extra };
}

export function headingStyle(ctx: FlowContext, level: number, isTitle: boolean): TextStyle {
  const p = ctx.brand.page;
  const size = isTitle ? p.titleSize : level === 1 ? p.heading1Size : level === 2 ? p.heading2Size : p.bodySize + 0.5;
  return {
    size,
    bold: true,
    color: `#${ctx.brand.colors.primary}`,
    lineHeight: size * 1.2,
    spaceAfter: isTitle ? 0 : size * 0.45,
    hyphenate: false,
  };
}

/** The minimum that must follow a heading on the same page: two lines of a paragraph, a whole figure… */
export function leadHeight(ctx: FlowContext, block: Block | undefined, col: Column): number {
  if (!block) return 0;
  switch (block.kind) {
    case 'paragraph': {
      const style = bodyStyle(ctx);
      return leadOfText(ctx, layoutText(ctx, block.runs, col, style), style);
    }
    case 'heading': {
      const style = headingStyle(ctx, block.level, false);
      return style.size + leadOfText(ctx, layoutText(ctx, block.runs, col, style), style, 9);
    }
    case 'list': {
      const first = block.items[0]?.blocks[0];
      return leadHeight(ctx, first, { x: col.x + 6 * MM, w: col.w - 6 * MM });
    }
    case 'quote':
      if (isPullQuote(block)) return pullQuoteLead(ctx, layoutPullQuote(ctx, block.blocks.map((b) => (b.kind === 'paragraph' ? b.runs : [])), col));
      return leadHeight(ctx, block.blocks[0], { x: col.x + 6 * MM, w: col.w - 6 * MM });
    default:
      return figureLead(ctx, block, col);
  }
}

export interface RenderExtra {
  /** Draws the list marker beside the first line of the block. */
  marker?: (baseline: number) => void;
  style?: Partial<TextStyle>;
}

export function renderHeading(ctx: FlowContext, block: HeadingBlock, col: Column, next: Block | undefined, isTitle: boolean): void {
  if (block.pageBreakBefore && !ctx.atTop) ctx.newPage();
  const style = headingStyle(ctx, block.level, isTitle);
  const lines = isTitle ? balancedLines(ctx, block.runs, col, style) : layoutText(ctx, block.runs, col, style);
  const before = isTitle || ctx.atTop ? 0 : style.size * 0.9;
  const own = lines.length * lineHeightOf(ctx, style) + style.spaceAfter;
  ctx.ensure(before + own + (isTitle ? 0 : leadHeight(ctx, next, col)));
  if (!ctx.atTop) ctx.y += before;
  const tag = `H${block.level}`;
  ctx.tagger.open(tag);
  placeLines(ctx, lines, col, style, { tag, keep: lines.length });
  ctx.tagger.close();
  if (isTitle) {
    ctx.y += 2.5 * MM;
    ctx.doc.rect(col.x, ctx.y, 24 * MM, 1.2 * MM).fill(`#${ctx.brand.colors.accent}`);
    ctx.y += 7 * MM;
  }
}

export function renderParagraph(ctx: FlowContext, runs: readonly Run[], col: Column, extra: RenderExtra = {}): void {
  const style = bodyStyle(ctx, extra.style);
  const lines = layoutText(ctx, runs, col, style);
  ctx.tagger.open('P');
  placeLines(ctx, lines, col, style, {
    tag: 'P',
    decorate: extra.marker ? (f) => (f.first ? extra.marker?.(f.baseline) : undefined) : undefined,
  });
  ctx.tagger.close();
}

function renderList(ctx: FlowContext, list: ListBlock, col: Column, level: number): void {
  const size = ctx.brand.page.bodySize;
  const last = list.start + list.items.length - 1;
  const numberW = list.ordered ? measure(ctx.doc, 'bold', size, `${last}.`) + 2 * MM : 0;
  const indent = Math.max(5.5 * MM, numberW);
  const inner: Column = { x: col.x + indent, w: col.w - indent };
  const { primary, accent } = ctx.brand.colors;
  ctx.tagger.open('L');
  list.items.forEach((item, i) => {
    const marker = (baseline: number): void => {
      if (list.ordered) {
        const label = `${list.start + i}.`;
        useFace(ctx.doc, 'bold').fontSize(size).fillColor(`#${primary}`);
        // The trailing space keeps «1.» apart from the item's text when the text is extracted.
        drawText(ctx.doc, `${label} `, inner.x - 1.8 * MM - measure(ctx.doc, 'bold', size, label), baseline);
      } else {
        const r = level === 0 ? size * 0.17 : size * 0.14;
        const cx = inner.x - indent * 0.55;
        const cy = baseline - size * 0.33;
        if (level === 0) ctx.doc.circle(cx, cy, r).fill(`#${accent}`);
        else ctx.doc.save().lineWidth(0.7).circle(cx, cy, r).stroke(`#${accent}`).restore();
      }
    };
    ctx.tagger.open('LI');
    const blocks = item.blocks.length ? item.blocks : [{ kind: 'paragraph', runs: [] } as Block];
    blocks.forEach((block, bi) => {
      const spacing = { style: { spaceAfter: ctx.lineHeight(size) * 0.2 } };
      renderBlock(ctx, block, inner, blocks[bi + 1], level + 1, bi === 0 ? { ...spacing, marker } : spacing);
    });
    ctx.tagger.close();
  });
  ctx.tagger.close();
  if (level === 0) ctx.y += ctx.lineHeight(size) * 0.35;
}

function renderQuote(ctx: FlowContext, quote: QuoteBlock, col: Column, level: number): void {
  const inner: Column = { x: col.x + 6 * MM, w: col.w - 6 * MM };
  const bar = (top: number, height: number): void => {
    ctx.doc.rect(col.x + 1 * MM, top, 0.9 * MM, height).fill(`#${ctx.brand.colors.muted}`);
  };
  ctx.tagger.open('BlockQuote');
  for (const block of quote.blocks) {
    if (block.kind === 'paragraph') {
      const style = bodyStyle(ctx, { italic: true });
      const lines = layoutText(ctx, block.runs, inner, style);
      ctx.tagger.open('P');
      placeLines(ctx, lines, inner, style, { tag: 'P', background: (f) => bar(f.top, f.height) });
      ctx.tagger.close();
    } else {
      renderBlock(ctx, block, inner, undefined, level);
    }
  }
  ctx.tagger.close();
}

const PULL_PAD = 4 * MM;

function layoutPullQuote(ctx: FlowContext, paragraphs: readonly (readonly Run[])[], col: Column) {
  const size = ctx.brand.page.bodySize + 2;
  const gap = ctx.lineHeight(size) * 0.45;
  const inner: Column = { x: col.x + 12 * MM, w: col.w - 16 * MM };
  return paragraphs.map((runs, i) => {
    const style: TextStyle = { size, italic: true, color: `#${ctx.brand.colors.primary}`, spaceAfter: i < paragraphs.length - 1 ? gap : 0, hyphenate: true };
    return { style, lines: layoutText(ctx, runs, inner, style) };
  });
}

/** Room the pull quote needs on the current page: its padding and its first lines (all, up to three). */
function pullQuoteLead(ctx: FlowContext, laid: ReturnType<typeof layoutPullQuote>): number {
  const first = laid[0];
  if (!first) return 0;
  return 1 * MM + 2 * PULL_PAD + Math.min(3, first.lines.length) * lineHeightOf(ctx, first.style);
}

/**
 * The council's message, set apart: larger italic in the brand colour on a panel with an accent
 * bar and a large opening guillemet (drawn as an artifact, so extracted text has no stray «).
 */
export function renderPullQuote(ctx: FlowContext, paragraphs: readonly (readonly Run[])[], col: Column): void {
  const size = ctx.brand.page.bodySize + 2;
  const lh = ctx.lineHeight(size);
  const gap = lh * 0.45;
  const pad = PULL_PAD;
  const inner: Column = { x: col.x + 12 * MM, w: col.w - 16 * MM };
  const { accent, panel } = ctx.brand.colors;
  const laid = layoutPullQuote(ctx, paragraphs, col);
  ctx.ensure(pullQuoteLead(ctx, laid));
  if (!ctx.atTop) ctx.y += 1 * MM;
  ctx.y += pad;
  ctx.tagger.open('BlockQuote');
  laid.forEach(({ style, lines }, i) => {
    const firstPara = i === 0;
    const lastPara = i === laid.length - 1;
    ctx.tagger.open('P');
    placeLines(ctx, lines, inner, style, {
      tag: 'P',
      background: (f) => {
        const above = f.first ? (firstPara ? pad : gap) : 0;
        const below = f.last ? (lastPara ? pad : 0) : 0;
        const top = f.top - above;
        const height = above + f.height + below;
        ctx.doc.rect(col.x, top, col.w, height).fill(`#${panel}`);
        ctx.doc.rect(col.x, top, 1.4 * MM, height).fill(`#${accent}`);
        if (f.first && firstPara) {
          useFace(ctx.doc, 'bold').fontSize(size * 3).fillColor(`#${accent}`);
          drawText(ctx.doc, ctx.meta.lang === 'en' ? '“' : '«', col.x + 3.5 * MM, f.baseline + size * 0.75);
        }
      },
    });
    ctx.tagger.close();
  });
  ctx.tagger.close();
  ctx.y += pad + 6 * MM;
}

/** A quote of plain paragraphs at the top level is the template's pull quote (`<!-- pullquote -->`). */
export function isPullQuote(block: Block): boolean {
  return block.kind === 'quote' && block.blocks.length > 0 && block.blocks.every((b) => b.kind === 'paragraph');
}

export function renderBlock(ctx: FlowContext, block: Block, col: Column, next: Block | undefined, level = 0, extra: RenderExtra = {}): void {
  switch (block.kind) {
    case 'heading':
      return renderHeading(ctx, block, col, next, false);
    case 'paragraph':
      return renderParagraph(ctx, block.runs, col, extra);
    case 'list':
      return renderList(ctx, block, col, level);
    case 'quote':
      if (level === 0 && isPullQuote(block)) {
        return renderPullQuote(ctx, block.blocks.map((b) => (b.kind === 'paragraph' ? b.runs : [])), col);
      }
      return renderQuote(ctx, block, col, level);
    case 'table':
      return renderTable(ctx, block, col);
    case 'image':
      return renderImage(ctx, block, col);
    case 'chart':
      return renderChart(ctx, block, col);
    case 'facts':
      return renderFacts(ctx, block, col);
  }
}
