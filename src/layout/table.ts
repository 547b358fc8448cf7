/**
 * Measured tables: column widths from the cells' natural widths, row heights from the lines each
 * cell breaks into. Header row bold. Tables split by rows (header repeated) across slides.
 */
import type { Run, TableBlock } from '../document/model.js';
import type { TableFrame } from './model.js';
import type { BrandFontSet } from './fonts.js';
import { breakLines, widestWord } from './break-lines.js';
import { round2 } from './paragraphs.js';
import { TABLE_CELL_INSET, WIDTH_SAFETY } from './slide-geometry.js';

const PT = 72;

export interface MeasuredTable {
  columnWidths: number[];
  /** Inches; index 0 is the header row. */
  rowHeights: number[];
  fontSize: number;
  tooWide?: string;
}

function widest(runs: Run[], size: number, fonts: BrandFontSet, bold: boolean): { natural: number; word: number } {
  const one = breakLines(runs, Number.POSITIVE_INFINITY, size, fonts, { bold });
  const natural = Math.max(0, ...one.lines.map((l) => l.width));
  return { natural, word: widestWord(runs, size, fonts, { bold }) };
}

/** The column filler measures the same table at each size it tries and on each slide: measure once. */
const cache = new WeakMap<TableBlock, Map<string, MeasuredTable>>();

/** Column widths (inches, summing to `width`) and row heights (inches) at `size` points. */
export function measureTable(table: TableBlock, width: number, size: number, lineHeightFactor: number, fonts: BrandFontSet): MeasuredTable {
  let byKey = cache.get(table);
  if (!byKey) cache.set(table, (byKey = new Map()));
  const key = `${width}/${size}/${lineHeightFactor}`;
  let m = byKey.get(key);
  if (!m) byKey.set(key, (m = measure(table, width, size, lineHeightFactor, fonts)));
  return m;
}

function measure(table: TableBlock, width: number, size: number, lineHeightFactor: number, fonts: BrandFontSet): MeasuredTable {
  const rows = [table.header, ...table.rows];
  const cols = Math.max(1, ...rows.map((r) => r.length));
  const padX = (TABLE_CELL_INSET.left + TABLE_CELL_INSET.right) * PT;
  const natural = new Array<number>(cols).fill(padX);
  const minimum = new Array<number>(cols).fill(padX);
  rows.forEach((row, ri) =>
    row.forEach((cell, ci) => {
      const m = widest(cell, size, fonts, ri === 0);
      natural[ci] = Math.max(natural[ci], m.natural / WIDTH_SAFETY + padX + 0.5);
      // Half a point over the widest word, so rounding the widths to 1/10000 in never cuts it.
      minimum[ci] = Math.max(minimum[ci], m.word / WIDTH_SAFETY + padX + 0.5);
    }),
  );
  const total = width * PT;
  const sumNat = natural.reduce((a, b) => a + b, 0);
  const sumMin = minimum.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (sumNat <= total) widths = natural.map((n) => (n / sumNat) * total);
  else if (sumMin <= total) {
    const slack = total - sumMin;
    const want = natural.map((n, i) => n - minimum[i]);
    const sumWant = want.reduce((a, b) => a + b, 0) || 1;
    widths = minimum.map((m, i) => m + (want[i] / sumWant) * slack);
  } else widths = minimum.map((m) => (m / sumMin) * total);
  const columnWidths = widths.map((w) => round4(w / PT));
  // Make the rounded widths sum exactly to the box width.
  columnWidths[cols - 1] = round4(width - columnWidths.slice(0, -1).reduce((a, b) => a + b, 0));

  const lineHeight = size * lineHeightFactor;
  const padY = (TABLE_CELL_INSET.top + TABLE_CELL_INSET.bottom) * PT;
  let tooWide: string | undefined;
  const rowHeights = rows.map((row, ri) => {
    let lines = 1;
    row.forEach((cell, ci) => {
      const inner = (columnWidths[ci] * PT - padX) * WIDTH_SAFETY;
      const broken = breakLines(cell, inner, size, fonts, { bold: ri === 0 });
      if (broken.tooWide) tooWide ??= broken.tooWide.token;
      lines = Math.max(lines, broken.lines.length);
    });
    return round4((lines * lineHeight + padY) / PT);
  });
  return { columnWidths, rowHeights, fontSize: size, ...(tooWide ? { tooWide } : {}) };
}

/** A frame holding the header and rows [from, to) of a measured table. */
export function tableFrame(table: TableBlock, m: MeasuredTable, x: number, y: number, width: number, from: number, to: number): TableFrame {
  const part: TableBlock = { ...table, rows: table.rows.slice(from, to) };
  const rowHeights = [m.rowHeights[0], ...m.rowHeights.slice(1 + from, 1 + to)];
  const h = round4(rowHeights.reduce((a, b) => a + b, 0));
  return {
    kind: 'table',
    box: { x, y, w: width, h },
    table: part,
    fontSize: round2(m.fontSize),
    columnWidths: m.columnWidths,
    rowHeight: Math.max(...rowHeights),
    rowHeights,
  };
}

export const round4 = (n: number): number => Math.round(n * 10000) / 10000;
