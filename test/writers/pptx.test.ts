/**
 * The PPTX writer, read back: masters and placeholders, editable Russian text, notes, a native
 * chart, an image with alt text, document properties, a valid and reproducible package, and
 * LibreOffice as a real client.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { slideGeometry } from '../../src/layout/slide-geometry.js';
import { loadBrand } from '../../src/templates/brand.js';
import type { Brand } from '../../src/templates/brand-model.js';
import { laidDeckToPptx } from '../../src/writers/pptx/index.js';
import { REPO_ROOT } from '../support/fontconfig.js';
import { sampleLaidDeck, SAMPLE, tinyPng } from '../support/laid-deck.js';
import { convertToPdf, requireSofficeOrSkip } from '../support/libreoffice.js';
import { assertValidOoxmlPackage, notesTexts, parseXmlStrict, readZip, relationships, slideParts, slideTexts } from '../support/ooxml.js';
import { pdfFonts, pdfText, pdfToPngs, requirePopplerOrSkip } from '../support/poppler.js';

const OUT = join(REPO_ROOT, 'test', '.out', 'pptx');

let brand: Brand;
let pptx: Buffer;
let zip: Map<string, Buffer | string>;

const xml = (name: string): string => {
  const part = zip.get(name);
  if (typeof part !== 'string') throw new Error(`no XML part ${name}`);
  return part;
};

/** Layout part of each slide, and each layout's name (`<p:cSld name>`). */
function layoutOf(slide: string): string {
  const rel = relationships(zip, slide).find((r) => r.type.endsWith('/slideLayout'));
  if (!rel) throw new Error(`${slide} has no layout`);
  return `ppt/slideLayouts/${rel.target.split('/').pop()}`;
}
const layoutName = (layout: string): string => /<p:cSld name="([^"]*)"/.exec(xml(layout))?.[1] ?? '';

/** Text of the title placeholder of a slide, or undefined. */
function titlePlaceholderText(slide: string): string | undefined {
  const doc = parseXmlStrict(xml(slide), slide);
  for (const sp of Array.from(doc.getElementsByTagName('p:sp'))) {
    const ph = sp.getElementsByTagName('p:ph')[0];
    if (ph?.getAttribute('type') !== 'title') continue;
    return Array.from(sp.getElementsByTagName('a:t'))
      .map((t) => t.textContent)
      .join('');
  }
  return undefined;
}

beforeAll(async () => {
  brand = loadBrand(join(REPO_ROOT, 'templates'));
  const result = await laidDeckToPptx(sampleLaidDeck(brand));
  expect(result.diagnostics).toEqual([]);
  pptx = result.data;
  zip = readZip(pptx);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'sample.pptx'), pptx);
});

