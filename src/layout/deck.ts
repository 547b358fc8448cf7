/**
 * documentToSlides' second half: a Deck of content slides becomes a LaidDeck of measured slides.
 * Each layout places its frames in the boxes of slideGeometry(brand); body text starts at the
 * brand's body size and steps down to its minimum until it fits, and what still does not fit
 * continues on slides titled «… (продолжение)». Nothing is clipped and nothing is dropped.
 */
import { createHash } from 'node:crypto';
import type { Deck, FactsBlock, Run, Slide } from '../document/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { Brand } from '../templates/brand-model.js';
import type { Box, Frame, LaidDeck, LaidSlide, TextFrame } from './model.js';
import { loadBrandFonts, type BrandFontSet } from './fonts.js';
import { slideGeometry, TEXT_INSET, WIDTH_SAFETY, type SlideGeometry } from './slide-geometry.js';
import { blocksToItems, layPara, type FlowItem, type ParaSpec } from './paragraphs.js';
import { fillColumns, type ColumnOptions, type ColumnPage, type TooWide } from './column.js';
import { round4 } from './table.js';
import { tokenForMessage } from './layout-diagnostics.js';
import { brandFontsStamp } from '../templates/asset-stamp.js';

export interface LayoutOptions {
  /** Appended to a continued slide's title; default by the deck's language: «(продолжение)» / "(continued)". */
  continuedSuffix?: string;
  /** Called before each slide; may throw to abandon the layout (the slides laid so far stay remembered). */
  checkpoint?: () => void;
}

export interface LayoutResult {
  deck: LaidDeck;
  diagnostics: Diagnostic[];
}

const PT = 72;
/** The body column of a partnership slide when a facts panel or photo sits beside it. */
const TEXT_SHARE = 0.64;
const SIDE_SHARE = 0.32;

interface Ctx {
  brand: Brand;
  fonts: BrandFontSet;
  geo: SlideGeometry;
  suffix: string;
}

/** A slide before numbering, with the too-wide tokens found on it. */
interface Draft {
  slide: Omit<LaidSlide, 'number'>;
  tooWide: TooWide[];
  /** Index of the source slide, for the continuation diagnostic. */
  origin: number;
}

export function layoutDeck(deck: Deck, brand: Brand, options: LayoutOptions = {}): LayoutResult {
  const ctx: Ctx = {
    brand,
    fonts: loadBrandFonts(brand.fonts.files),
    geo: slideGeometry(brand),
    suffix: options.continuedSuffix ?? (deck.meta.lang === 'en' ? '(continued)' : '(продолжение)'),
  };
  const drafts: Draft[] = [];
  const memo = slideMemo(brand, ctx.suffix);
  deck.slides.forEach((slide, origin) => {
    options.checkpoint?.();
    for (const d of memo(slide, () => laySlide(slide, ctx))) drafts.push({ ...d, origin });
  });
  const slides: LaidSlide[] = drafts.map((d, i) => ({ ...d.slide, number: i + 1 }));
  return { deck: { meta: deck.meta, brand, slides }, diagnostics: diagnose(deck, drafts) };
}

/**
 * Laid slides remembered by what they were made from (the slide, the brand, the suffix), for the
 * next layout in this process: a watch rebuild after one partnership changed lays out one slide
 * again, not three hundred. Only the slides of the latest deck are kept. Callers never modify a
 * laid slide (numbering copies it), so the same objects can be handed out again.
 */
let remembered: { brand: string; slides: Map<string, LaidDraft[]> } | undefined;

/** Forgets every remembered slide (tests compare with a layout from scratch). */
export function forgetLaidSlides(): void {
  remembered = undefined;
}

function slideMemo(brand: Brand, suffix: string): (slide: Slide, lay: () => LaidDraft[]) => LaidDraft[] {
  // The faces' files as they are now: a face replaced in place (watch) lays every slide out again.
  const brandKey = `${JSON.stringify(brand)}\0${brandFontsStamp(brand.fonts.files)}\0${suffix}`;
  const previous = remembered?.brand === brandKey ? remembered.slides : undefined;
  const slides = new Map<string, LaidDraft[]>();
  remembered = { brand: brandKey, slides };
  return (slide, lay) => {
    const key = JSON.stringify(slide, withImageDigests);
    const laid = slides.get(key) ?? previous?.get(key) ?? lay();
    slides.set(key, laid);
    return laid;
  };
}

