// Visual regression: every slide and page of the seed build, rendered at 50 dpi and compared with
// the goldens in test/golden/<artifact>/page-N.png (pixelmatch threshold 0.1, at most 0.5 % of a
// page's pixels may differ). The deck and the briefs go through LibreOffice, as a reader's PC would
// show them; the PDFs (handouts, deck.pdf) are rendered as they are.
// `npm run golden:update` (GOLDEN_UPDATE=1) writes the renders as the new goldens.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/fontconfig.js';
import { convertToPdf, requireSofficeOrSkip } from '../support/libreoffice.js';
import { pdfToPngs, requirePopplerOrSkip } from '../support/poppler.js';
import { processScratchDir, type SkipContext } from '../support/tools.js';
import { compareWithGoldens } from '../support/visual.js';
import { buildInto, PARTNERSHIPS } from '../e2e/cli.js';

const DPI = 50;
const GOLDEN_ROOT = join(REPO_ROOT, 'test', 'golden');
const OUT_ROOT = join(REPO_ROOT, 'test', '.out', 'golden');
const scratch = processScratchDir('golden');
const built = join(scratch, 'output');

beforeAll(async () => {
  const run = await buildInto(built);
  if (run.code !== 0) throw new Error(`build exited with ${run.code}:\n${run.stderr}${run.stdout}`);
});

interface Artifact {
  /** Folder name under test/golden. */
  name: string;
  /** Path in the output folder. */
  path: string;
  /** Rendered by LibreOffice first (PPTX, DOCX) or a PDF as it is. */
  viaLibreOffice: boolean;
}

const ARTIFACTS: Artifact[] = [
  { name: 'deck-pptx', path: 'deck.pptx', viaLibreOffice: true },
  { name: 'deck-pdf', path: 'deck.pdf', viaLibreOffice: false },
  ...PARTNERSHIPS.map((p) => ({ name: `brief-${p.slug}`, path: `briefs/${p.slug}.docx`, viaLibreOffice: true })),
  ...PARTNERSHIPS.map((p) => ({ name: `handout-${p.slug}`, path: `handouts/${p.slug}.pdf`, viaLibreOffice: false })),
  { name: 'handout-council', path: 'handouts/council.pdf', viaLibreOffice: false },
];

async function renderPages(ctx: SkipContext, a: Artifact): Promise<string[]> {
  if (a.viaLibreOffice) requireSofficeOrSkip(ctx);
  requirePopplerOrSkip(ctx);
  const source = join(built, a.path);
  const pdf = a.viaLibreOffice ? await convertToPdf(source, join(scratch, 'lo', a.name)) : source;
  return pdfToPngs(pdf, join(OUT_ROOT, 'renders', a.name, 'page'), DPI);
}

describe('visual regression against test/golden', () => {
  it.for(ARTIFACTS.map((a) => [a.name, a] as const))('%s looks as it did', async ([, a], ctx) => {
    const pages = await renderPages(ctx, a);
    expect(pages.length, `${a.name}: pages rendered`).toBeGreaterThan(0);
    const report = compareWithGoldens(pages, join(GOLDEN_ROOT, a.name), join(OUT_ROOT, 'diff', a.name), 'page', {
      label: a.name,
    });
    expect(report.ok, report.problems.join('\n')).toBe(true);
  });
});