describe('slides, masters and placeholders', () => {
  test('slides in order on the layouts the layout stage chose', () => {
    const slides = slideParts(zip);
    expect(slides).toHaveLength(5);
    expect(slides.map((s) => layoutName(layoutOf(s)))).toEqual(['title', 'statement', 'partnership', 'partnership', 'list']);
    const texts = slideTexts(pptx);
    expect(texts[0]![0]).toBe(SAMPLE.council.join('\n'));
    expect(texts[1]).toEqual(SAMPLE.statement);
    expect(texts[2]![0]).toBe(SAMPLE.partnershipTitle);
    expect(texts[4]![0]).toBe(SAMPLE.tableTitle);
  });

  test('one master with a layout per brand layout name, widescreen 13⅓ × 7.5 in', () => {
    const layouts = [...zip.keys()].filter((n) => /^ppt\/slideLayouts\/[^/]+\.xml$/.test(n));
    expect(layouts.map(layoutName).sort()).toEqual(
      expect.arrayContaining(['list', 'partnership', 'section', 'statement', 'title']),
    );
    expect([...zip.keys()].filter((n) => /^ppt\/slideMasters\/[^/]+\.xml$/.test(n))).toHaveLength(1);
    expect(xml('ppt/presentation.xml')).toContain('<p:sldSz cx="12192000" cy="6858000"/>');
  });

  test('titles sit in title placeholders, at the box the layout gave', () => {
    const slides = slideParts(zip);
    expect(titlePlaceholderText(slides[0]!)).toBe(SAMPLE.council.join(''));
    expect(titlePlaceholderText(slides[2]!)).toBe(SAMPLE.partnershipTitle);
    expect(titlePlaceholderText(slides[3]!)).toBe(SAMPLE.chartTitle);
    expect(titlePlaceholderText(slides[4]!)).toBe(SAMPLE.tableTitle);
    // The untitled messaging slide has no empty "Click to add title" box.
    expect(titlePlaceholderText(slides[1]!)).toBeUndefined();
    for (const name of [...zip.keys()].filter((n) => n.startsWith('ppt/slideLayouts/') && n.endsWith('.xml'))) {
      if (layoutName(name) === 'DEFAULT') continue; // pptxgenjs's own default layout, unused
      expect(xml(name), name).toMatch(/<p:ph\b[^>]*type="title"/);
    }
    // Title slide: the title placeholder sits on the cover's name block, where the layout put it.
    const { name } = slideGeometry(brand).cover;
    const emu = (inches: number): number => Math.round(inches * 914400);
    expect(xml(slides[0]!)).toMatch(
      new RegExp(`type="title"[\\s\\S]*?<a:off x="${emu(name.x)}" y="${emu(name.y)}"/><a:ext cx="${emu(name.w)}" cy="${emu(name.h)}"/>`),
    );
  });

  test('running header and slide number live on the layouts, never on a slide', () => {
    const header = brand.runningHeader;
    for (const slide of slideParts(zip)) {
      expect(xml(slide)).not.toContain(`<a:t>${header}</a:t>`);
      expect(xml(slide)).not.toMatch(/slidenum|type="sldNum"/);
      const layout = layoutOf(slide);
      if (layoutName(layout) === 'title') {
        expect(xml(layout)).not.toContain(`<a:t>${header}</a:t>`);
        expect(xml(layout)).not.toContain('type="slidenum"');
      } else {
        expect(xml(layout)).toContain(`<a:t>${header}</a:t>`);
        expect(xml(layout)).toMatch(/<a:fld id="\{[0-9A-F-]+\}" type="slidenum"><a:rPr lang="ru-RU"[^>]*>[\s\S]*?<a:t>‹#›<\/a:t><\/a:fld>/);
      }
    }
    expect(pptx.includes('CP_SLIDE_NUMBER_FIELD')).toBe(false);
  });

  test('the title layout carries the logo', () => {
    const title = [...zip.keys()].find((n) => /^ppt\/slideLayouts\/[^/]+\.xml$/.test(n) && layoutName(n) === 'title')!;
    const image = relationships(zip, title).find((r) => r.type.endsWith('/image'));
    expect(image).toBeDefined();
    expect(xml(title)).toContain(`descr="${brand.runningHeader}"`);
  });

  test('a brand whose logo file is missing still builds', async () => {
    const { data } = await laidDeckToPptx(sampleLaidDeck({ ...brand, logo: join(OUT, 'no-such-logo.png') }));
    assertValidOoxmlPackage(data);
    expect(slideTexts(data)[2]![0]).toBe(SAMPLE.partnershipTitle);
  });
});

describe('text', () => {
  test('Cyrillic text is real text in <a:t> runs, every run tagged ru-RU in PT Sans', () => {
    const slides = slideParts(zip);
    const partnership = xml(slides[2]!);
    expect(partnership).toContain(`<a:t>${SAMPLE.partnershipTitle}</a:t>`);
    for (const fact of SAMPLE.facts) expect(partnership).toContain(`<a:t>${fact}</a:t>`);
    for (const slide of slides) {
      const part = xml(slide);
      const rPr = [...part.matchAll(/<a:(?:rPr|endParaRPr)\b[^>]*>/g)].map((m) => m[0]);
      expect(rPr.length).toBeGreaterThan(0);
      for (const r of rPr) expect(r, slide).toContain('lang="ru-RU"');
      const faces = new Set([...part.matchAll(/<a:(?:latin|ea|cs) typeface="([^"]*)"/g)].map((m) => m[1]));
      expect([...faces], slide).toEqual(['PT Sans']);
      // Pictures of text would be <p:pic> with no <a:t>; slides 1–3 have only text.
    }
    for (const slide of slides.slice(0, 3)) expect(xml(slide)).not.toContain('<p:pic>');
  });

  test('theme fonts name the brand family; no other face in the East-Asian or complex-script slots', () => {
    const theme = xml('ppt/theme/theme1.xml');
    expect(theme).toMatch(/<a:majorFont><a:latin typeface="PT Sans"\/>/);
    expect(theme).toMatch(/<a:minorFont><a:latin typeface="PT Sans"\/>/);
    for (const m of theme.matchAll(/<a:(?:ea|cs) typeface="([^"]*)"/g)) expect(['', 'PT Sans']).toContain(m[1]);
  });

  test('bold, italic, hyperlinks, bullets with levels, numbering, spacing', () => {
    const part = xml(slideParts(zip)[2]!);
    expect(part).toMatch(/<a:rPr lang="ru-RU"[^>]* b="1"[^>]*>(?:(?!<\/a:rPr>).)*<\/a:rPr><a:t>Серпухов<\/a:t>/);
    expect(part).toMatch(/<a:rPr lang="ru-RU"[^>]* i="1"[^>]*>(?:(?!<\/a:rPr>).)*<\/a:rPr><a:t>Ричмонд<\/a:t>/);
    const link = relationships(zip, slideParts(zip)[2]!).find((r) => r.type.endsWith('/hyperlink'));
    expect(link).toMatchObject({ target: 'https://example.org/serpukhov', external: true });
    expect(part).toMatch(/<a:pPr [^>]*><a:lnSpc><a:spcPts val="2880"\/><\/a:lnSpc><a:spcBef><a:spcPts val="600"\/><\/a:spcBef><a:buClr><a:srgbClr val="B3262E"\/><\/a:buClr><a:buSzPct val="100000"\/><a:buFont typeface="PT Sans"\/><a:buChar char="&#x2022;"\/><\/a:pPr><a:r>.*?<a:t>Обмены школьников/);
    expect(part).toMatch(/<a:pPr [^>]*lvl="1"[^>]*>.*?<a:buChar[^>]*\/><\/a:pPr><a:r>.*?<a:t>Делегации администрации/);
    expect(part).toMatch(/<a:buAutoNum type="arabicPeriod" startAt="2"\/><\/a:pPr><a:r>.*?<a:t>Протокол о намерениях/);
    // The facts panel: brand panel fill; text inset by TEXT_INSET like every frame (0.1 in, 0.05 in).
    expect(part).toMatch(
      /<a:solidFill><a:srgbClr val="EDF1F7"\/><\/a:solidFill>[\s\S]*?<a:bodyPr wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720"/,
    );
  });

  test('every paragraph has at most one <a:pPr>, and it comes first', () => {
    for (const slide of slideParts(zip)) {
      for (const m of xml(slide).matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)) {
        const inner = m[1]!;
        const count = (inner.match(/<a:pPr\b/g) ?? []).length;
        expect(count, slide).toBeLessThanOrEqual(1);
        if (count === 1) expect(inner.startsWith('<a:pPr'), slide).toBe(true);
      }
    }
  });

  test('a line break inside a paragraph is <a:br/>, not a new paragraph', () => {
    expect(xml(slideParts(zip)[0]!)).toMatch(/<a:t>совет<\/a:t><\/a:r><a:br\/><a:r>/);
  });
});

describe('notes, chart, image, table', () => {
  test('speaker notes are separate paragraphs in the notes page and nowhere on the slide', () => {
    const notes = notesTexts(pptx);
    expect(notes[2]).toEqual(SAMPLE.notes);
    expect(notes[0]).toEqual([]);
    const texts = slideTexts(pptx).flat().join('\n');
    for (const n of SAMPLE.notes) expect(texts).not.toContain(n);
    expect(xml('docProps/app.xml')).toContain('<Notes>1</Notes>');
  });

  test('the chart is a native chart part holding the data', () => {
    const slide = slideParts(zip)[3]!;
    const rel = relationships(zip, slide).find((r) => r.type.endsWith('/chart'));
    expect(rel?.target).toBe('/ppt/charts/chart1.xml');
    const chart = xml('ppt/charts/chart1.xml');
    const doc = parseXmlStrict(chart, 'chart1.xml');
    expect(doc.documentElement?.nodeName).toBe('c:chartSpace');
    expect(chart).toContain('<c:barChart>');
    for (const label of SAMPLE.chart.labels) expect(chart).toContain(`<c:v>${label}</c:v>`);
    for (const v of SAMPLE.chart.values) expect(chart).toContain(`<c:v>${v}</c:v>`);
    expect(chart).toContain(SAMPLE.chartTitle);
    // The workbook behind "Edit data" is there too.
    expect(relationships(zip, 'ppt/charts/chart1.xml')[0]?.target).toBe('../embeddings/Microsoft_Excel_Worksheet1.xlsx');
  });

  test('the image is embedded as given, with its alt text', () => {
    const slide = slideParts(zip)[3]!;
    expect(xml(slide)).toMatch(new RegExp(`<p:pic>[\\s\\S]*?descr="${SAMPLE.imageAlt}"`));
    const rel = relationships(zip, slide).find((r) => r.type.endsWith('/image'))!;
    const media = zip.get(`ppt/media/${rel.target.split('/').pop()}`);
    expect(Buffer.isBuffer(media) && media.equals(tinyPng())).toBe(true);
  });

  test('the table has a styled header row', () => {
    const part = xml(slideParts(zip)[4]!);
    expect(part).toContain('<a:tbl>');
    expect(part).toMatch(/<a:rPr lang="ru-RU"[^>]* b="1"[^>]*><a:solidFill><a:srgbClr val="FFFFFF"\/>(?:(?!<\/a:rPr>).)*<\/a:rPr><a:t>Город<\/a:t>/);
    expect(part).toMatch(/<a:t>Город<\/a:t>[\s\S]*?<a:solidFill><a:srgbClr val="1B3A6B"\/><\/a:solidFill>\s*<\/a:tcPr>/);
  });
});

describe('package', () => {
  test('document properties: title, author, company, language, producer, fixed dates', () => {
    const deck = sampleLaidDeck(brand);
    const core = xml('docProps/core.xml');
    expect(core).toContain(`<dc:title>${deck.meta.title}</dc:title>`);
    expect(core).toContain(`<dc:creator>${deck.meta.author}</dc:creator>`);
    expect(core).toContain(`<dc:subject>${deck.meta.subject}</dc:subject>`);
    expect(core).toContain('<dc:language>ru-RU</dc:language>');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2001-04-12T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2001-04-12T00:00:00Z</dcterms:modified>');
    const app = xml('docProps/app.xml');
    expect(app).toContain('<Application>council-press 0.1.0</Application>');
    expect(app).toContain(`<Company>${deck.meta.author}</Company>`);
    expect(app).toContain(`<vt:lpstr>${SAMPLE.partnershipTitle}</vt:lpstr>`);
    expect(app).not.toMatch(/Microsoft|Calibri|Arial/);
  });

  test('the package is valid: well-formed parts, relationships resolve, content types complete', () => {
    assertValidOoxmlPackage(pptx);
  });

  test('two builds are byte-identical', async () => {
    const again = await laidDeckToPptx(sampleLaidDeck(brand));
    expect(again.data.equals(pptx)).toBe(true);
  });

  test('another date changes the dates and nothing else', async () => {
    const other = (await laidDeckToPptx(sampleLaidDeck(brand, { date: new Date('2024-02-29T13:45:10Z') }))).data;
    expect(other.equals(pptx)).toBe(false);
    const mask = (s: string): string => s.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, 'DATE');
    const sameContent = (a: Map<string, Buffer | string>, b: Map<string, Buffer | string>): void => {
      expect([...b.keys()]).toEqual([...a.keys()]);
      for (const [name, partA] of a) {
        const partB = b.get(name)!;
        if (typeof partA === 'string') {
          if (name.endsWith('core.xml')) {
            expect(partB).not.toBe(partA);
            expect(mask(partB as string), name).toBe(mask(partA));
          } else expect(partB, name).toBe(partA);
        } else if (name.endsWith('.xlsx')) sameContent(readZip(partA), readZip(partB as Buffer));
        else expect((partB as Buffer).equals(partA), name).toBe(true);
      }
    };
    sameContent(zip, readZip(other));
    expect(readZip(other).get('docProps/core.xml')).toContain('2024-02-29T13:45:10Z');
  });
});

