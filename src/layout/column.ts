/**
 * Fills columns (one per slide) with flow items at one font size, splitting where a column is full:
 * between paragraphs first, inside a long paragraph at a line boundary (at least two lines on each
 * side), between table rows (header repeated). A heading never ends a column. Nothing is dropped:
 * an empty column always takes at least one line or row, so every item lands on some slide.
 */
import type { SourcePosition } from '../diagnostics/diagnostic.js';
import type { Box, Frame, LaidParagraph, TextFrame } from './model.js';
import type { BrandFontSet } from './fonts.js';
import { runsBetween, sliceRuns } from './break-lines.js';
import { layPara, type FlowItem, type ParaSpec, PARAGRAPH_GAP } from './paragraphs.js';
import { measureTable, tableFrame, round4 } from './table.js';
import { TEXT_INSET, WIDTH_SAFETY } from './slide-geometry.js';

const PT = 72;
/** Images and charts smaller than this start the next slide instead. */
const MIN_VISUAL_H = 1.5;
/** Space below a panel's text so the fill does not hug the last line. */
const PANEL_PAD = 0.12;

export interface ColumnOptions {
  fonts: BrandFontSet;
  size: number;
  /** Table text size (points). */
  tableSize: number;
  captionSize: number;
  lineHeight: number;
  role: TextFrame['role'];
  valign: TextFrame['valign'];
  fill?: 'panel';
  /** Text frames sized to their content rather than reaching the column's bottom. */
  tight?: boolean;
}

export interface TooWide {
  token: string;
  source?: SourcePosition;
}

export interface ColumnPage {
  frames: Frame[];
  tooWide: TooWide[];
}

const innerWidth = (w: number): number => (w - TEXT_INSET.left - TEXT_INSET.right) * PT * WIDTH_SAFETY;
const insetsH = (TEXT_INSET.top + TEXT_INSET.bottom) * PT;

/** Lays out `items` into as many columns as needed (at most `maxPages`); `columnFor(k)` is page k's box. */
export function fillColumns(items: readonly FlowItem[], columnFor: (page: number) => Box, opts: ColumnOptions, maxPages = Infinity): ColumnPage[] {
  const queue = [...items];
  const pages: ColumnPage[] = [];
  while (queue.length > 0 && pages.length < maxPages) pages.push(fillOne(queue, columnFor(pages.length), opts));
  if (queue.length > 0) pages.push({ frames: [], tooWide: [] }); // marker: did not fit in maxPages
  return pages;
}

