/**
 * A one-partnership handout is a designed page, not the first page of a report that stops after
 * 40 % of the sheet. When the whole document fits on one A4 page, it is set as large as still fits:
 * the brand's page sizes scaled by up to FIT_SCALES[0] (body type most, headings and small print
 * less, leading a little looser), photos capped so they leave the text its room, and the council's
 * pull quote that closes the page anchored to the foot of the page, where a designed sheet ends.
 * The choice is made by trial layouts that measure and break lines but draw nothing, so the page
 * is filled by the real line breaks, never by an estimate. A combined handout whose sections
 * (cover, one page per partnership) each fit their page gets one larger scale for all of them.
 */
import type { Block } from '../../document/model.js';
import type { Brand } from '../../templates/brand-model.js';
import { MM } from './document.js';

/** Scales tried, largest first (1.25 sets the brand's 11-pt body in 13.75 pt). */
export const FIT_SCALES: readonly number[] = [1.25, 1.2, 1.15, 1.1, 1.05, 1];
/** A photo on a one-page handout is at most this share of the text area's height. */
export const FIT_IMAGE_SHARES: readonly number[] = [0.32, 0.24];
/** Space the pull quote keeps below itself (flow-blocks renderPullQuote), given back when anchoring. */
const AFTER_PULL_QUOTE = 6 * MM;

export interface TrialSettings {
  imageMaxShare: number;
}

export interface TrialResult {
  pages: number;
  /** Points left under the last block on the last page. */
  room: number;
}

export interface PageFit {
  /** The brand with its page sizes scaled. */
  brand: Brand;
  scale: number;
  imageMaxShare: number;
  /** Extra space before block `index`, which moves the closing pull quote to the foot of the page. */
  anchor?: { index: number; gap: number };
  /** Extra space before each of the blocks `from`…`to` (inclusive): the story breathes a little. */
  spread?: { from: number; to: number; each: number };
}

