/**
 * Placing broken lines on pages: widow/orphan control (never a single line of a paragraph alone
 * at the bottom or the top of a page) and the measurements that keep a heading with what follows.
 */
import type { Run } from '../../document/model.js';
import type { Column, FlowContext } from './flow-context.js';
import { faceFor } from './fonts.js';
import { breakLines, drawLine, measure, type Line, type PdfColor } from './text.js';

export interface TextStyle {
  size: number;
  bold?: boolean;
  italic?: boolean;
  color: PdfColor;
  /** Baseline distance; defaults to the brand's line height. */
  lineHeight?: number;
  spaceAfter: number;
  hyphenate: boolean;
  align?: 'left' | 'center' | 'right';
}

export interface Fragment {
  top: number;
  height: number;
  first: boolean;
  /** The fragment holds the text's last line. */
  last: boolean;
  /** Baseline of the fragment's first line. */
  baseline: number;
}

export interface PlaceOptions {
  /** Struct tag of the marked content ('P', 'H1', …). */
  tag: string;
  /** Drawn inside the fragment's marked content, as part of the text (list numbers). */
  decorate?: (fragment: Fragment) => void;
  /** Drawn behind the fragment as an artifact (quote bars, panels): not part of the text. */
  background?: (fragment: Fragment) => void;
  /** Minimum lines kept together at a page edge (2 = widow/orphan control). */
  keep?: number;
}

export function lineHeightOf(ctx: FlowContext, style: TextStyle): number {
  return style.lineHeight ?? ctx.lineHeight(style.size);
}

export function layoutText(ctx: FlowContext, runs: readonly Run[], col: Column, style: TextStyle): Line[] {
  return breakLines(ctx.doc, runs, {
    size: style.size,
    width: col.w,
    bold: style.bold,
    italic: style.italic,
    hyphenate: style.hyphenate ? ctx.options.hyphenate : undefined,
  });
}

/** How many lines to put on this page: all, or a split that leaves ≥ keep on each side, or none. */
export function linesToTake(rest: number, fit: number, keep: number): number {
  if (rest <= fit) return rest;
  let take = Math.min(fit, rest - keep);
  if (take < keep) take = 0;
  return take;
}

/** Places lines (already broken) from the cursor on, breaking pages with widow/orphan control. */
export function placeLines(ctx: FlowContext, lines: readonly Line[], col: Column, style: TextStyle, opts: PlaceOptions): void {
  const lh = lineHeightOf(ctx, style);
  const keep = opts.keep ?? 2;
  let i = 0;
  ctx.ensure(0);
  while (i < lines.length) {
    const fit = Math.floor((ctx.room() + 0.01) / lh);
    let take = linesToTake(lines.length - i, fit, keep);
    if (take === 0) {
      if (!ctx.atTop) {
        ctx.newPage();
        continue;
      }
      take = Math.max(1, Math.min(fit, lines.length - i));
    }
    const chunk = lines.slice(i, i + take);
    const top = ctx.y;
    const fragment: Fragment = { top, height: take * lh, first: i === 0, last: i + take >= lines.length, baseline: ctx.baseline(top, style.size, lh) };
    if (opts.background) ctx.tagger.artifact(() => opts.background?.(fragment));
    ctx.tagger.content(opts.tag, () => {
      opts.decorate?.(fragment);
      if (!ctx.dry) chunk.forEach((line, k) => {
        drawLine(ctx.doc, line.pieces, line.width, {
          x: col.x,
          baseline: ctx.baseline(top + k * lh, style.size, lh),
          size: style.size,
          color: style.color,
          linkColor: `#${ctx.brand.colors.primary}`,
          width: col.w,
          align: style.align,
          tagger: ctx.tagger,
        });
      });
    });
    ctx.y = top + take * lh;
    i += take;
    if (i < lines.length) ctx.newPage();
  }
  ctx.y += style.spaceAfter;
}

/**
 * A title broken into as many lines as greedy breaking needs, but evenly: the narrowest width that
 * still gives that many lines (so no word is left alone on the last line: «… Московской / области»
 * becomes «… муниципальных / образований Московской области»). Never narrower than the widest word.
 */
export function balancedLines(ctx: FlowContext, runs: readonly Run[], col: Column, style: TextStyle): Line[] {
  const greedy = layoutText(ctx, runs, col, style);
  if (greedy.length < 2) return greedy;
  const face = faceFor(style.bold, style.italic);
  const words = runs.flatMap((r) => ('text' in r ? r.text.split(/[ \n]+/) : []));
  let lo = Math.max(0, ...words.map((w) => measure(ctx.doc, face, style.size, w)));
  let hi = col.w;
  let best = greedy;
  for (let i = 0; i < 10 && hi - lo > 1; i++) {
    const mid = (lo + hi) / 2;
    const lines = layoutText(ctx, runs, { x: col.x, w: mid }, style);
    if (lines.length <= greedy.length) {
      best = lines;
      hi = mid;
    } else lo = mid;
  }
  return best;
}

/** Height the first `n` lines of a text take (for keep-with-next). */
export function leadOfText(ctx: FlowContext, lines: readonly Line[], style: TextStyle, n = 2): number {
  return Math.min(n, lines.length) * lineHeightOf(ctx, style);
}
