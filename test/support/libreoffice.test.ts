// LibreOffice conversion with the project's fonts: a DOCX (docx library) and a PPTX (pptxgenjs)
// written here in PT Sans with Cyrillic text go through soffice → PDF; the PDF must hold the text
// and use PT Sans itself, embedded, not DejaVu or Liberation standing in for it.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import pptxgenjs from 'pptxgenjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectFontconfig, REPO_ROOT } from './fontconfig.js';
import { convertToPdf, requireSofficeOrSkip } from './libreoffice.js';
import { pdfFonts, pdfPageCount, pdfText, requirePopplerOrSkip } from './poppler.js';
import { requireToolsOrSkip, run } from './tools.js';

const OUT = join(REPO_ROOT, 'test', '.out', 'support', 'libreoffice');
const SENTENCE = 'Совет муниципальных образований Московской области';
const BOLD = 'Серпухов — Ричмонд, штат Индиана';

async function makeDocx(file: string): Promise<void> {
  const doc = new Document({
    creator: 'council-press tests',
    styles: { default: { document: { run: { font: 'PT Sans', size: 24 } } } },
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun({ text: SENTENCE, font: 'PT Sans' })] }),
          new Paragraph({ children: [new TextRun({ text: BOLD, font: 'PT Sans', bold: true })] }),
        ],
      },
    ],
  });
  writeFileSync(file, await Packer.toBuffer(doc));
}

async function makePptx(file: string): Promise<void> {
  const pres = new PptxGenJS();
  pres.layout = 'LAYOUT_WIDE';
  pres.theme = { headFontFace: 'PT Sans', bodyFontFace: 'PT Sans' };
  for (const text of [SENTENCE, BOLD]) {
    pres.addSlide().addText(text, { x: 0.6, y: 1, w: 12, h: 1.5, fontFace: 'PT Sans', fontSize: 28, lang: 'ru-RU' });
  }
  const data = (await pres.write({ outputType: 'nodebuffer' })) as Buffer;
  writeFileSync(file, data);
}

// pptxgenjs's types are CommonJS-style: under NodeNext the default import types as the module
// object, while Node loads the ES build whose default is the class. Accept either shape.
type PptxClass = (typeof pptxgenjs)['default'];
const loaded = pptxgenjs as unknown as PptxClass & { default?: PptxClass };
const PptxGenJS: PptxClass = loaded.default ?? loaded;

const normalise = (s: string): string => s.replace(/\s+/g, ' ');

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  await Promise.all([makeDocx(join(OUT, 'brief.docx')), makePptx(join(OUT, 'deck.pptx'))]);
});

describe('project fonts through fontconfig', () => {
  it('fc-match finds PT Sans in node_modules with the generated fonts.conf', (ctx) => {
    requireToolsOrSkip(ctx, ['fc-match']);
    const { env } = projectFontconfig();
    for (const [pattern, file] of [
      ['PT Sans', 'PTSans_400Regular.ttf'],
      ['PT Sans:bold', 'PTSans_700Bold.ttf'],
      ['PT Sans:italic', 'PTSans_400Regular_Italic.ttf'],
      ['PT Sans:bold:italic', 'PTSans_700Bold_Italic.ttf'],
    ] as const) {
      const hit = run('fc-match', ['--format=%{file}', pattern], { env }).stdout;
      expect(hit).toBe(join(REPO_ROOT, 'node_modules/@expo-google-fonts/pt-sans', file.replace(/^PTSans_(.*)\.ttf$/, '$1'), file));
    }
  });
});

describe('convertToPdf', () => {
  // Both conversions are started together: the helper must queue them, not run two soffice.
  let docxPdf: Promise<string>;
  let pptxPdf: Promise<string>;
  beforeAll(() => {
    docxPdf = convertToPdf(join(OUT, 'brief.docx'), join(OUT, 'pdf'));
    pptxPdf = convertToPdf(join(OUT, 'deck.pptx'), join(OUT, 'pdf'));
    // Rejections are asserted in the tests; keep them from being reported as unhandled here.
    docxPdf.catch(() => undefined);
    pptxPdf.catch(() => undefined);
  });

  it('turns a DOCX into a PDF with the Cyrillic text in embedded PT Sans', async (ctx) => {
    requireSofficeOrSkip(ctx);
    requirePopplerOrSkip(ctx);
    const pdf = await docxPdf;
    expect(pdf).toBe(join(OUT, 'pdf', 'brief.pdf'));
    const text = normalise(pdfText(pdf));
    expect(text).toContain(SENTENCE);
    expect(text).toContain(BOLD);
    const fonts = pdfFonts(pdf);
    expect(fonts.map((f) => f.baseName).sort()).toEqual(['PTSans-Bold', 'PTSans-Regular']);
    for (const f of fonts) expect(f).toMatchObject({ embedded: true, subset: true });
  });

  it('turns a PPTX into a PDF, one page per slide, in PT Sans', async (ctx) => {
    requireSofficeOrSkip(ctx);
    requirePopplerOrSkip(ctx);
    const pdf = await pptxPdf;
    expect(pdfPageCount(pdf)).toBe(2);
    expect(normalise(pdfText(pdf, { firstPage: 1, lastPage: 1 }))).toContain(SENTENCE);
    expect(normalise(pdfText(pdf, { firstPage: 2, lastPage: 2 }))).toContain(BOLD);
    const names = pdfFonts(pdf).map((f) => f.baseName);
    expect(names).toContain('PTSans-Regular');
    expect(names.filter((n) => /DejaVu|Liberation|Carlito|Caladea/.test(n))).toEqual([]);
  });

  it('rejects a missing input, naming it', async (ctx) => {
    requireSofficeOrSkip(ctx);
    await expect(convertToPdf(join(OUT, 'missing.docx'), join(OUT, 'pdf'))).rejects.toThrow(
      /no such file .*missing\.docx/,
    );
  });

  // Worth knowing when reading the artifact tests: LibreOffice does not refuse a damaged DOCX,
  // it falls back to importing the bytes as plain text. A successful conversion therefore proves
  // nothing alone; the tests must check the PDF's text (and package validity separately).
  it('converts even a non-DOCX as plain text, so success alone proves nothing', async (ctx) => {
    requireSofficeOrSkip(ctx);
    requirePopplerOrSkip(ctx);
    const junk = join(OUT, 'junk.docx');
    writeFileSync(junk, 'this is not a zip');
    const pdf = await convertToPdf(junk, join(OUT, 'pdf'));
    expect(normalise(pdfText(pdf)).trim()).toBe('this is not a zip');
  });
});
