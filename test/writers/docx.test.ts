/**
 * The DOCX writer, read back: styles, text, header and footer, embedded fonts, language, alt
 * text, properties and byte-for-byte reproducibility; then LibreOffice as a real client.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { flowToDocx } from '../../src/writers/docx/index.js';
import { fontKeyFor, obfuscateFont } from '../../src/writers/docx/embedded-fonts.js';
import type { Brand } from '../../src/templates/brand-model.js';
import { convertToPdf, requireSofficeOrSkip } from '../support/libreoffice.js';
import { buildInFreshProcess } from '../support/fresh-process.js';
import { pdfFonts, pdfText, pdfToPngs, requirePopplerOrSkip } from '../support/poppler.js';
import { requireToolsOrSkip, run } from '../support/tools.js';
import { testBrand, testDocument } from './docx/fixture.js';
import { assertValidOoxmlPackage } from '../support/ooxml.js';
import { textOf } from './docx/text.js';

const OUT = resolve('test/.out/docx');

let brand: Brand;
let data: Buffer;
let parts: Record<string, Uint8Array>;
const xml = (name: string): string => {
  const part = parts[name];
  if (!part) throw new Error(`no part ${name}`);
  return strFromU8(part);
};

beforeAll(async () => {
  brand = await testBrand();
  data = (await flowToDocx(testDocument(), brand)).data;
  parts = unzipSync(data);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'brief.docx'), data);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('flowToDocx', () => {
  it('writes a valid package: well-formed parts, every relationship target present, every part typed', () => {
    expect(() => assertValidOoxmlPackage(data)).not.toThrow();
  });

  it('uses real Word styles: Title for the first level-1 heading, headings shifted up a level, lists, quote, caption', () => {
    const doc = xml('word/document.xml');
    const styles = [...doc.matchAll(/<w:pStyle w:val="([^"]+)"\/>/g)].map((m) => m[1]);
    expect(styles.filter((s) => s === 'Title')).toHaveLength(1);
    // «История партнёрства» and «О Совете» were level 2, «Этапы» level 3.
    expect(styles.filter((s) => s === 'Heading1')).toHaveLength(2);
    expect(styles.filter((s) => s === 'Heading2')).toHaveLength(1);
    expect(styles).toEqual(expect.arrayContaining(['ListParagraph', 'Quote', 'Caption', 'TableText']));
    const defined = xml('word/styles.xml');
    for (const id of ['Title', 'Heading1', 'Heading2', 'Heading3', 'Normal', 'ListParagraph', 'Quote', 'Caption', 'CouncilTable', 'CouncilFacts']) {
      expect(defined, id).toContain(`w:styleId="${id}"`);
    }
    // Headings carry outline levels, so the navigation pane and a TOC see them.
    expect(defined).toMatch(/w:styleId="Heading1".*?<w:outlineLvl w:val="0"\/>/s);
    // Brand: the family in every slot, the brand colour on the title, Russian as the language.
    expect(defined).toContain('<w:rFonts w:ascii="PT Sans" w:cs="PT Sans" w:eastAsia="PT Sans" w:hAnsi="PT Sans"/>');
    expect(defined).toMatch(/w:styleId="Title".*?<w:color w:val="1B3A6B"\/>/s);
    expect(defined).toMatch(/<w:rPrDefault>.*<w:lang w:val="ru-RU" w:eastAsia="ru-RU" w:bidi="ru-RU"\/>/s);
  });

  it('writes the text in reading order, in Cyrillic, with bold, italic and a real hyperlink', () => {
    const text = textOf(xml('word/document.xml'));
    const expected = [
      'Серпухов — Ричмонд',
      'Город-побратим',
      'Ричмонд, штат Индиана',
      'История партнёрства',
      'Побратимские связи Серпухова и Ричмонда начались в 1990 году, когда делегации впервые обменялись визитами.',
      'обмен делегациями',
      'школьные обмены',
      'подписание соглашения',
      'визит мэра',
      'Соглашение о сотрудничестве',
      'Окрестности Серпухова',
      'Дружба городов — это дружба людей.',
      'Делегации по годам',
      '1\u00a0250',
      'Совет объединяет муниципальные образования Подмосковья.',
    ];
    let at = -1;
    for (const s of expected) {
      const found = text.indexOf(s, at + 1);
      expect(found, `«${s}» after position ${at}`).toBeGreaterThan(at);
      at = found;
    }
    const doc = xml('word/document.xml');
    expect(doc).toMatch(/<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">начались в 1990 году<\/w:t>/);
    expect(doc).toMatch(/<w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">впервые<\/w:t>/);
    const link = /<w:hyperlink[^>]*r:id="([^"]+)"[^>]*>.*?сайте Совета.*?<\/w:hyperlink>/s.exec(doc);
    expect(link).not.toBeNull();
    expect(xml('word/_rels/document.xml.rels')).toContain(`Id="${link![1]}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/sovet" TargetMode="External"`);
  });

  it('numbers lists through numbering definitions: bullets and decimals, nested levels', () => {
    const numbering = xml('word/numbering.xml');
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>');
    expect(numbering).toContain('<w:numFmt w:val="decimal"/>');
    const doc = xml('word/document.xml');
    const levels = [...doc.matchAll(/<w:numPr><w:ilvl w:val="(\d)"\/><w:numId w:val="(\d+)"\/><\/w:numPr>/g)].map((m) => Number(m[1]));
    expect(levels).toEqual([0, 0, 1, 0, 0, 1]);
  });

  it('starts an ordered list at its Markdown start number, and every list afresh', async () => {
    const doc = testDocument();
    const item = (text: string) => ({ blocks: [{ kind: 'paragraph' as const, runs: [{ text }] }] });
    doc.blocks.push({ kind: 'list', ordered: true, start: 3, items: [item('третий'), item('четвёртый')] });
    doc.blocks.push({ kind: 'list', ordered: true, start: 1, items: [item('снова первый')] });
    const out = unzipSync((await flowToDocx(doc, brand)).data);
    const numbering = strFromU8(out['word/numbering.xml']!);
    const body = strFromU8(out['word/document.xml']!);
    const numIdOf = (text: string): string => new RegExp(`<w:numId w:val="(\\d+)"/>(?:(?!</w:p>).)*${text}`, 's').exec(body)![1]!;
    const abstractOf = (numId: string): string => new RegExp(`<w:num w:numId="${numId}"[^>]*><w:abstractNumId w:val="(\\d+)"/>`).exec(numbering)![1]!;
    const startOf = (numId: string): string =>
      new RegExp(`<w:abstractNum [^>]*w:abstractNumId="${abstractOf(numId)}"[^>]*>(?:(?!</w:abstractNum>).)*?<w:lvl w:ilvl="0"[^>]*><w:start w:val="(\\d+)"/>`, 's').exec(numbering)![1]!;
    expect(startOf(numIdOf('третий'))).toBe('3');
    // docx also writes a start override on each list instance: it must say 3 as well.
    expect(numbering).toContain(`<w:num w:numId="${numIdOf('третий')}"><w:abstractNumId w:val="${abstractOf(numIdOf('третий'))}"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/>`);
    expect(numIdOf('четвёртый')).toBe(numIdOf('третий'));
    expect(startOf(numIdOf('снова первый'))).toBe('1');
    // A separate instance from the fixture's first numbered list, so it restarts at 1.
    expect(numIdOf('снова первый')).not.toBe(numIdOf('подписание соглашения'));
  });

  it('makes tables: a header row repeated on every page, the facts table with a shaded label column, the chart as data', () => {
    const doc = xml('word/document.xml');
    const tables = doc.split('<w:tbl>').slice(1);
    expect(tables).toHaveLength(3);
    const [facts, gfm, chart] = tables as [string, string, string];
    expect(facts).toContain('<w:tblStyle w:val="CouncilFacts"/>');
    expect(facts).not.toContain('<w:tblHeader/>');
    expect(facts).toContain(`w:fill="${brand.colors.panel}"`);
    for (const t of [gfm, chart]) {
      expect(t).toContain('<w:tblStyle w:val="CouncilTable"/>');
      const firstRow = t.split('<w:tr>')[1]!;
      expect(firstRow).toContain('<w:tblHeader/>');
      expect(firstRow).toContain('<w:b/>');
    }
    expect(textOf(chart)).toContain('Визиты');
    expect(textOf(chart)).toContain('Проекты');
  });

  it('embeds the picture with alt text, scaled to the text width with its aspect ratio', () => {
    const doc = xml('word/document.xml');
    const docPr = /<wp:docPr ([^>]*)\/?>/.exec(doc);
    expect(docPr?.[1]).toContain('descr="Поле и небо над Серпуховом"');
    expect(docPr?.[1]).toContain('title="Окрестности Серпухова"');
    const extent = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(doc)!;
    expect(Number(extent[1]) / Number(extent[2])).toBeCloseTo(320 / 180, 2);
    expect(Number(extent[1])).toBeLessThanOrEqual(((210 - 22 - 20) / 25.4) * 914400);
    expect(Object.keys(parts).some((n) => /^word\/media\/.+\.png$/.test(n))).toBe(true);
    const ids = [...Object.entries(parts)]
      .filter(([n]) => /^word\/(document|header\d+|footer\d+)\.xml$/.test(n))
      .flatMap(([, b]) => [...strFromU8(b).matchAll(/<wp:docPr id="(\d+)"/g)].map((m) => m[1]));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives the picture plain alt text: soft hyphens in the caption are for its line breaks, not for a screen reader', async () => {
    const doc = testDocument();
    const blocks = doc.blocks.map((b) => (b.kind === 'image' ? { ...b, caption: 'Окрест\u00adно\u00adсти Сер\u00adпу\u00adхо\u00adва', alt: 'По\u00adле' } : b));
    const hyphenated = strFromU8(unzipSync((await flowToDocx({ ...doc, blocks }, brand)).data)['word/document.xml']!);
    const docPr = /<wp:docPr ([^>]*)\/?>/.exec(hyphenated)![1]!;
    expect(docPr).toContain('title="Окрестности Серпухова"');
    expect(docPr).toContain('descr="Поле"');
    // The caption under the picture keeps them, as Word's own soft hyphens.
    expect(hyphenated).toContain('<w:t xml:space="preserve">Окрест</w:t><w:softHyphen/>');
  });

  it('has the running header with the logo and a footer with PAGE and NUMPAGES fields', () => {
    const header = xml('word/header1.xml');
    expect(textOf(header)).toContain(brand.runningHeader);
    if (brand.logo) expect(header).toContain('<pic:pic');
    expect(header).toContain(`w:color="${brand.colors.accent}"`);
    const footer = xml('word/footer1.xml');
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(textOf(footer)).toContain('Стр.\u00a0');
    expect(textOf(footer)).toContain('\u00a0из\u00a0');
  });

  it('builds without a logo file and without a level-1 heading (no Title then, headings keep their level)', async () => {
    const doc = testDocument();
    doc.blocks = doc.blocks.filter((b) => !(b.kind === 'heading' && b.level === 1));
    const built = (await flowToDocx(doc, { ...brand, logo: join(tmpdir(), 'no-such-logo.png') })).data;
    expect(() => assertValidOoxmlPackage(built)).not.toThrow();
    const out = unzipSync(built);
    expect(strFromU8(out['word/header1.xml']!)).not.toContain('<pic:pic');
    expect(textOf(strFromU8(out['word/header1.xml']!))).toContain(brand.runningHeader);
    const body = strFromU8(out['word/document.xml']!);
    expect(body).not.toContain('<w:pStyle w:val="Title"/>');
    expect(body).toMatch(/<w:pStyle w:val="Heading2"\/>.*?История партнёрства/s);
    // The footer falls back to the document's title from its properties.
    expect(textOf(strFromU8(out['word/footer1.xml']!))).toContain('Серпухов — Ричмонд');
  });

  it('takes the footer words from labels (for the English edition)', async () => {
    const en = unzipSync((await flowToDocx(testDocument(), brand, { page: 'Page', of: 'of' })).data);
    const footer = textOf(strFromU8(en['word/footer1.xml']!));
    expect(footer).toContain('Page\u00a0');
    expect(footer).toContain('\u00a0of\u00a0');
    expect(footer).not.toContain('Стр.');
  });

  it('writes soft and non-breaking hyphens as Word elements and drops characters XML forbids', async () => {
    const doc = testDocument();
    doc.blocks.push({ kind: 'paragraph', runs: [{ text: 'в рамках празднования 55\u2011летия муници\u00ADпального\u0007 района' }] });
    const built = (await flowToDocx(doc, brand)).data;
    expect(() => assertValidOoxmlPackage(built)).not.toThrow();
    const out = unzipSync(built);
    const body = strFromU8(out['word/document.xml']!);
    expect(body).toContain('55</w:t><w:noBreakHyphen/><w:t xml:space="preserve">летия муници</w:t><w:softHyphen/><w:t xml:space="preserve">пального района');
  });

  it('embeds the four PT Sans faces, obfuscated with keys that decode them to TrueType', () => {
    const table = xml('word/fontTable.xml');
    expect(table).toContain('<w:font w:name="PT Sans">');
    // The signature is PT Sans's own: Cyrillic in the Unicode ranges (bit 9) and code pages (1251, bit 2).
    const sig = /<w:sig w:usb0="([0-9A-F]{8})"[^>]*w:csb0="([0-9A-F]{8})"/.exec(table)!;
    expect(parseInt(sig[1]!, 16) & (1 << 9)).not.toBe(0);
    expect(parseInt(sig[2]!, 16) & (1 << 2)).not.toBe(0);
    const rels = xml('word/_rels/fontTable.xml.rels');
    const embeds = [...table.matchAll(/<w:embed(Regular|Bold|Italic|BoldItalic) r:id="([^"]+)" w:fontKey="([^"]+)"\/>/g)];
    expect(embeds.map((m) => m[1]).sort()).toEqual(['Bold', 'BoldItalic', 'Italic', 'Regular']);
    for (const [, , id, key] of embeds) {
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
      expect(target).toMatch(/^fonts\/font\d\.odttf$/);
      const font = obfuscateFont(parts[`word/${target}`]!, key!);
      expect(Buffer.from(font.subarray(0, 4)).toString('hex')).toBe('00010000');
      // The key is the font's own hash: same font, same key, same bytes in every build.
      expect(key).toBe(fontKeyFor(font));
    }
    expect(xml('word/settings.xml')).toContain('<w:embedTrueTypeFonts/>');
  });

  it('writes the document properties: title, author, subject, fixed dates, council-press as the application', () => {
    const core = xml('docProps/core.xml');
    expect(core).toContain('<dc:title>Серпухов — Ричмонд</dc:title>');
    expect(core).toContain('<dc:creator>Совет муниципальных образований Московской области</dc:creator>');
    expect(core).toContain('<dc:subject>Справка о партнёрстве городов-побратимов</dc:subject>');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01T09:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2024-05-01T09:00:00Z</dcterms:modified>');
    expect(xml('docProps/app.xml')).toContain('<Application>council-press 0.1.0</Application>');
  });

  it('is byte-identical across builds, under another clock, and in another process and time zone', async () => {
    const again = (await flowToDocx(testDocument(), brand)).data;
    expect(again.equals(data)).toBe(true);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-12-31T23:59:59Z'));
    const later = (await flowToDocx(testDocument(), brand)).data;
    vi.useRealTimers();
    expect(later.equals(data)).toBe(true);

    const child = buildInFreshProcess('test/writers/docx/child-build.ts', { ...process.env, TZ: 'Pacific/Kiritimati' });
    expect(child.status, child.stderr).toBe(0);
    expect(child.data?.equals(data)).toBe(true);
  });
});

describe('flowToDocx in LibreOffice', () => {
  it('converts to PDF with the Cyrillic text set in PT Sans, and renders pages to look at', async (ctx) => {
    requireSofficeOrSkip(ctx);
    requirePopplerOrSkip(ctx);
    const pdf = await convertToPdf(join(OUT, 'brief.docx'), OUT);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const s of ['Серпухов — Ричмонд', 'История партнёрства', 'Дружба городов — это дружба людей.', brand.runningHeader, 'Стр. 1 из 2']) {
      expect(text).toContain(s);
    }
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f.baseName).toMatch(/^PTSans-/);
    expect(fonts.map((f) => f.baseName)).toEqual(expect.arrayContaining(['PTSans-Regular', 'PTSans-Bold', 'PTSans-Italic']));
    const pngs = pdfToPngs(pdf, join(OUT, 'brief-page'), 50);
    expect(pngs.length).toBe(2);
  });

  it('uses the embedded fonts on a machine without PT Sans', (ctx) => {
    requireToolsOrSkip(ctx, ['soffice', 'fc-list', 'flock', 'timeout']);
    requirePopplerOrSkip(ctx);
    // The system's fontconfig only: without the project's fonts.conf PT Sans can come from nowhere
    // but the DOCX itself (unless the machine has it installed, which would prove nothing).
    const env = { ...process.env };
    delete env.FONTCONFIG_FILE;
    if (run('fc-list', [':family=PT Sans'], { env }).stdout.trim() !== '') ctx.skip('PT Sans is installed system-wide here');
    const dir = mkdtempSync(join(tmpdir(), 'docx-embedded-'));
    try {
      // Serialised with the other conversions through the same lock file as test/support/libreoffice.ts.
      const lo = spawnSync(
        'flock',
        [join(tmpdir(), 'council-press-soffice.lock'), 'timeout', '-k', '10', '120', 'soffice', '--headless', '--norestore',
          `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--convert-to', 'pdf', '--outdir', dir, join(OUT, 'brief.docx')],
        { env, encoding: 'utf8', timeout: 300_000 },
      );
      expect(lo.status, lo.stderr).toBe(0);
      const fonts = pdfFonts(join(dir, 'brief.pdf')).map((f) => f.baseName);
      expect(fonts).toEqual(expect.arrayContaining(['PTSans-Regular', 'PTSans-Bold', 'PTSans-Italic']));
      expect(fonts.every((f) => f.startsWith('PTSans-'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
