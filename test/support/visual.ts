// Visual regression: rendered pages (LibreOffice → PDF → pdftoppm PNG) compared with golden PNGs
// committed under test/golden, with pixelmatch. Threshold 0.1 (pixelmatch's colour distance), and
// a page passes when at most 0.5 % of its pixels differ: enough slack for anti-aliasing noise,
// far too little for a moved line or a substituted font.
//
// Goldens are refreshed by running the golden tests with GOLDEN_UPDATE=1 (`npm run golden:update`).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export const PIXEL_THRESHOLD = 0.1;
export const MAX_DIFF_RATIO = 0.005;

export interface PngComparison {
  /** Pixels pixelmatch counts as different (anti-aliasing excluded); all pixels if sizes differ. */
  differingPixels: number;
  /** differingPixels / pixels of the golden, 0…1. */
  ratio: number;
  width: number;
  height: number;
  /** Set when the two images are not the same size (no pixel comparison then). */
  sizeMismatch?: { actual: [number, number]; golden: [number, number] };
}

const readPng = (file: string): PNG => PNG.sync.read(readFileSync(file));

/**
 * Compares two PNG files and writes a diff image to `diffOut` (different pixels red over a faded
 * copy of the golden). Sizes that differ count as every pixel different.
 */
export function comparePngs(actual: string, golden: string, diffOut: string): PngComparison {
  const a = readPng(actual);
  const g = readPng(golden);
  const { width, height } = g;
  mkdirSync(dirname(diffOut), { recursive: true });
  if (a.width !== width || a.height !== height) {
    // Nothing to line up: the diff image is the actual render, so one can still look at it.
    copyFileSync(actual, diffOut);
    return {
      differingPixels: width * height,
      ratio: 1,
      width,
      height,
      sizeMismatch: { actual: [a.width, a.height], golden: [width, height] },
    };
  }
  const diff = new PNG({ width, height });
  const differingPixels = pixelmatch(a.data, g.data, diff.data, width, height, {
    threshold: PIXEL_THRESHOLD,
    // Pages are opaque; if a render ever has transparency, judge it on paper-white.
    checkerboard: false,
  });
  writeFileSync(diffOut, PNG.sync.write(diff));
  return { differingPixels, ratio: differingPixels / (width * height), width, height };
}

export interface GoldenPageResult extends PngComparison {
  actual: string;
  golden: string;
  diff: string;
  ok: boolean;
}

export interface GoldenReport {
  /** True when every page is within MAX_DIFF_RATIO and the page counts agree. */
  ok: boolean;
  /** Goldens written instead of compared (GOLDEN_UPDATE=1). */
  updated: boolean;
  pages: GoldenPageResult[];
  /** Human-readable problems: missing goldens, page-count changes, pages over the limit. */
  problems: string[];
}

export const goldenUpdateRequested = (): boolean => process.env.GOLDEN_UPDATE === '1';

/**
 * Compares the rendered pages of one artifact (`actualPngs`, in page order) with the goldens
 * `<goldenDir>/<name>-<n>.png`; diff images go to `<diffDir>/<name>-<n>.diff.png`.
 * With `update` (default: GOLDEN_UPDATE=1) the renders become the goldens instead.
 */
export function compareWithGoldens(
  actualPngs: readonly string[],
  goldenDir: string,
  diffDir: string,
  name: string,
  opts: { update?: boolean; maxRatio?: number; label?: string } = {},
): GoldenReport {
  const label = opts.label ?? name;
  const update = opts.update ?? goldenUpdateRequested();
  const maxRatio = opts.maxRatio ?? MAX_DIFF_RATIO;
  const goldenOf = (i: number): string => join(goldenDir, `${name}-${i + 1}.png`);
  if (update) {
    mkdirSync(goldenDir, { recursive: true });
    actualPngs.forEach((png, i) => copyFileSync(png, goldenOf(i)));
    // A golden for a page that no longer exists would fail the next run; say so rather than guess.
    const extra = existsSync(goldenOf(actualPngs.length)) ? [`${basename(goldenOf(actualPngs.length))} is stale: delete it`] : [];
    return { ok: extra.length === 0, updated: true, pages: [], problems: extra };
  }
  const problems: string[] = [];
  const pages: GoldenPageResult[] = [];
  actualPngs.forEach((actual, i) => {
    const golden = goldenOf(i);
    if (!existsSync(golden)) {
      problems.push(`${label} page ${i + 1}: no golden ${golden} (run npm run golden:update)`);
      return;
    }
    const diff = join(diffDir, `${name}-${i + 1}.diff.png`);
    const c = comparePngs(actual, golden, diff);
    const ok = c.ratio <= maxRatio;
    pages.push({ ...c, actual, golden, diff, ok });
    if (c.sizeMismatch)
      problems.push(
        `${label} page ${i + 1}: size ${c.sizeMismatch.actual.join('×')} px, golden ${c.sizeMismatch.golden.join('×')} px; render in ${diff}`,
      );
    else if (!ok)
      problems.push(
        `${label} page ${i + 1}: ${(c.ratio * 100).toFixed(2)} % of pixels differ ` +
          `(limit ${(maxRatio * 100).toFixed(2)} %); diff in ${diff}, render in ${actual}`,
      );
  });
  if (existsSync(goldenOf(actualPngs.length)))
    problems.push(`${label}: ${actualPngs.length} pages rendered, but the goldens have more`);
  return { ok: problems.length === 0, updated: false, pages, problems };
}
