// The visual-regression helpers on synthetic images whose differences are known exactly.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './fontconfig.js';
import { comparePngs, compareWithGoldens } from './visual.js';

const OUT = join(REPO_ROOT, 'test', '.out', 'support', 'visual');

/** A white page with an optional black rectangle [x, y, w, h]. */
function page(file: string, width: number, height: number, box?: [number, number, number, number]): string {
  const png = new PNG({ width, height });
  png.data.fill(255);
  if (box) {
    const [bx, by, bw, bh] = box;
    for (let y = by; y < by + bh; y++)
      for (let x = bx; x < bx + bw; x++) {
        const i = (y * width + x) * 4;
        png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
      }
  }
  writeFileSync(file, PNG.sync.write(png));
  return file;
}

beforeEach(() => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
});

describe('comparePngs', () => {
  it('finds no difference between equal images', () => {
    const a = page(join(OUT, 'a.png'), 100, 50, [10, 10, 20, 20]);
    const b = page(join(OUT, 'b.png'), 100, 50, [10, 10, 20, 20]);
    expect(comparePngs(a, b, join(OUT, 'd.png'))).toEqual({ differingPixels: 0, ratio: 0, width: 100, height: 50 });
  });

  it('counts the pixels of a moved block and writes them red in the diff', () => {
    const a = page(join(OUT, 'a.png'), 100, 50, [10, 10, 20, 20]);
    const b = page(join(OUT, 'b.png'), 100, 50, [40, 10, 20, 20]);
    const r = comparePngs(a, b, join(OUT, 'd.png'));
    // Two disjoint 20×20 blocks: 800 pixels differ (pixelmatch may call a few edge pixels AA).
    expect(r.differingPixels).toBeGreaterThan(700);
    expect(r.differingPixels).toBeLessThanOrEqual(800);
    expect(r.ratio).toBeCloseTo(r.differingPixels / 5000, 10);
    const diff = PNG.sync.read(readFileSync(join(OUT, 'd.png')));
    const at = (x: number, y: number): number[] => [...diff.data.subarray((y * 100 + x) * 4, (y * 100 + x) * 4 + 3)];
    expect(at(20, 20)).toEqual([255, 0, 0]);
    expect(at(80, 40)).not.toEqual([255, 0, 0]);
  });

  it('reports a size change as every pixel different', () => {
    const a = page(join(OUT, 'a.png'), 100, 60);
    const b = page(join(OUT, 'b.png'), 100, 50);
    expect(comparePngs(a, b, join(OUT, 'd.png'))).toMatchObject({
      ratio: 1,
      differingPixels: 5000,
      sizeMismatch: { actual: [100, 60], golden: [100, 50] },
    });
  });
});

describe('compareWithGoldens', () => {
  it('writes goldens in update mode, then passes, then fails on a change with the diff path', () => {
    const goldens = join(OUT, 'golden');
    const diffs = join(OUT, 'diff');
    const render = (dx: number): string[] => [
      page(join(OUT, 'deck-1.png'), 200, 100, [10, 10, 50, 10]),
      page(join(OUT, 'deck-2.png'), 200, 100, [10 + dx, 40, 50, 10]),
    ];
    expect(compareWithGoldens(render(0), goldens, diffs, 'deck', { update: true })).toMatchObject({ ok: true, updated: true });
    expect(readFileSync(join(goldens, 'deck-2.png'))).toEqual(readFileSync(join(OUT, 'deck-2.png')));

    const same = compareWithGoldens(render(0), goldens, diffs, 'deck', { update: false });
    expect(same.ok).toBe(true);
    expect(same.pages.map((p) => p.differingPixels)).toEqual([0, 0]);

    // 1 px shift of a 50×10 block: 20 px of 20 000 = 0.1 %, under the 0.5 % limit.
    expect(compareWithGoldens(render(1), goldens, diffs, 'deck', { update: false }).ok).toBe(true);

    // 30 px shift: ~600 px = 3 %, over the limit.
    const moved = compareWithGoldens(render(30), goldens, diffs, 'deck', { update: false });
    expect(moved.ok).toBe(false);
    expect(moved.pages.map((p) => p.ok)).toEqual([true, false]);
    expect(moved.problems).toHaveLength(1);
    expect(moved.problems[0]).toContain(join(diffs, 'deck-2.diff.png'));
  });

  it('names missing goldens and a changed page count', () => {
    const goldens = join(OUT, 'golden');
    const one = [page(join(OUT, 'h-1.png'), 20, 20)];
    const missing = compareWithGoldens(one, goldens, join(OUT, 'diff'), 'h', { update: false });
    expect(missing.ok).toBe(false);
    expect(missing.problems[0]).toMatch(/no golden .*h-1\.png.*golden:update/);

    compareWithGoldens([...one, page(join(OUT, 'h-2.png'), 20, 20)], goldens, join(OUT, 'diff'), 'h', { update: true });
    const fewer = compareWithGoldens(one, goldens, join(OUT, 'diff'), 'h', { update: false });
    expect(fewer.problems).toEqual(['h: 1 pages rendered, but the goldens have more']);
  });
});
