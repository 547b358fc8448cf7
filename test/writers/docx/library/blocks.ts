/**
 * Document-model blocks → docx paragraphs and tables, in reading order. Formatting comes from
 * the named styles in styles.ts; direct formatting is used only where Word and LibreOffice
 * disagree on conditional table-style formatting (header rows, the facts label column).
 */
import { basename } from 'node:path';
import {
  AlignmentType,
  ImageRun,
  LineRuleType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type {
  Block,
  CellAlign,
  ChartBlock,
  FactsBlock,
  HeadingBlock,
  ImageBlock,
  ListBlock,
  Run,
  TableBlock,
} from '../../../../src/document/model.js';
import type { Brand } from '../../../../src/templates/brand-model.js';
import { runsToChildren, textChildren } from './runs.js';
import { NUMBERING, STYLE } from '../../../../src/writers/docx/styles.js';
import { altText } from '../../../../src/writers/docx/body.js';

export type FlowChild = Paragraph | Table;

export interface BlockContext {
  brand: Brand;
  langTag: string;
  /** Width of the text column, in twips and in CSS pixels (docx sizes pictures at 96 px to the inch). */
  textWidthTwips: number;
  textWidthPx: number;
  /** Tallest a picture may be, in pixels, so it fits on a page with its caption. */
  maxImageHeightPx: number;
  /** Whether the document's first level-1 heading was taken as the Title (then later headings move up one level). */
  titleTaken: boolean;
  /** Next wp:docPr id: docx's own counter is shared by the whole process, so two builds would differ. */
  nextDrawingId: () => number;
  /** Next numbering instance, per document for the same reason. */
  nextListInstance: () => number;
}

const ALIGN: Record<Exclude<CellAlign, null>, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
};

const TABLE_LIKE = new Set<Block['kind']>(['table', 'facts', 'chart']);

/**
 * A table has no spacing of its own in Word, so text or a list that touches it gets a small
 * spacer paragraph (a heading's own space before/after is enough, and a chart brings its caption).
 */
function spacer(): Paragraph {
  return new Paragraph({ spacing: { before: 0, after: 0, line: 200, lineRule: LineRuleType.EXACT } });
}

export function blocksToDocx(blocks: readonly Block[], ctx: BlockContext, previous?: Block): FlowChild[] {
  const out: FlowChild[] = [];
  let prev = previous;
  for (const block of blocks) {
    const needsGap = (a: Block | undefined, b: Block): boolean =>
      a !== undefined && a.kind !== 'heading' && b.kind !== 'heading' && (TABLE_LIKE.has(b.kind) ? b.kind !== 'chart' : TABLE_LIKE.has(a.kind));
    if (needsGap(prev, block)) out.push(spacer());
    out.push(...blockToDocx(block, ctx));
    prev = block;
  }
  return out;
}

function blockToDocx(block: Block, ctx: BlockContext, listLevel = 0): FlowChild[] {
  switch (block.kind) {
    case 'heading':
      return [heading(block, ctx)];
    case 'paragraph':
      return [new Paragraph({ children: runsToChildren(block.runs) })];
    case 'list':
      return list(block, ctx, listLevel);
    case 'table':
      return [gfmTable(block, ctx)];
    case 'image':
      return image(block, ctx);
    case 'quote':
      return block.blocks.flatMap((inner) =>
        inner.kind === 'paragraph' ? [new Paragraph({ style: STYLE.quote, children: runsToChildren(inner.runs) })] : blockToDocx(inner, ctx),
      );
    case 'chart':
      return chart(block, ctx);
    case 'facts':
      return [facts(block, ctx)];
  }
}

function heading(block: HeadingBlock, ctx: BlockContext): Paragraph {
  const level = Math.min(3, Math.max(1, block.level - (ctx.titleTaken ? 1 : 0)));
  return new Paragraph({ style: STYLE.heading[level - 1], children: runsToChildren(block.runs) });
}

/**
 * A list item's first paragraph carries the number; its later paragraphs are indented to the
 * text of the item; a nested list goes one level deeper. Each ordered list is its own numbering
 * instance, so the second list of a document starts again at its own first number.
 */
function list(block: ListBlock, ctx: BlockContext, level: number): FlowChild[] {
  const reference = block.ordered ? NUMBERING.decimal(block.start) : NUMBERING.bullet;
  const instance = ctx.nextListInstance();
  const out: FlowChild[] = [];
  for (const item of block.items) {
    let numbered = false;
    for (const inner of item.blocks) {
      if (inner.kind === 'paragraph' || (inner.kind === 'heading' && !numbered)) {
        out.push(
          new Paragraph({
            style: 'ListParagraph',
            children: runsToChildren(inner.runs),
            ...(numbered
              ? { indent: { left: 360 + level * 360 } }
              : { numbering: { reference, level: Math.min(level, 8), instance } }),
          }),
        );
        numbered = true;
      } else if (inner.kind === 'list') {
        out.push(...list(inner, ctx, level + 1));
      } else {
        out.push(...blockToDocx(inner, ctx, level + 1));
      }
    }
    if (!numbered) out.push(new Paragraph({ style: 'ListParagraph', numbering: { reference, level: Math.min(level, 8), instance } }));
  }
  return out;
}