describe('awkward input', () => {
  test('markup characters in every kind of text stay text, and the package stays valid', async () => {
    const odd = 'Tom & Jerry <b>«не тег»</b> "quoted" \'single\'';
    const deck = sampleLaidDeck(brand, { title: odd, author: odd, subject: odd, producer: `council-press <${odd}>` });
    const swap = (text: string): string => (text === SAMPLE.partnershipTitle || text === SAMPLE.tableTitle || text === 'Город' ? odd : text);
    for (const slide of deck.slides) {
      slide.notes = slide.notes.map(() => odd);
      for (const f of slide.frames) {
        if (f.kind === 'text') for (const p of f.paragraphs) p.runs = p.runs.map((r) => ('text' in r ? { ...r, text: swap(r.text) } : r));
        if (f.kind === 'image') f.image = { ...f.image, alt: odd };
        if (f.kind === 'chart') f.chart = { ...f.chart, title: odd, labels: [odd, ...f.chart.labels.slice(1)], series: f.chart.series.map((x) => ({ ...x, name: odd })) };
        if (f.kind === 'table') f.table = { ...f.table, header: [[{ text: odd }], ...f.table.header.slice(1)] };
      }
    }
    const { data } = await laidDeckToPptx(deck);
    assertValidOoxmlPackage(data);
    const texts = slideTexts(data);
    expect(texts[2]![0]).toBe(odd);
    expect(texts[4]).toContain(odd);
    expect(notesTexts(data)[2]).toEqual([odd, odd]);
    const out = readZip(data);
    expect(out.get('docProps/core.xml')).toContain('<dc:title>Tom &amp; Jerry &lt;b&gt;');
    expect(out.get('ppt/charts/chart1.xml')).toContain('Tom &amp; Jerry');
  });

  test('characters XML cannot carry are dropped, not written', async () => {
    const deck = sampleLaidDeck(brand);
    const frame = deck.slides[2]!.frames[0]!;
    if (frame.kind !== 'text') throw new Error('fixture changed');
    frame.paragraphs[0]!.runs = [{ text: 'Серпухов\u0007 — Ричмонд\u0000' }];
    const { data } = await laidDeckToPptx(deck);
    assertValidOoxmlPackage(data);
    expect(slideTexts(data)[2]![0]).toBe('Серпухов — Ричмонд');
  });

  test('a title box other than the placeholder\'s moves the title', async () => {
    const deck = sampleLaidDeck(brand);
    const frame = deck.slides[2]!.frames[0]!;
    frame.box = { x: 1, y: 1.5, w: 6, h: 1 };
    const part = readZip((await laidDeckToPptx(deck)).data).get('ppt/slides/slide3.xml') as string;
    expect(part).toMatch(/type="title"[\s\S]*?<a:off x="914400" y="1371600"\/><a:ext cx="5486400" cy="914400"\/>/);
  });
});

