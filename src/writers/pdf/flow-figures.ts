/**
 * Blocks of a handout that are not running text: the facts panel, GFM tables (rows never split,
 * the header row repeated after a page break), images (fit to the column, aspect kept, with
 * caption and credit) and the vector bar chart.
 */
import type { Block, ChartBlock, FactsBlock, ImageBlock, Run, TableBlock } from '../../document/model.js';
import type { Column, FlowContext } from './flow-context.js';
import { drawImage, MM, openImage } from './document.js';
import { chartAltText, drawBarChart } from './chart.js';
import { breakLines, drawLine, measure, type Line, type PdfColor } from './text.js';
import { faceFor } from './fonts.js';

const runsText = (runs: readonly Run[]): string => runs.map((r) => ('text' in r ? r.text : ' ')).join('');

interface CellText {
  lines: Line[];
  size: number;
  lh: number;
}

function cellText(ctx: FlowContext, runs: readonly Run[], w: number, size: number, bold: boolean): CellText {
  const lines = breakLines(ctx.doc, runs, { size, width: w, bold, hyphenate: ctx.options.hyphenate });
  return { lines, size, lh: size * 1.3 };
}

function drawCell(ctx: FlowContext, cell: CellText, x: number, top: number, w: number, color: PdfColor, align: 'left' | 'center' | 'right' = 'left'): void {
  if (ctx.dry) return;
  cell.lines.forEach((line, i) => {
    drawLine(ctx.doc, line.pieces, line.width, {
      x,
      baseline: ctx.baseline(top + i * cell.lh, cell.size, cell.lh),
      size: cell.size,
      color,
      linkColor: `#${ctx.brand.colors.primary}`,
      width: w,
      align,
      tagger: ctx.tagger,
    });
  });
}

function imageSize(ctx: FlowContext, image: ImageBlock, col: Column): { w: number; h: number } {
  const aspect = image.heightPx > 0 && image.widthPx > 0 ? image.heightPx / image.widthPx : 0.66;
  const maxH = (ctx.bottom - ctx.top) * ctx.imageMaxShare;
  let w = col.w;
  let h = w * aspect;
  if (h > maxH) {
    h = maxH;
    w = h / aspect;
  }
  return { w, h };
}

const chartHeight = (col: Column): number => Math.min(75 * MM, col.w * 0.55);

function factsLayout(ctx: FlowContext, facts: FactsBlock, col: Column) {
  const size = ctx.brand.page.bodySize;
  const pad = 4.5 * MM;
  const labelSize = ctx.brand.page.smallSize + 0.5;
  const labelW = Math.min(col.w * 0.38, Math.max(...facts.facts.map((f) => measure(ctx.doc, 'regular', labelSize, f.label))) + 6 * MM);
  const valueW = col.w - 2 * pad - labelW - 2 * MM;
  const rows = facts.facts.map((f) => ({
    label: cellText(ctx, [{ text: f.label }], labelW, labelSize, false),
    value: cellText(ctx, f.value, valueW, size, true),
  }));
  const rowGap = 2 * MM;
  const rowH = rows.map((r) => Math.max(r.value.lines.length * r.value.lh, r.label.lines.length * r.label.lh));
  const height = 2 * pad + rowH.reduce((a, b) => a + b, 0) + rowGap * Math.max(0, rows.length - 1);
  return { pad, labelW, rows, rowH, rowGap, height, labelSize };
}

export function figureLead(ctx: FlowContext, block: Block, col: Column): number {
  switch (block.kind) {
    case 'image':
      return imageSize(ctx, block, col).h + 8 * MM;
    case 'chart':
      return chartHeight(col);
    case 'facts':
      return factsLayout(ctx, block, col).height;
    case 'table':
      return ctx.brand.page.bodySize * 5;
    default:
      return 0;
  }
}

