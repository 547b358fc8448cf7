// Issue 7 under stress: test/fixtures/projects/long-photos-chart holds a very long partnership
// story with two photos (drawn by the project) and `timeline:` data, built with the shipped
// templates. The deck goes through LibreOffice and every word must lie on its slide; the long
// story continues on «(продолжение)» slides; the timeline is a native chart in the PPTX, a table
// in the brief and a vector chart in the handout; every photo carries its alt text in all formats.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/fontconfig.js';
import { convertToPdf, requireSofficeOrSkip } from '../support/libreoffice.js';
import { readZip, slideParts, slideTexts } from '../support/ooxml.js';
import { pdfBBoxWords, pdfText, pdfToPngs, requirePopplerOrSkip } from '../support/poppler.js';
import { processScratchDir, toolAvailable } from '../support/tools.js';
import { runCli } from './cli.js';
import { docxTables, xmlOf } from './read-back.js';

const FIXTURE = join(REPO_ROOT, 'test/fixtures/projects/long-photos-chart/content');
const scratch = processScratchDir('layout-stress');
const out = join(scratch, 'output');
const YEARS = ['1992', '1993', '1994', '1995', '1996', '1997', '1998', '1999'];
const VALUES = [2, 5, 7, 4, 6, 9, 3, 8];
const ALTS = ['Схематичная карта: дуга через Атлантику от Ла-Кросса к Дубне', 'Эмблема Совета — два кольца и буквы СМО в круге'];
/** Alt text compared with the typograph's spaces and hyphens made plain. */
const plain = (s: string): string => s.replace(/[\u00A0\u202F]/g, ' ').replace(/\u2011/g, '-').replace(/\u00AD/g, '');

let stderr = '';
beforeAll(async () => {
  rmSync(out, { recursive: true, force: true });
  const run = await runCli(['build', '--content', FIXTURE, '--templates', 'templates', '--out', out, '--verbose']);
  if (run.code !== 0) throw new Error(`build exited with ${run.code}:\n${run.stderr}${run.stdout}`);
  stderr = run.stderr;
}, 240_000);

