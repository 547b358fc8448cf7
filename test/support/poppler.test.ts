// The poppler/qpdf helpers, on a small real PDF drawn here with pdfkit in PT Sans (fast: no
// LibreOffice), with known text, pages, metadata and positions.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_FONT_DIRS, REPO_ROOT } from './fontconfig.js';
import {
  parseBBoxXhtml,
  pdfBBoxWords,
  pdfFonts,
  pdfInfo,
  pdfPageCount,
  pdfText,
  pdfToPngs,
  qpdfCheck,
  requirePopplerOrSkip,
} from './poppler.js';

const OUT = join(REPO_ROOT, 'test', '.out', 'support', 'poppler');
const PDF = join(OUT, 'sample.pdf');
const FONT = join(PROJECT_FONT_DIRS[0]!, 'PTSans_400Regular.ttf');
const A4 = { width: 595.28, height: 841.89 };

/** Two A4 pages: Cyrillic at known positions, a Cyrillic title in the metadata. */
function drawSample(): Promise<Buffer> {
  return new Promise((done, fail) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 0,
      info: { Title: 'Серпухов — Ричмонд', Author: 'Совет муниципальных образований', CreationDate: new Date(0) },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => done(Buffer.concat(chunks)));
    doc.on('error', fail);
    doc.registerFont('PT Sans', readFileSync(FONT));
    doc.font('PT Sans').fontSize(20).text('Город Серпухов побратим города Ричмонд', 72, 100);
    doc.addPage().font('PT Sans').fontSize(20).text('Штат Индиана & «Открытый мир»', 72, 700);
    doc.end();
  });
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(PDF, await drawSample());
});

describe('poppler helpers', () => {
  it('pdfText extracts Cyrillic, page by page', (ctx) => {
    requirePopplerOrSkip(ctx);
    const all = pdfText(PDF);
    expect(all).toContain('Город Серпухов побратим города Ричмонд');
    expect(all).toContain('Штат Индиана & «Открытый мир»');
    expect(all.split('\f').filter((p) => p.trim()).length).toBe(2);
    const second = pdfText(PDF, { firstPage: 2, lastPage: 2, layout: true });
    expect(second).toContain('Индиана');
    expect(second).not.toContain('Серпухов');
  });

  it('pdfFonts lists PT Sans, embedded and subset', (ctx) => {
    requirePopplerOrSkip(ctx);
    const fonts = pdfFonts(PDF);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatchObject({ baseName: 'PTSans-Regular', embedded: true, subset: true });
    expect(fonts[0]!.name).toMatch(/^[A-Z]{6}\+PTSans-Regular$/);
    expect(fonts[0]!.type).toMatch(/TrueType/);
  });

  it('pdfInfo and pdfPageCount read the metadata', (ctx) => {
    requirePopplerOrSkip(ctx);
    const info = pdfInfo(PDF);
    expect(info['Title']).toBe('Серпухов — Ричмонд');
    expect(info['Author']).toBe('Совет муниципальных образований');
    expect(info['Page size']).toMatch(/^595\.2\d? x 841\.8\d? pts \(A4\)/);
    expect(pdfPageCount(PDF)).toBe(2);
  });

  it('pdfToPngs renders one PNG per page at the asked resolution', (ctx) => {
    requirePopplerOrSkip(ctx);
    const pngs = pdfToPngs(PDF, join(OUT, 'page'), 36);
    expect(pngs.map((p) => p.slice(OUT.length + 1))).toEqual(['page-1.png', 'page-2.png']);
    const first = PNG.sync.read(readFileSync(pngs[0]!));
    // 36 dpi: 595.28 pt = 8.27 in → 298 px.
    expect(first.width).toBe(Math.ceil((A4.width / 72) * 36));
    expect(first.height).toBe(Math.ceil((A4.height / 72) * 36));
    // Some pixels are ink (the text), most are paper.
    let dark = 0;
    for (let i = 0; i < first.data.length; i += 4) if (first.data[i]! < 128) dark++;
    expect(dark).toBeGreaterThan(50);
    expect(dark).toBeLessThan((first.width * first.height) / 10);
  });

  it('pdfBBoxWords gives each word with its box, in points from the top', (ctx) => {
    requirePopplerOrSkip(ctx);
    const pages = pdfBBoxWords(PDF);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.width).toBeCloseTo(A4.width, 1);
    expect(pages[0]!.height).toBeCloseTo(A4.height, 1);
    const first = pages[0]!.words[0]!;
    expect(first.text).toBe('Город');
    expect(first.xMin).toBeCloseTo(72, 0);
    expect(first.yMin).toBeGreaterThan(95);
    expect(first.yMax).toBeLessThan(130);
    expect(pages[1]!.words.map((w) => w.text)).toContain('&');
    expect(pages[1]!.words[0]!.yMin).toBeGreaterThan(690);
    for (const page of pages)
      for (const w of page.words) {
        expect(w.xMin).toBeLessThan(w.xMax);
        expect(w.xMax).toBeLessThanOrEqual(page.width);
      }
  });

  it('parseBBoxXhtml decodes entities', () => {
    const pages = parseBBoxXhtml(
      '<doc><page width="10" height="20"><word xMin="1" yMin="2" xMax="3" yMax="4">a&amp;b&#x2014;&lt;</word></page></doc>',
    );
    expect(pages).toEqual([
      { width: 10, height: 20, words: [{ text: 'a&b—<', xMin: 1, yMin: 2, xMax: 3, yMax: 4 }] },
    ]);
  });

  it('qpdfCheck accepts a good PDF and rejects a truncated one', (ctx) => {
    requirePopplerOrSkip(ctx, { qpdf: true });
    expect(qpdfCheck(PDF)).toMatchObject({ ok: true, warnings: false });
    const bytes = readFileSync(PDF);
    const broken = join(OUT, 'broken.pdf');
    // Keep the header, lose the middle: qpdf must see damaged objects.
    writeFileSync(broken, Buffer.concat([bytes.subarray(0, 400), bytes.subarray(bytes.length - 300)]));
    const r = qpdfCheck(broken);
    expect(r.ok && !r.warnings).toBe(false);
    expect(r.output).toMatch(/damaged|error|not|warning/i);
  });
});