/** Draws a facts panel laid out by factsLayout at `top`, its panel `height` tall (at least its own). */
function drawFacts(ctx: FlowContext, L: ReturnType<typeof factsLayout>, col: Column, top: number, height: number): void {
  const { primary, panel, muted } = ctx.brand.colors;
  ctx.tagger.artifact(() => {
    ctx.doc.rect(col.x, top, col.w, height).fill(`#${panel}`);
    ctx.doc.rect(col.x, top, 1.4 * MM, height).fill(`#${primary}`);
  });
  let y = top + L.pad;
  ctx.tagger.open('Table');
  L.rows.forEach((row, i) => {
    ctx.tagger.open('TR');
    const x = col.x + L.pad;
    // Align the label's baseline with the value's first baseline.
    const valueBase = ctx.baseline(y, row.value.size, row.value.lh);
    const labelTop = valueBase - ctx.baseline(0, row.label.size, row.label.lh);
    ctx.tagger.leaf('TH', () => drawCell(ctx, row.label, x, labelTop, L.labelW, `#${muted}`));
    ctx.tagger.leaf('TD', () => drawCell(ctx, row.value, x + L.labelW + 2 * MM, y, col.w, ctx.text));
    ctx.tagger.close();
    y += L.rowH[i]! + L.rowGap;
  });
  ctx.tagger.close();
}

export function renderFacts(ctx: FlowContext, facts: FactsBlock, col: Column): void {
  const L = factsLayout(ctx, facts, col);
  ctx.ensure(L.height);
  const top = ctx.y;
  drawFacts(ctx, L, col, top, L.height);
  ctx.y = top + L.height + 6 * MM;
}

/** Share of the column the facts panel takes when a photo stands beside it. */
const FACTS_BESIDE_SHARE = 0.6;

/**
 * The facts panel with the first photo beside it (panel left, photo right, both as tall as the
 * taller): a photo under the panel would push the story halfway down the page.
 */
export function renderFactsBesideImage(ctx: FlowContext, facts: FactsBlock, image: ImageBlock, col: Column): void {
  const gutter = 5 * MM;
  const left: Column = { x: col.x, w: (col.w - gutter) * FACTS_BESIDE_SHARE };
  const right: Column = { x: col.x + left.w + gutter, w: col.w - left.w - gutter };
  const L = factsLayout(ctx, facts, left);
  const figure = imageFigure(ctx, image, right);
  const height = Math.max(L.height, figure.height);
  ctx.ensure(height);
  const top = ctx.y;
  drawFacts(ctx, L, left, top, height);
  drawImageFigure(ctx, image, figure, right, top);
  ctx.y = top + height + 6 * MM;
}

export function renderTable(ctx: FlowContext, table: TableBlock, col: Column): void {
  const size = ctx.brand.page.bodySize - 1;
  const padX = 2 * MM;
  const padY = 1.6 * MM;
  const ncols = Math.max(table.header.length, ...table.rows.map((r) => r.length));
  const all = [table.header, ...table.rows];
  const natural = Array.from({ length: ncols }, (_, c) =>
    Math.max(12 * MM, ...all.map((row, ri) => measure(ctx.doc, faceFor(ri === 0, false), size, runsText(row[c] ?? [])) + 2 * padX)),
  );
  const sum = natural.reduce((a, b) => a + b, 0);
  const widths = sum <= col.w ? natural.map((n) => n + ((col.w - sum) * n) / sum) : natural.map((n) => (col.w * n) / sum);
  const { primary, panel, background, muted } = ctx.brand.colors;
  const layoutRow = (row: Run[][], header: boolean) => {
    const cells = widths.map((w, c) => cellText(ctx, row[c] ?? [], w - 2 * padX, size, header));
    const h = Math.max(...cells.map((cell) => cell.lines.length * cell.lh)) + 2 * padY;
    return { cells, h };
  };
  const head = layoutRow(table.header, true);
  const drawRow = (row: ReturnType<typeof layoutRow>, header: boolean, shade: boolean): void => {
    const top = ctx.y;
    ctx.tagger.artifact(() => {
      if (header) ctx.doc.rect(col.x, top, col.w, row.h).fill(`#${primary}`);
      else if (shade) ctx.doc.rect(col.x, top, col.w, row.h).fill(`#${panel}`);
      ctx.doc.save().lineWidth(0.4).strokeColor(`#${muted}`).moveTo(col.x, top + row.h).lineTo(col.x + col.w, top + row.h).stroke().restore();
    });
    ctx.tagger.open('TR');
    let x = col.x;
    row.cells.forEach((cell, c) => {
      const align = table.align[c] ?? 'left';
      ctx.tagger.leaf(header ? 'TH' : 'TD', () =>
        drawCell(ctx, cell, x + padX, top + padY, widths[c]! - 2 * padX, header ? `#${background}` : ctx.text, align ?? 'left'),
      );
      x += widths[c]!;
    });
    ctx.tagger.close();
    ctx.y = top + row.h;
  };
  ctx.ensure(head.h + (table.rows.length ? layoutRow(table.rows[0]!, false).h : 0));
  ctx.y += 1 * MM;
  ctx.tagger.open('Table');
  drawRow(head, true, false);
  table.rows.forEach((r, i) => {
    const row = layoutRow(r, false);
    if (ctx.y + row.h > ctx.bottom) {
      ctx.newPage();
      drawRow(head, true, false);
    }
    drawRow(row, false, i % 2 === 1);
  });
  ctx.tagger.close();
  ctx.y += ctx.lineHeight(ctx.brand.page.bodySize) * 0.8;
}