describe('long story, two photos and a chart', () => {
  it('continues the long story on «(продолжение)» slides, reported as info', () => {
    const slides = slideTexts(readFileSync(join(out, 'deck.pptx'))).map((s) => plain(s.join(' ')));
    const continued = slides.filter((s) => s.includes('Дубна — Ла-Кросс (продолжение)'));
    expect(continued.length).toBeGreaterThanOrEqual(3);
    expect(plain(stderr)).toMatch(/info: slide 5 "Дубна — Ла-Кросс" is too long for one slide and continues on slide 6–\d+ \[layout-continued\]/);
    // Every part of the story, in order, somewhere in the deck.
    const all = slides.join(' ');
    let from = 0;
    for (let n = 1; n <= 12; n++) {
      const at = all.indexOf(`Часть ${n}.`, from);
      expect(at, `«Часть ${n}.» after position ${from}`).toBeGreaterThanOrEqual(0);
      from = at;
    }
  });

  it('makes the timeline a native chart in the PPTX, with the values', () => {
    const zip = readZip(readFileSync(join(out, 'deck.pptx')));
    const charts = [...zip.keys()].filter((k) => /^ppt\/charts\/chart\d+\.xml$/.test(k));
    expect(charts).toHaveLength(1);
    const xml = xmlOf(zip, charts[0]!);
    expect(xml).toContain('<c:chart>');
    expect(xml).toMatch(/<c:barChart>/);
    const cached = [...xml.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]);
    for (const y of YEARS) expect(cached, y).toContain(y);
    for (const v of VALUES) expect(cached, String(v)).toContain(String(v));
    // The chart is on a slide: a graphic frame pointing at the chart part.
    const onSlide = slideParts(zip).some((p) => /<c:chart [^>]*r:id=/.test(xmlOf(zip, p)));
    expect(onSlide).toBe(true);
  });

  it('makes the timeline a table in the brief, with the values', () => {
    const zip = readZip(readFileSync(join(out, 'briefs/dubna-la-crosse.docx')));
    const tables = docxTables(zip).map((t) => t.map((row) => row.map(plain)));
    const timeline = tables.find((t) => t.some((row) => row.includes('1992') && row.includes('2')));
    expect(timeline, JSON.stringify(tables)).toBeDefined();
    // The header row names both columns: the locale's «Год» and the series.
    expect(timeline![0]).toEqual(['Год', 'Делегации']);
    YEARS.forEach((y, i) => expect(timeline!.some((row) => row.includes(y) && row.includes(String(VALUES[i]))), y).toBe(true));
  });

  it('draws the timeline as a vector chart in the handout: labels are text, not a picture', (ctx) => {
    requirePopplerOrSkip(ctx);
    const text = plain(pdfText(join(out, 'handouts/dubna-la-crosse.pdf')));
    expect(text).toContain('Делегации');
    for (const y of ['1992', '1994', '1996', '1998']) expect(text).toContain(y);
    for (const v of VALUES) expect(text).toMatch(new RegExp(`(^|\\s)${v}(\\s|$)`, 'm'));
  });

  it('gives every photo its alt text: PPTX descr, DOCX wp:docPr descr, PDF Figure /Alt', (ctx) => {
    const pptx = readZip(readFileSync(join(out, 'deck.pptx')));
    const descrs = slideParts(pptx).flatMap((p) => [...xmlOf(pptx, p).matchAll(/<p:cNvPr [^>]*descr="([^"]*)"/g)].map((m) => plain(m[1]!)));
    const docx = xmlOf(readZip(readFileSync(join(out, 'briefs/dubna-la-crosse.docx'))), 'word/document.xml');
    const docPr = [...docx.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => plain(m[1]!));
    for (const alt of ALTS) {
      expect(descrs, 'PPTX').toContain(alt);
      expect(docPr, 'DOCX').toContain(alt);
    }
    if (!toolAvailable('qpdf')) ctx.skip('qpdf is not installed');
    for (const pdf of ['handouts/dubna-la-crosse.pdf', 'handouts/council.pdf', 'deck.pdf']) {
      const json = execFileSync('qpdf', ['--json=2', '--json-key=qpdf', join(out, pdf)], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const alts = [...json.matchAll(/"\/Alt": "u:([^"]*)"/g)].map((m) => plain(m[1]!));
      for (const alt of ALTS) expect(alts, pdf).toContain(alt);
    }
  });

  it('keeps every word of the deck on its slide when LibreOffice renders it', async (ctx) => {
    requireSofficeOrSkip(ctx);
    requirePopplerOrSkip(ctx);
    const pdf = await convertToPdf(join(out, 'deck.pptx'), join(scratch, 'lo'));
    const pages = pdfBBoxWords(pdf);
    expect(pages.length).toBe(slideParts(readZip(readFileSync(join(out, 'deck.pptx')))).length);
    pages.forEach((page, i) => {
      expect(page.words.length, `slide ${i + 1} has text`).toBeGreaterThan(0);
      for (const w of page.words) {
        const inside = w.xMin >= 0 && w.yMin >= 0 && w.xMax <= page.width + 0.5 && w.yMax <= page.height + 0.5;
        expect(inside, `slide ${i + 1}: «${w.text}» at ${w.xMin},${w.yMin}–${w.xMax},${w.yMax} on ${page.width}×${page.height}`).toBe(true);
      }
    });
    // No two words drawn over each other (a frame running into the next, text over the chart).
    pages.forEach((page, i) => {
      const ws = page.words;
      for (let a = 0; a < ws.length; a++) {
        for (let b = a + 1; b < ws.length; b++) {
          const [p, q] = [ws[a]!, ws[b]!];
          const w = Math.min(p.xMax, q.xMax) - Math.max(p.xMin, q.xMin);
          const h = Math.min(p.yMax, q.yMax) - Math.max(p.yMin, q.yMin);
          const smaller = Math.min((p.xMax - p.xMin) * (p.yMax - p.yMin), (q.xMax - q.xMin) * (q.yMax - q.yMin));
          const overlap = w > 0 && h > 0 ? (w * h) / smaller : 0;
          expect(overlap, `slide ${i + 1}: «${p.text}» over «${q.text}»`).toBeLessThan(0.25);
        }
      }
    });
    // The chart's years are labels of their own (turned 45° when they would touch, which -bbox
    // leaves out): in content order each is a line by itself, never «19921993…» run together.
    const chart = pages.findIndex((p) => p.words.some((w) => w.text === 'Делегации')) + 1;
    expect(chart, 'the chart slide').toBeGreaterThan(0);
    const raw = execFileSync('pdftotext', ['-raw', '-f', String(chart), '-l', String(chart), pdf, '-'], { encoding: 'utf8' }).split('\n');
    for (const y of YEARS) expect(raw, y).toContain(y);
    // Renders kept for a look (test/.out is gitignored).
    pdfToPngs(pdf, join(REPO_ROOT, 'test/.out/layout-stress/deck'), 50);
  });
});