/** Points of extra space a fitted page puts before block `i`. */
export function extraSpaceBefore(fit: PageFit | undefined, i: number): number {
  if (!fit) return 0;
  let extra = 0;
  if (fit.spread && i >= fit.spread.from && i <= fit.spread.to) extra += fit.spread.each;
  if (fit.anchor && i === fit.anchor.index) extra += fit.anchor.gap;
  return extra;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The brand's page sizes at `scale`: body type by the full factor, the rest by part of it. */
export function scaledBrand(brand: Brand, scale: number): Brand {
  if (scale === 1) return brand;
  const p = brand.page;
  const k = (v: number, share: number): number => round2(v * (1 + (scale - 1) * share));
  return {
    ...brand,
    page: {
      ...p,
      bodySize: k(p.bodySize, 1),
      titleSize: k(p.titleSize, 0.5),
      heading1Size: k(p.heading1Size, 0.6),
      heading2Size: k(p.heading2Size, 0.6),
      smallSize: k(p.smallSize, 0.5),
      lineHeight: round2(p.lineHeight + (scale - 1) * 0.3),
    },
  };
}

/** The share of the page's text height a one-page trial used (margins from the brand, in mm). */
function usedShare(brand: Brand, result: TrialResult): number {
  const p = brand.page;
  const height = (p.height - p.margins.top - p.margins.bottom) * MM;
  return height > 0 ? 1 - result.room / height : 1;
}

const isPullQuote = (b: Block | undefined): boolean =>
  b?.kind === 'quote' && b.blocks.length > 0 && b.blocks.every((x) => x.kind === 'paragraph');

/** The block the closing group starts at: the heading over a final pull quote, or the quote itself. */
export function closingGroup(blocks: readonly Block[]): number | undefined {
  const last = blocks.length - 1;
  if (!isPullQuote(blocks[last])) return undefined;
  return blocks[last - 1]?.kind === 'heading' ? last - 1 : last;
}

/** Sections of up to this many pages share one scale; a larger combined handout keeps the brand's sizes. */
export const MAX_FITTED_SECTIONS = 12;

/**
 * A document of page-starting sections (the combined handout: cover, then one page per
 * partnership): one scale for all of them, the largest at which each section still keeps to its
 * one page, so the type is the same size throughout. Nothing is anchored: the pages differ.
 */
function fitSections(sections: number, brand: Brand, trial: (brand: Brand, settings: TrialSettings) => TrialResult): PageFit | undefined {
  if (sections > MAX_FITTED_SECTIONS) return undefined;
  const imageMaxShare = FIT_IMAGE_SHARES[0]!;
  if (trial(brand, { imageMaxShare }).pages > sections) return undefined;
  // The combined handout's sections are short pages: most often the largest scale fits, and one trial settles it.
  const fits = (i: number): boolean => trial(scaledBrand(brand, FIT_SCALES[i]!), { imageMaxShare }).pages <= sections;
  const last = FIT_SCALES.length - 1;
  const best = fits(0) ? 0 : largestFitting(fits, 1, last - 1, last);
  return { brand: scaledBrand(brand, FIT_SCALES[best]!), scale: FIT_SCALES[best]!, imageMaxShare };
}

/**
 * The index of the largest scale in FIT_SCALES[lo…hi] that fits, by halving; `fallback` when none
 * does (a scale known to fit). `fits` lays the document out at FIT_SCALES[i].
 */
function largestFitting(fits: (i: number) => boolean, lo: number, hi: number, fallback: number): number {
  let best = fallback;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) {
      best = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return best;
}

/**
 * The settings for a one-page document, or undefined when it needs more than one page even with
 * its photos at their smallest cap (or asks for page breaks). `trial` lays the document out
 * without drawing and reports its pages and the room left.
 */
export function fitOnePage(blocks: readonly Block[], brand: Brand, trial: (brand: Brand, settings: TrialSettings) => TrialResult): PageFit | undefined {
  const sections = 1 + blocks.filter((b) => b.kind === 'heading' && b.pageBreakBefore).length;
  if (sections > 1) return fitSections(sections, brand, trial);
  const hasImage = blocks.some((b) => b.kind === 'image');
  const shares = hasImage ? FIT_IMAGE_SHARES : FIT_IMAGE_SHARES.slice(0, 1);
  for (const imageMaxShare of shares) {
    const base = trial(brand, { imageMaxShare });
    if (base.pages > 1) continue;
    // Fits at the brand's sizes: the largest scale that still fits (fitting shrinks as scale grows).
    const results = new Map<number, TrialResult>([[FIT_SCALES.length - 1, base]]);
    const fits = (i: number): boolean => {
      let result = results.get(i);
      if (!result) results.set(i, (result = trial(scaledBrand(brand, FIT_SCALES[i]!), { imageMaxShare })));
      return result.pages <= 1;
    };
    // The first trial after the base is at the largest scale at which the page would still fit if
    // its height grew in proportion to the scale (on the shipped handouts it grows a little slower:
    // the photo and the facts panel keep their size), or at the next scale up when that is the
    // brand's own; then the neighbouring scale on the side it leaves open, then halving. Most
    // handouts take one or two trials after the base where halving took two or three. Only the
    // order of the trials depends on this guess, never the scale chosen.
    const last = FIT_SCALES.length - 1;
    const used = usedShare(brand, base);
    const predicted = FIT_SCALES.findIndex((scale) => used * scale <= 1);
    const guess = predicted < 0 ? last - 1 : Math.min(predicted, last - 1);
    let at: number;
    if (fits(guess)) at = guess === 0 || !fits(guess - 1) ? guess : largestFitting(fits, 0, guess - 2, guess - 1);
    else at = fits(guess + 1) ? guess + 1 : largestFitting(fits, guess + 2, last - 1, last);
    const best = { scale: FIT_SCALES[at]!, result: results.get(at)! };
    const fitted = scaledBrand(brand, best.scale);
    const index = closingGroup(blocks);
    const fit: PageFit = { brand: fitted, scale: best.scale, imageMaxShare };
    // Half a point short of the margin, so rounding can never push the quote onto a second page.
    const slack = best.result.room + AFTER_PULL_QUOTE - 0.5;
    if (index === undefined || slack <= 1) return fit;
    // Up to three quarters of a body line more between the story's blocks; the rest opens above the closing quote.
    const line = fitted.page.bodySize * fitted.page.lineHeight;
    const from = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1) + 2;
    // A photo set beside the facts panel (flow.ts) is not a gap of its own.
    const beside = (j: number): boolean => blocks[j]?.kind === 'image' && blocks[j - 1]?.kind === 'facts';
    let gaps = 0;
    for (let j = from; j < index; j++) if (!beside(j)) gaps++;
    const each = gaps > 0 ? Math.min(line * 0.75, slack / (gaps + 2)) : 0;
    if (each > 0.5) fit.spread = { from, to: index - 1, each };
    fit.anchor = { index, gap: slack - (fit.spread ? each * gaps : 0) };
    return fit;
  }
  return undefined;
}