/** Image bytes stand in the key as their digest (JSON of a Buffer is a number per byte). */
const digests = new WeakMap<Uint8Array, string>();
function withImageDigests(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || (value as { kind?: unknown }).kind !== 'image') return value;
  const data = (value as { data?: unknown }).data;
  if (!(data instanceof Uint8Array)) return value;
  let digest = digests.get(data);
  if (!digest) digests.set(data, (digest = createHash('sha256').update(data).digest('hex')));
  return { ...value, data: digest };
}

function diagnose(deck: Deck, drafts: Draft[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  drafts.forEach((d, i) => {
    const number = i + 1;
    const seen = new Set<string>();
    for (const t of d.tooWide) {
      if (seen.has(t.token)) continue;
      seen.add(t.token);
      out.push(diagnostic('layout-token-too-wide', { slide: number, token: tokenForMessage(t.token) }, t.source ?? d.slide.source));
    }
    if (!d.slide.continued && drafts[i + 1]?.slide.continued) {
      let last = i + 1;
      while (drafts[last + 1]?.slide.continued && drafts[last + 1].origin === d.origin) last++;
      const range = last === i + 1 ? `${i + 2}` : `${i + 2}–${last + 1}`;
      out.push(diagnostic('layout-continued', { slide: number, title: plain(deck.slides[d.origin].title), range }, d.slide.source));
    }
  });
  return out;
}

const plain = (runs: readonly Run[]): string => runs.map((r) => ('text' in r ? r.text : ' ')).join('').replace(/\u00AD/g, '');

type LaidDraft = Omit<Draft, 'origin'>;

function laySlide(slide: Slide, ctx: Ctx): LaidDraft[] {
  switch (slide.layout) {
    case 'title':
      return [layTitleSlide(slide, ctx)];
    case 'section':
      return [laySection(slide, ctx)];
    case 'statement':
      return layFlow(slide, ctx, { start: ctx.brand.slide.titleSize - 4, valign: 'middle', role: 'statement', side: false });
    case 'list':
      return layFlow(slide, ctx, { start: ctx.brand.slide.titleSize - 4, valign: 'top', role: 'body', side: false });
    case 'partnership':
      return layFlow(slide, ctx, { start: ctx.brand.slide.bodySize, valign: 'top', role: 'body', side: true });
  }
}

/** Sizes from `start` down to `min` in 1-pt steps (sizes are whole points, so PowerPoint shows them as typed). */
function sizes(start: number, min: number): number[] {
  const out: number[] = [];
  for (let s = Math.floor(start); s > min; s--) out.push(s);
  out.push(min);
  return out;
}

/**
 * A text frame of one or more paragraphs at the largest size from `start` down to `min` that fits
 * `box`; if even `min` does not fit, the box grows downwards (never clipped) by as much as needed.
 */
function fitFrame(specs: ParaSpec[], box: Box, start: number, min: number, role: TextFrame['role'], valign: TextFrame['valign'], ctx: Ctx): { frame: TextFrame; tooWide: TooWide[] } {
  const inner = (box.w - TEXT_INSET.left - TEXT_INSET.right) * PT * WIDTH_SAFETY;
  const innerH = (box.h - TEXT_INSET.top - TEXT_INSET.bottom) * PT;
  let result: { frame: TextFrame; tooWide: TooWide[] } | undefined;
  for (const size of sizes(start, min)) {
    const tooWide: TooWide[] = [];
    let height = 0;
    const paragraphs = specs.map((spec, i) => {
      const laid = layPara(spec, size, inner, ctx.brand.slide.lineHeight, ctx.fonts);
      if (laid.broken.tooWide) tooWide.push({ token: laid.broken.tooWide.token, source: spec.source });
      const para = i === 0 ? { ...laid.para, spaceBefore: 0 } : laid.para;
      height += para.spaceBefore + laid.linesHeight;
      return para;
    });
    const fits = height <= innerH + 0.01 && tooWide.length === 0;
    const grown = fits ? box : { ...box, h: round4(Math.max(box.h, (height + 0.5) / PT + TEXT_INSET.top + TEXT_INSET.bottom)) };
    result = { frame: { kind: 'text', role, box: grown, valign, paragraphs }, tooWide };
    if (fits) break;
  }
  return result!;
}

function titleSpec(runs: Run[], ctx: Ctx, align: ParaSpec['align'] = 'left'): ParaSpec {
  return { kind: 'para', runs, scale: 1, bold: true, color: 'primary', align, level: 0, gapBefore: 0 };
}

function layTitleSlide(slide: Slide, ctx: Ctx): LaidDraft {
  const { cover } = ctx.geo;
  const s = ctx.brand.slide;
  const frames: Frame[] = [];
  const tooWide: TooWide[] = [];
  if (slide.title.length > 0) {
    const name = fitFrame([{ ...titleSpec(slide.title, ctx), source: slide.source }], cover.name, s.titleSize + 4, s.minBodySize, 'title', 'bottom', ctx);
    frames.push(name.frame);
    tooWide.push(...name.tooWide);
  }
  if (slide.subtitle.length > 0) {
    const spec: ParaSpec = { kind: 'para', runs: slide.subtitle, scale: 1, color: 'text', align: 'left', level: 0, gapBefore: 0, source: slide.source };
    const person = fitFrame([spec], cover.person, s.bodySize, s.minBodySize, 'subtitle', 'top', ctx);
    frames.push(person.frame);
    tooWide.push(...person.tooWide);
  }
  const body = blocksToItems(slide.blocks);
  if (body.length > 0) {
    // A title slide has no body box; anything extra goes under the person block.
    const box = { ...cover.person, y: cover.person.y + cover.person.h, h: Math.max(0.5, ctx.geo.slide.h - cover.person.y - cover.person.h - 0.2) };
    const pages = fillColumns(body, () => box, columnOptions(ctx, s.minBodySize, 'body', 'top'));
    for (const p of pages) frames.push(...p.frames), tooWide.push(...p.tooWide);
  }
  return { slide: { layout: 'title', frames, notes: slide.notes, continued: false, ...(slide.source ? { source: slide.source } : {}) }, tooWide };
}

function laySection(slide: Slide, ctx: Ctx): LaidDraft {
  const { body, title } = ctx.geo;
  const box: Box = { x: body.x, y: title.y, w: body.w, h: body.y + body.h - title.y };
  const s = ctx.brand.slide;
  const fit = fitFrame([{ ...titleSpec(slide.title, ctx, 'center'), source: slide.source }], box, Math.round(s.titleSize * 1.4), s.minBodySize, 'title', 'middle', ctx);
  return { slide: { layout: 'section', frames: [fit.frame], notes: slide.notes, continued: false, ...(slide.source ? { source: slide.source } : {}) }, tooWide: fit.tooWide };
}

interface FlowStyle {
  start: number;
  valign: TextFrame['valign'];
  role: TextFrame['role'];
  /** Facts, photos and charts in a column on the right (partnership). */
  side: boolean;
}

function columnOptions(ctx: Ctx, size: number, role: TextFrame['role'], valign: TextFrame['valign']): ColumnOptions {
  const s = ctx.brand.slide;
  return {
    fonts: ctx.fonts,
    size,
    tableSize: Math.max(s.minBodySize, size - 4),
    captionSize: s.minBodySize,
    lineHeight: s.lineHeight,
    role,
    valign,
  };
}

function factsItems(facts: FactsBlock): ParaSpec[] {
  return facts.facts.flatMap((f, i): ParaSpec[] => [
    { kind: 'para', runs: [{ text: f.label }], scale: 1, color: 'muted', align: 'left', level: 0, gapBefore: i === 0 ? 0 : 0.6, keepWithNext: true, source: facts.source },
    { kind: 'para', runs: f.value, scale: 1, bold: true, color: 'text', align: 'left', level: 0, gapBefore: 0.05, source: facts.source },
  ]);
}

function layFlow(slide: Slide, ctx: Ctx, style: FlowStyle): LaidDraft[] {
  const s = ctx.brand.slide;
  const g = ctx.geo;
  const hasTitle = slide.title.length > 0;
  // Without a title (the messaging slide) the text may use the title's band too.
  const titles = hasTitle
    ? {
        first: fitFrame([{ ...titleSpec(slide.title, ctx), source: slide.source }], g.title, s.titleSize, s.minBodySize, 'title', 'middle', ctx),
        continued: fitFrame([{ ...titleSpec([...slide.title, { text: ` ${ctx.suffix}` }], ctx), source: slide.source }], g.title, s.titleSize, s.minBodySize, 'title', 'middle', ctx),
      }
    : { first: undefined, continued: undefined };
  // A title too long even at the minimum size grew its box: the body moves down by as much.
  const grow = Math.max(0, (titles.first?.frame.box.h ?? 0) - g.title.h, (titles.continued?.frame.box.h ?? 0) - g.title.h);
  const body: Box = { ...g.body, y: round4(g.body.y + grow), h: round4(g.body.h - grow) };
  const area: Box = hasTitle ? body : { ...g.body, y: g.title.y, h: g.body.y + g.body.h - g.title.y };
  const gutter = area.w * (1 - TEXT_SHARE - SIDE_SHARE);
  const leftBox: Box = { ...area, w: round4(area.w * TEXT_SHARE) };
  const sideBox: Box = { ...area, x: round4(area.x + leftBox.w + gutter), w: round4(area.w * SIDE_SHARE) };

  let main: FlowItem[] = blocksToItems(slide.blocks);
  const side: FlowItem[] = [];
  if (style.side) {
    for (const b of slide.blocks) if (b.kind === 'facts') side.push(...factsItems(b));
    side.push(...main.filter((i) => i.kind === 'image' || i.kind === 'chart'));
    main = main.filter((i) => i.kind !== 'image' && i.kind !== 'chart');
  }

  // The side column: the largest size at which facts, photos and charts all stay on the first
  // slide; failing that, the largest that keeps at least the facts there (a photo pushed alone
  // onto a continuation slide, beside an empty text column, looks like a mistake).
  let sidePages: ColumnPage[] = [];
  if (side.length > 0) {
    let factsFit: ColumnPage[] | undefined;
    for (const size of sizes(s.bodySize - 4, s.minBodySize)) {
      const opts = { ...columnOptions(ctx, size, 'facts', 'top'), fill: 'panel' as const, tight: true };
      sidePages = fillColumns(side, () => sideBox, opts);
      if (sidePages.length <= 1) break;
      const factsSpill = sidePages.slice(1).some((p) => p.frames.some((f) => f.kind === 'text' && f.role === 'facts'));
      if (!factsSpill) factsFit ??= sidePages;
    }
    if (sidePages.length > 1 && factsFit) sidePages = factsFit;
  }
  // Continuation slides keep the first slide's text column: the same line length and position on
  // every part (full-width lines at body size run past 100 characters, too long to read aloud from).
  const columnFor = (): Box => (side.length > 0 ? leftBox : area);

  // The main column: the largest size at which everything fits on one slide, else the minimum and continue.
  // The largest size at which everything fits on one slide; if even the minimum needs more slides,
  // the largest size that needs no more slides than the minimum does (a story that must continue
  // anyway should not be set in the smallest type). Slide count never grows as the size shrinks.
  const candidates = sizes(style.start, s.minBodySize);
  const lay = (size: number, maxPages?: number): ColumnPage[] =>
    fillColumns(main, columnFor, columnOptions(ctx, size, style.role, style.valign), maxPages);
  let pages = lay(s.minBodySize, 1);
  if (pages.length <= 1) {
    // Fits at the minimum: binary search for the largest size that still fits on one slide.
    let lo = 0;
    let hi = candidates.length - 2; // the last candidate is the minimum, already laid out
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const trial = lay(candidates[mid], 1);
      if (trial.length <= 1) {
        pages = trial;
        hi = mid - 1;
      } else lo = mid + 1;
    }
  } else {
    // Continues anyway: step up from the minimum while the slide count stays the same (usually a
    // point or two, so stepping up costs fewer full paginations than a binary search).
    pages = lay(s.minBodySize);
    const target = pages.length;
    for (let i = candidates.length - 2; i >= 0; i--) {
      const trial = lay(candidates[i], target);
      if (trial.length > target) break;
      pages = trial;
    }
  }
  const count = Math.max(1, pages.length, sidePages.length);
  const drafts: LaidDraft[] = [];
  for (let k = 0; k < count; k++) {
    const frames: Frame[] = [];
    const tooWide: TooWide[] = [];
    const title = k === 0 ? titles.first : titles.continued;
    if (title) {
      frames.push(title.frame);
      tooWide.push(...title.tooWide);
    }
    for (const page of [pages[k], sidePages[k]]) {
      if (!page) continue;
      frames.push(...page.frames);
      tooWide.push(...page.tooWide);
    }
    drafts.push({
      slide: {
        layout: slide.layout,
        frames,
        notes: k === 0 ? slide.notes : [],
        continued: k > 0,
        ...(slide.source ? { source: slide.source } : {}),
      },
      tooWide,
    });
  }
  return drafts;
}