/** A photo's size, caption and credit in a column, measured (not drawn). */
function imageFigure(ctx: FlowContext, image: ImageBlock, col: Column) {
  const { w, h } = imageSize(ctx, image, col);
  const small = ctx.brand.page.smallSize;
  const captionW = Math.min(col.w, Math.max(w, 60 * MM));
  const caption = image.caption ? cellText(ctx, [{ text: image.caption, italic: true }], captionW, small + 0.5, false) : undefined;
  const credit = image.credit ? cellText(ctx, [{ text: image.credit }], captionW, small, false) : undefined;
  const capH = (caption ? caption.lines.length * caption.lh : 0) + (credit ? credit.lines.length * credit.lh : 0);
  return { w, h, captionW, caption, credit, capH, height: h + (capH > 0 ? 2 * MM + capH : 0) };
}

/** Draws a measured photo centred in `col` at `top`, with its caption and credit under it. */
function drawImageFigure(ctx: FlowContext, image: ImageBlock, f: ReturnType<typeof imageFigure>, col: Column, top: number): void {
  const x = col.x + (col.w - f.w) / 2;
  const capX = Math.max(col.x, x + (f.w - f.captionW) / 2);
  ctx.tagger.leaf('Figure', () => (ctx.dry ? undefined : drawImage(ctx.doc, openImage(ctx.doc, image.data), x, top, { width: f.w, height: f.h })), { alt: image.alt || image.caption || '' });
  const capTop = top + f.h + 2 * MM;
  if (f.caption || f.credit) {
    ctx.tagger.leaf('Caption', () => {
      if (f.caption) drawCell(ctx, f.caption, capX, capTop, f.captionW, ctx.text);
      if (f.credit) drawCell(ctx, f.credit, capX, capTop + (f.caption ? f.caption.lines.length * f.caption.lh : 0), f.captionW, `#${ctx.brand.colors.muted}`);
    });
  }
}

export function renderImage(ctx: FlowContext, image: ImageBlock, col: Column): void {
  const f = imageFigure(ctx, image, col);
  ctx.ensure(f.height);
  const top = ctx.y;
  drawImageFigure(ctx, image, f, col, top);
  ctx.y = top + f.height + 5 * MM;
}

export function renderChart(ctx: FlowContext, chart: ChartBlock, col: Column): void {
  const h = chartHeight(col);
  ctx.ensure(h + 4 * MM);
  const top = ctx.y + 1 * MM;
  ctx.tagger.leaf('Figure', () => drawBarChart(ctx.doc, chart, { x: col.x, y: top, w: col.w, h }, {
    colors: ctx.brand.colors,
    size: ctx.brand.page.smallSize + 0.5,
    showTitle: true,
  }), { alt: chartAltText(chart) });
  ctx.y = top + h + 6 * MM;
}
