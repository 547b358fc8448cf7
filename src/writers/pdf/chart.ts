/**
 * A simple vector bar chart drawn with pdfkit paths, shared by the handouts and deck.pdf so a
 * chart looks the same in both. Only what the data gives: no invented trend lines, values
 * printed on the bars so the figures are readable without a ruler.
 */
import type { ChartBlock } from '../../document/model.js';
import type { Box } from '../../layout/model.js';
import type { BrandColors } from '../../templates/brand-model.js';
import { useFace } from './fonts.js';
import { measure, printColor } from './text.js';
import { drawText } from './fast-text.js';

export interface ChartStyle {
  colors: BrandColors;
  /** Label size in points; the title is drawn 2 pt larger. */
  size: number;
  /** Draw the chart's title above the plot. */
  showTitle: boolean;
}

/**
 * A "nice" axis: a step of 1, 2, 2.5 or 5 × 10^n giving about four intervals (never 2.5 × 1 for
 * whole-number data: counts of delegations read badly as 2,5 / 7,5), and the first multiple of
 * the step at or above the data's maximum.
 */
export function niceAxis(max: number, integers: boolean): { max: number; step: number } {
  if (max <= 0) return { max: 1, step: 1 };
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const steps = [1, 2, 2.5, 5, 10].map((m) => m * pow).filter((st) => !integers || Number.isInteger(st));
  const step = steps.find((st) => st >= raw) ?? Math.max(1, 10 * pow);
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

/** Made on first use: the first Intl.NumberFormat of a process loads ICU's locale data (~15 ms), and most builds draw no chart. */
let numberFormat: Intl.NumberFormat | undefined;
/** Up to a dozen categories read best as columns (the PPTX writer's threshold too). */
const MAX_BAR_CATEGORIES = 12;

const formatValue = (v: number): string => (numberFormat ??= new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 })).format(v);

/** Draws the chart inside `box` (points). */
export function drawBarChart(doc: PDFKit.PDFDocument, chart: ChartBlock, box: Box, style: ChartStyle): void {
  const { colors, size } = style;
  const text = printColor(colors.text);
  const muted = `#${colors.muted}`;
  const seriesColors = [colors.primary, colors.accent, colors.muted].map((c) => `#${c}`);
  let top = box.y;
  if (style.showTitle && chart.title) {
    useFace(doc, 'bold').fontSize(size + 2).fillColor(text);
    drawText(doc, chart.title, box.x, top + size + 2);
    top += (size + 2) * 1.6;
  }
  const multi = chart.series.length > 1;
  const legendH = multi ? size * 1.8 : 0;
  const values = chart.series.flatMap((s) => s.values);
  const axis = niceAxis(Math.max(0, ...values), values.every((v) => Number.isInteger(v)));
  const max = axis.max;
  const ticks = Math.round(max / axis.step);
  const axisLabelW = Math.max(...Array.from({ length: ticks + 1 }, (_, i) => measure(doc, 'regular', size, formatValue((max / ticks) * i)))) + 6;
  const plot = {
    x: box.x + axisLabelW,
    y: top + size,
    w: box.w - axisLabelW,
    h: box.y + box.h - legendH - size * 2 - (top + size),
  };
  const yOf = (v: number): number => plot.y + plot.h - (v / max) * plot.h;

  // Grid lines and the value axis.
  doc.save().lineWidth(0.4).strokeColor(`#${colors.panel}`);
  for (let i = 0; i <= ticks; i++) {
    const v = (max / ticks) * i;
    const y = yOf(v);
    if (i > 0) doc.moveTo(plot.x, y).lineTo(plot.x + plot.w, y).stroke();
    const label = formatValue(v);
    useFace(doc, 'regular').fontSize(size).fillColor(muted);
    drawText(doc, label, plot.x - 4 - measure(doc, 'regular', size, label), y + size * 0.35);
  }
  doc.restore();
  doc.save().lineWidth(0.8).strokeColor(muted);
  doc.moveTo(plot.x, plot.y).lineTo(plot.x, plot.y + plot.h).lineTo(plot.x + plot.w, plot.y + plot.h).stroke();
  doc.restore();

  const groups = Math.max(1, chart.labels.length);
  const groupW = plot.w / groups;
  const colorOf = (si: number): string => seriesColors[si % seriesColors.length]!;
  if (chart.labels.length > MAX_BAR_CATEGORIES) {
    // Long series (many years) read better as lines, as the PPTX writer draws them.
    chart.series.forEach((series, si) => {
      const points = chart.labels.map((_, gi) => [plot.x + gi * groupW + groupW / 2, yOf(series.values[gi] ?? 0)] as const);
      doc.save().lineWidth(1.6).strokeColor(colorOf(si)).lineJoin('round');
      points.forEach(([x, y], i) => (i ? doc.lineTo(x, y) : doc.moveTo(x, y)));
      doc.stroke().restore();
      for (const [x, y] of points) doc.circle(x, y, 1.6).fill(colorOf(si));
    });
  } else {
    // Bars: one group per category, one bar per series, the value printed on each.
    const barW = Math.min((groupW * 0.7) / chart.series.length, size * 4);
    chart.labels.forEach((_, gi) => {
      const gx = plot.x + gi * groupW + (groupW - barW * chart.series.length) / 2;
      chart.series.forEach((series, si) => {
        const v = series.values[gi] ?? 0;
        const x = gx + si * barW;
        const y = yOf(v);
        doc.rect(x + 1, y, barW - 2, plot.y + plot.h - y).fill(colorOf(si));
        const vl = formatValue(v);
        const vw = measure(doc, 'bold', size, vl);
        useFace(doc, 'bold').fontSize(size).fillColor(text);
        drawText(doc, vl, x + barW / 2 - vw / 2, y - size * 0.35);
      });
    });
  }
  // Category labels; with many categories only every n-th, so they never overlap.
  const widest = Math.max(0, ...chart.labels.map((l) => measure(doc, 'regular', size, l)));
  const every = Math.max(1, Math.ceil((widest + size) / groupW));
  chart.labels.forEach((label, gi) => {
    if (gi % every !== 0) return;
    const lw = measure(doc, 'regular', size, label);
    useFace(doc, 'regular').fontSize(size).fillColor(text);
    drawText(doc, label, plot.x + gi * groupW + groupW / 2 - lw / 2, plot.y + plot.h + size * 1.3);
  });

  if (multi) {
    let lx = plot.x;
    const ly = box.y + box.h - size * 0.6;
    chart.series.forEach((series, si) => {
      doc.rect(lx, ly - size * 0.75, size * 0.8, size * 0.8).fill(seriesColors[si % seriesColors.length]!);
      useFace(doc, 'regular').fontSize(size).fillColor(text);
      drawText(doc, series.name, lx + size * 1.2, ly);
      lx += size * 2.4 + measure(doc, 'regular', size, series.name);
    });
  }
}

/** A sentence describing the chart, for the Figure's alt text. */
export function chartAltText(chart: ChartBlock): string {
  const parts = chart.series.map(
    (s) => `${s.name}: ${chart.labels.map((l, i) => `${l} — ${formatValue(s.values[i] ?? 0)}`).join(', ')}`,
  );
  return `${chart.title}. ${parts.join('; ')}`;
}