describe('LibreOffice as a real client', () => {
  test('converts to PDF with the Russian text in PT Sans', async (ctx) => {
    requireSofficeOrSkip(ctx);
    requirePopplerOrSkip(ctx);
    const file = join(OUT, 'sample.pptx');
    const pdf = await convertToPdf(file, OUT);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const s of [SAMPLE.partnershipTitle, SAMPLE.director, ...SAMPLE.facts, SAMPLE.tableTitle, SAMPLE.caption]) {
      expect(text).toContain(s);
    }
    expect(text).toContain(SAMPLE.council.join(' '));
    // Running header and slide number come from the layouts: on every slide after the title.
    const pages = pdfText(pdf)
      .split('\f')
      .slice(0, 5)
      .map((p) => p.split('\n').map((l) => l.trim()));
    expect(pages).toHaveLength(5);
    pages.forEach((lines, i) => {
      expect(lines.includes(brand.runningHeader), `slide ${i + 1}`).toBe(i > 0);
      expect(lines.includes(String(i + 1)), `slide ${i + 1}`).toBe(i > 0);
    });
    for (const n of SAMPLE.notes) expect(text).not.toContain(n);
    const fonts = pdfFonts(pdf).map((f) => f.baseName);
    expect(fonts).toContain('PTSans-Regular');
    expect(fonts).toContain('PTSans-Bold');
    expect(fonts.filter((f) => !/^PTSans-|^OpenSymbol/.test(f))).toEqual([]);
    // For looking at: test/.out/pptx/sample-N.png.
    expect(pdfToPngs(pdf, join(OUT, 'sample'), 50)).toHaveLength(5);
  });
});