function cell(children: Paragraph[], widthTwips: number, fill?: string): TableCell {
  return new TableCell({
    children,
    width: { size: widthTwips, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.TOP,
    shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill } : undefined,
  });
}

function textCell(runs: readonly Run[], widthTwips: number, opts: { header?: boolean; align?: CellAlign; fill?: string; ctx: BlockContext }): TableCell {
  const { brand } = opts.ctx;
  const para = new Paragraph({
    style: STYLE.tableText,
    alignment: opts.align ? ALIGN[opts.align] : undefined,
    keepNext: opts.header || undefined,
    children: runsToChildren(runs, opts.header ? { bold: true, color: brand.colors.background } : {}),
  });
  return cell([para], widthTwips, opts.header ? brand.colors.primary : opts.fill);
}

function table(rows: TableRow[], widths: number[], style: string, headerRow: boolean): Table {
  return new Table({
    rows,
    style,
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    tableLook: { firstRow: headerRow, lastRow: false, firstColumn: false, lastColumn: false, noHBand: true, noVBand: true },
  });
}

function equalWidths(columns: number, total: number): number[] {
  const each = Math.floor(total / Math.max(1, columns));
  return Array.from({ length: columns }, (_, i) => (i === columns - 1 ? total - each * (columns - 1) : each));
}

function gfmTable(block: TableBlock, ctx: BlockContext): Table {
  const columns = Math.max(block.header.length, ...block.rows.map((r) => r.length));
  const widths = equalWidths(columns, ctx.textWidthTwips);
  const row = (cells: Run[][], header: boolean): TableRow =>
    new TableRow({
      tableHeader: header || undefined,
      cantSplit: true,
      children: widths.map((w, i) => textCell(cells[i] ?? [], w, { header, align: block.align[i] ?? null, ctx })),
    });
  return table([row(block.header, true), ...block.rows.map((r) => row(r, false))], widths, STYLE.table, true);
}

/** Word charts are out of scope: a chart is its data as a table, labels down, one column per series. */
function chart(block: ChartBlock, ctx: BlockContext): FlowChild[] {
  const number = new Intl.NumberFormat(ctx.langTag);
  const widths = equalWidths(block.series.length + 1, ctx.textWidthTwips);
  const text = (s: string): Run[] => [{ text: s }];
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [text(block.categoryLabel ?? ''), ...block.series.map((s) => text(s.name))].map((c, i) => textCell(c, widths[i]!, { header: true, ctx, align: i ? 'right' : null })),
  });
  const rows = block.labels.map(
    (label, r) =>
      new TableRow({
        cantSplit: true,
        children: [
          textCell(text(label), widths[0]!, { ctx }),
          ...block.series.map((s, i) => {
            const v = s.values[r];
            return textCell(text(v === undefined ? '' : number.format(v)), widths[i + 1]!, { align: 'right', ctx });
          }),
        ],
      }),
  );
  const caption = new Paragraph({ style: STYLE.caption, keepNext: true, children: [new TextRun({ children: textChildren(block.title), bold: true })] });
  return [caption, table([header, ...rows], widths, STYLE.table, true)];
}

function facts(block: FactsBlock, ctx: BlockContext): Table {
  const labelWidth = Math.round(ctx.textWidthTwips * 0.32);
  const widths = [labelWidth, ctx.textWidthTwips - labelWidth];
  const rows = block.facts.map(
    (f, i) =>
      new TableRow({
        cantSplit: true,
        // The facts panel is short: keep it whole on one page.
        keepNext: i < block.facts.length - 1,
        children: [
          textCell([{ text: f.label, bold: true }], widths[0]!, { fill: ctx.brand.colors.panel, ctx }),
          textCell(f.value, widths[1]!, { ctx }),
        ],
      }),
  );
  return table(rows, widths, STYLE.facts, false);
}

/** Fit the text width, keep the aspect ratio, never upscale, and leave room on the page for the caption. */
function image(block: ImageBlock, ctx: BlockContext): Paragraph[] {
  const scale = Math.min(1, ctx.textWidthPx / block.widthPx, ctx.maxImageHeightPx / block.heightPx);
  const width = Math.max(1, Math.round(block.widthPx * scale));
  const height = Math.max(1, Math.round(block.heightPx * scale));
  const picture = new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: Boolean(block.caption || block.credit),
    spacing: { before: 120, after: 60 },
    children: [
      new ImageRun({
        type: block.format === 'jpeg' ? 'jpg' : 'png',
        data: block.data,
        transformation: { width, height },
        altText: {
          id: String(ctx.nextDrawingId()),
          name: basename(block.path),
          title: altText(block.caption ?? block.alt),
          description: altText(block.alt),
        },
      }),
    ],
  });
  const credit = block.credit ? [new TextRun({ children: textChildren(block.caption ? ` · ${block.credit}` : block.credit), italics: true })] : [];
  const caption = block.caption || block.credit ? [new Paragraph({ style: STYLE.caption, alignment: AlignmentType.CENTER, children: [...(block.caption ? [new TextRun({ children: textChildren(block.caption) })] : []), ...credit] })] : [];
  return [picture, ...caption];
}
