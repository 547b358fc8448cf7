/**
 * Blocks of a handout that are not running text: the facts panel, GFM tables (rows never split,
 * the header row repeated after a page break), images (fit to the column, aspect kept, with
 * caption and credit) and the vector bar chart.
 */
import type { Block, ChartBlock, FactsBlock, ImageBlock, Run, TableBlock } from '../../document/model.js';
import type { Column, FlowContext } from './flow-context.js';
import { MM } from './document.js';
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

const IMAGE_MAX_SHARE = 0.45;

function imageSize(ctx: FlowContext, image: ImageBlock, col: Column): { w: number; h: number } {
  const aspect = image.heightPx > 0 && image.widthPx > 0 ? image.heightPx / image.widthPx : 0.66;
  const maxH = (ctx.bottom - ctx.top) * IMAGE_MAX_SHARE;
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

export function renderFacts(ctx: FlowContext, facts: FactsBlock, col: Column): void {
  const L = factsLayout(ctx, facts, col);
  const { primary, panel, muted } = ctx.brand.colors;
  ctx.ensure(L.height);
  const top = ctx.y;
  ctx.tagger.artifact(() => {
    ctx.doc.rect(col.x, top, col.w, L.height).fill(`#${panel}`);
    ctx.doc.rect(col.x, top, 1.4 * MM, L.height).fill(`#${primary}`);
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
  ctx.y = top + L.height + 6 * MM;
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

export function renderImage(ctx: FlowContext, image: ImageBlock, col: Column): void {
  const { w, h } = imageSize(ctx, image, col);
  const small = ctx.brand.page.smallSize;
  const captionW = Math.max(w, 60 * MM);
  const caption = image.caption ? cellText(ctx, [{ text: image.caption, italic: true }], captionW, small + 0.5, false) : undefined;
  const credit = image.credit ? cellText(ctx, [{ text: image.credit }], captionW, small, false) : undefined;
  const capH = (caption ? caption.lines.length * caption.lh : 0) + (credit ? credit.lines.length * credit.lh : 0);
  ctx.ensure(h + 2 * MM + capH);
  const x = col.x + (col.w - w) / 2;
  const capX = Math.max(col.x, x + (w - captionW) / 2);
  const top = ctx.y;
  ctx.tagger.leaf('Figure', () => ctx.doc.image(image.data, x, top, { width: w, height: h }), { alt: image.alt || image.caption || '' });
  ctx.y = top + h + 2 * MM;
  if (caption || credit) {
    ctx.tagger.leaf('Caption', () => {
      if (caption) drawCell(ctx, caption, capX, ctx.y, captionW, ctx.text);
      if (credit) drawCell(ctx, credit, capX, ctx.y + (caption ? caption.lines.length * caption.lh : 0), captionW, `#${ctx.brand.colors.muted}`);
    });
  }
  ctx.y += capH + 5 * MM;
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