function fillOne(queue: FlowItem[], col: Box, opts: ColumnOptions): ColumnPage {
  const frames: Frame[] = [];
  const tooWide: TooWide[] = [];
  const colH = col.h * PT;
  const gapPt = PARAGRAPH_GAP * opts.size;
  let y = 0; // points from the column top where the next frame starts
  let buffer: LaidParagraph[] = [];
  let used = 0; // points of text in the buffer
  const pageEmpty = (): boolean => frames.length === 0 && buffer.length === 0;
  const width = innerWidth(col.w);

  const flush = (last: boolean): void => {
    if (buffer.length === 0) return;
    const pad = opts.fill ? PANEL_PAD * PT : 0;
    const h = last && !opts.tight ? colH - y : Math.min(colH - y, used + insetsH + pad);
    frames.push({
      kind: 'text',
      role: opts.role,
      box: { x: col.x, y: round4(col.y + y / PT), w: col.w, h: round4(h / PT) },
      valign: opts.valign,
      paragraphs: buffer,
      ...(opts.fill ? { fill: opts.fill } : {}),
    });
    y += h + gapPt;
    buffer = [];
    used = 0;
  };
  /** Points left for the text of the frame being built. */
  const room = (): number => colH - y - insetsH - used;

  while (queue.length > 0) {
    const item = queue[0];
    if (item.kind === 'para') {
      const laid = layPara(item, opts.size, width, opts.lineHeight, opts.fonts);
      const gap = buffer.length === 0 ? 0 : laid.para.spaceBefore;
      const para = { ...laid.para, spaceBefore: gap };
      const need = gap + laid.linesHeight;
      if (need <= room() + 0.01) {
        if (item.keepWithNext && !pageEmpty() && !nextFits(queue[1], need, room(), opts, width)) break;
        if (laid.broken.tooWide) tooWide.push({ token: laid.broken.tooWide.token, source: item.source });
        buffer.push(para);
        used += need;
        queue.shift();
        continue;
      }
      const n = laid.broken.lines.length;
      const fit = Math.floor((room() - gap + 0.01) / laid.para.lineHeight);
      let take = 0;
      if (pageEmpty()) take = Math.max(1, Math.min(fit, n - 1));
      else if (n >= 4 && fit >= 2) take = Math.min(fit, n - 2);
      if (take === 0) break;
      const starts = laid.broken.starts;
      if (laid.broken.tooWide) tooWide.push({ token: laid.broken.tooWide.token, source: item.source });
      buffer.push({
        ...para,
        runs: runsBetween(laid.para.runs, starts[0], starts[take]),
        lines: laid.para.lines.slice(0, take),
      });
      used += gap + take * laid.para.lineHeight;
      const rest: ParaSpec = { ...item, runs: sliceRuns(item.runs, starts[take]), gapBefore: 0 };
      delete rest.bullet;
      queue[0] = rest;
      break;
    }
    flush(false);
    const avail = (colH - y) / PT; // inches
    if (item.kind === 'table') {
      const m = measureTable(item.table, col.w, opts.tableSize, opts.lineHeight, opts.fonts);
      const from = item.from ?? 0;
      const total = item.table.rows.length;
      let h = m.rowHeights[0];
      let to = from;
      while (to < total && h + m.rowHeights[1 + to] <= avail + 1e-6) h += m.rowHeights[1 + to++];
      if (to === from && total > from && !pageEmpty()) break;
      if (to === from && total > from) to = from + 1;
      if (m.tooWide) tooWide.push({ token: m.tooWide, source: item.source });
      const frame = tableFrame(item.table, m, col.x, round4(col.y + y / PT), col.w, from, to);
      frames.push(frame);
      y += frame.box.h * PT + gapPt;
      if (to < total) {
        queue[0] = { ...item, from: to };
        break;
      }
      queue.shift();
      continue;
    }
    const caption = item.kind === 'image' ? captionPara(item.image.caption, item.image.credit, opts, width) : undefined;
    const captionH = caption ? (caption.lines.length * caption.lineHeight + insetsH) / PT : 0;
    const space = avail - captionH;
    if (space < MIN_VISUAL_H && !pageEmpty()) break;
    const boxH = Math.max(space, Math.min(MIN_VISUAL_H, avail));
    const top = round4(col.y + y / PT);
    if (item.kind === 'image') {
      const aspect = item.image.heightPx / Math.max(1, item.image.widthPx);
      let w = col.w;
      let h = w * aspect;
      if (h > boxH) {
        h = boxH;
        w = h / aspect;
      }
      frames.push({ kind: 'image', box: { x: round4(col.x + (col.w - w) / 2), y: top, w: round4(w), h: round4(h) }, image: item.image });
      y += h * PT;
      if (caption) {
        frames.push({ kind: 'text', role: 'caption', box: { x: col.x, y: round4(col.y + y / PT), w: col.w, h: round4(captionH) }, valign: 'top', paragraphs: [caption] });
        y += captionH * PT;
      }
    } else {
      const h = Math.min(boxH, col.w * 0.62);
      frames.push({ kind: 'chart', box: { x: col.x, y: top, w: col.w, h: round4(h) }, chart: item.chart });
      y += h * PT;
    }
    y += gapPt;
    queue.shift();
  }
  flush(true);
  return { frames, tooWide };
}

/** Would the first two lines of the item after a heading still fit below it? */
function nextFits(next: FlowItem | undefined, headingNeed: number, room: number, opts: ColumnOptions, width: number): boolean {
  if (!next || next.kind !== 'para') return true;
  const laid = layPara(next, opts.size, width, opts.lineHeight, opts.fonts);
  const lines = Math.min(2, laid.broken.lines.length);
  return headingNeed + laid.para.spaceBefore + lines * laid.para.lineHeight <= room + 0.01;
}

function captionPara(caption: string | undefined, credit: string | undefined, opts: ColumnOptions, width: number): LaidParagraph | undefined {
  const text = [caption, credit].filter(Boolean).join(' · ');
  if (!text) return undefined;
  const spec: ParaSpec = { kind: 'para', runs: [{ text }], scale: 1, color: 'muted', align: 'left', level: 0, gapBefore: 0 };
  return { ...layPara(spec, opts.captionSize, width, opts.lineHeight, opts.fonts).para, spaceBefore: 0 };
}
