// The PDF writer read back with poppler and qpdf: Cyrillic text in order, PT Sans embedded (no
// Helvetica), metadata, page numbers, pagination rules, byte-identical builds, valid structure.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { HyphenationFunctionSync } from 'hyphen';
import { beforeAll, describe, expect, it } from 'vitest';
import { flowToPdf, laidDeckToPdf } from '../../src/writers/pdf/index.js';
import { linesToTake } from '../../src/writers/pdf/flow-text.js';
import type { Brand } from '../../src/templates/brand-model.js';
import { REPO_ROOT } from '../support/fontconfig.js';
import { run } from '../support/tools.js';
import { flattenPng } from '../../src/writers/pdf/logo.js';
import { linePieces } from '../../src/writers/pdf/deck.js';
import { breakLines, measure } from '../../src/writers/pdf/text.js';
import { createPdf } from '../../src/writers/pdf/document.js';
import { pdfBBoxWords, pdfFonts, pdfInfo, pdfText, pdfToPngs, qpdfCheck, requirePopplerOrSkip } from '../support/poppler.js';
import { COUNCIL_MESSAGE, SENTENCES, handout, laidDeck, longDocument, meta, testBrand } from './pdf-fixtures.js';

// hyphen is CommonJS with one module per language; the typings declare them as ES modules.
const hyphenateRu = (createRequire(import.meta.url)('hyphen/ru') as { hyphenateSync: HyphenationFunctionSync }).hyphenateSync;
const OUT = join(REPO_ROOT, 'test/.out/pdf');
let brand: Brand;
const files: Record<string, string> = {};
const bytes: Record<string, Buffer> = {};

const norm = (s: string): string => s.replace(/[\u00A0\s]+/g, ' ').trim();

beforeAll(async () => {
  brand = await testBrand();
  mkdirSync(OUT, { recursive: true });
  const builds: Record<string, () => Promise<{ data: Buffer }>> = {
    handout: () => flowToPdf(handout(), brand, { labels: { page: 'Стр.', of: 'из' }, pullQuote: COUNCIL_MESSAGE }),
    hyphenated: () => flowToPdf(handout(), brand, { labels: { page: 'Стр.', of: 'из' }, pullQuote: COUNCIL_MESSAGE, hyphenate: (w) => hyphenateRu(w) }),
    long: () => flowToPdf(longDocument(), brand, { labels: { page: 'Стр.' } }),
    deck: () => laidDeckToPdf(laidDeck(brand)),
  };
  for (const [name, build] of Object.entries(builds)) {
    bytes[name] = (await build()).data;
    files[name] = join(OUT, `${name}.pdf`);
    writeFileSync(files[name]!, bytes[name]!);
  }
});

describe('widow/orphan arithmetic', () => {
  it('keeps at least two lines on each side of a page break', () => {
    expect(linesToTake(5, 10, 2)).toBe(5);
    expect(linesToTake(5, 4, 2)).toBe(3);
    expect(linesToTake(5, 1, 2)).toBe(0);
    expect(linesToTake(3, 2, 2)).toBe(0);
    expect(linesToTake(10, 6, 2)).toBe(6);
  });
});

describe('breakLines', () => {
  const doc = (): PDFKit.PDFDocument => createPdf({ width: 100, height: 100, meta, fonts: brand.fonts.files });
  const texts = (lines: ReturnType<typeof breakLines>): string[] => lines.map((l) => l.pieces.map((p) => p.text).join('').trimEnd());

  it('breaks at spaces, never at a no-break space, and keeps every line within the width', () => {
    const d = doc();
    const runs = [{ text: 'Муниципальная дипломатия, побратимские связи на уровне городов\u00A0— ключ к нормализации отношений.' }];
    const width = measure(d, 'regular', 11, 'Муниципальная дипломатия, побратимские');
    const lines = breakLines(d, runs, { size: 11, width });
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(width + 0.01);
    expect(texts(lines).join(' ')).toBe(runs[0]!.text);
    expect(texts(lines).some((t) => t.startsWith('—'))).toBe(false);
  });

  it('a paragraph broken again (any document with the same faces) gives the same lines and leaves the same face selected', () => {
    const selected = (d: PDFKit.PDFDocument) => {
      const s = d as unknown as { _font: { name: string }; _fontSize: number };
      return [s._font.name, s._fontSize];
    };
    const runs = [{ text: 'Дубна и Ла-Кросс: договор о побратимстве 1992 года, ' }, { text: 'обмены школьниками и учёными', italic: true }];
    const width = measure(doc(), 'regular', 13, 'Дубна и Ла-Кросс: договор о');
    const first = doc();
    const lines = breakLines(first, runs, { size: 13, width, bold: true });
    const after = selected(first);
    expect(lines.length).toBeGreaterThan(1);
    // The caller owns what it gets: changing it changes nothing for the next caller.
    const expected = structuredClone(lines);
    lines[0]!.pieces[0]!.text = 'changed';
    const second = doc();
    measure(second, 'regular', 7, 'x');
    expect(breakLines(second, runs, { size: 13, width, bold: true })).toEqual(expected);
    expect(selected(second)).toEqual(after);
    // Other options, other lines: width, and the hyphenator (a function, told apart by identity).
    expect(breakLines(doc(), runs, { size: 13, width: width * 2, bold: true }).length).toBeLessThan(expected.length);
    const long = [{ text: 'достопримечательностями достопримечательностями' }];
    const narrow = measure(doc(), 'regular', 11, 'достопримечательностя');
    const hyphenated = breakLines(doc(), long, { size: 11, width: narrow, hyphenate: (w) => hyphenateRu(w) });
    const plain = breakLines(doc(), long, { size: 11, width: narrow, hyphenate: (w) => w });
    expect(texts(hyphenated)[0]).toMatch(/-$/);
    expect(texts(plain)[0]).not.toMatch(/-$/);
  });

  it('breaks at a soft hyphen with a visible hyphen, and drops the other soft hyphens', () => {
    const d = doc();
    const text = 'побра\u00ADтим\u00ADски\u00ADми от\u00ADно\u00ADше\u00ADни\u00ADя\u00ADми';
    const width = measure(d, 'regular', 11, 'побратимскими отно-');
    const lines = texts(breakLines(d, [{ text }], { size: 11, width }));
    expect(lines[0]).toMatch(/^побратимскими \S+-$/);
    expect(lines.join('').replace(/-/g, '')).toBe('побратимскими отношениями');
  });

  it('hyphenates through the option and splits an unbreakable URL to fit', () => {
    const d = doc();
    const hy = breakLines(d, [{ text: 'сотрудничество достопримечательностями' }], {
      size: 11,
      width: measure(d, 'regular', 11, 'сотрудничество достоприме'),
      hyphenate: (w) => hyphenateRu(w),
    });
    expect(texts(hy)[0]).toMatch(/-$/);
    const url = 'https://example.org/a/very/long/path/that/cannot/fit/on/one/line/at/all';
    const lines = breakLines(d, [{ text: url, href: url }], { size: 11, width: 60 });
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(60.01);
    expect(lines.every((l) => l.pieces.every((p) => p.href === url))).toBe(true);
  });

  it('keeps bold and italic runs as separate pieces and glues a word split across runs', () => {
    const d = doc();
    const [line] = breakLines(d, [{ text: 'обмен ' }, { text: 'делега', bold: true }, { text: 'циями' }], { size: 11, width: 500 });
    expect(line!.pieces.map((p) => [p.text, p.face])).toEqual([
      ['обмен ', 'regular'],
      ['делега', 'bold'],
      ['циями', 'regular'],
    ]);
  });
});

describe('flowToPdf', () => {
  it('is byte-identical across builds', async () => {
    const again = await flowToPdf(handout(), brand, { labels: { page: 'Стр.', of: 'из' }, pullQuote: COUNCIL_MESSAGE });
    expect(again.data.equals(bytes.handout!)).toBe(true);
    expect(bytes.handout!.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  });

  it('extracts the Cyrillic text in reading order', (ctx) => {
    requirePopplerOrSkip(ctx);
    const text = norm(pdfText(files.handout!));
    const order = [
      'совет муниципальных образований московской области',
      'Серпухов — Ричмонд',
      'Город-побратим',
      'Ричмонд, штат Индиана',
      'Нормальные рабочие отношения',
      SENTENCES[0]!,
      'ознакомительных поездок',
      'Направления сотрудничества',
      'Обмен делегациями педагогов и врачей',
      'концерты и фестивали',
      norm(SENTENCES[2]!),
      'Висконсин',
      'Эмблема Совета муниципальных образований',
      'Делегации по годам',
      'Муниципальная дипломатия — ключ к нормализации отношений.',
    ];
    let at = -1;
    for (const s of order) {
      const found = text.indexOf(norm(s), at + 1);
      expect(found, `«${s}» after position ${at}`).toBeGreaterThan(at);
      at = found;
    }
    expect(text).not.toMatch(/\u00AD/);
  });

  it('embeds PT Sans subsets and never Helvetica', (ctx) => {
    requirePopplerOrSkip(ctx);
    for (const name of ['handout', 'long', 'deck']) {
      const fonts = pdfFonts(files[name]!);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) {
        expect(f.baseName, name).toMatch(/^PTSans-/);
        expect(f.embedded && f.subset && f.unicode).toBe(true);
      }
    }
    expect(pdfFonts(files.handout!).map((f) => f.baseName).sort()).toEqual(['PTSans-Bold', 'PTSans-Italic', 'PTSans-Regular']);
  });

  it('writes the document properties', (ctx) => {
    requirePopplerOrSkip(ctx);
    const info = pdfInfo(files.handout!);
    expect(info['Title']).toBe(meta.title);
    expect(info['Author']).toBe(meta.author);
    expect(info['Subject']).toBe(meta.subject);
    expect(info['Producer']).toBe(meta.producer);
    expect(info['Creator']).toBe(meta.producer);
    expect(info['Tagged']).toBe('yes');
    expect(info['PDF version']).toBe('1.7');
    expect(info['Page size']).toMatch(/^595\.2\d* x 841\.8\d* pts \(A4\)/);
    expect(Number(info['Pages'])).toBeGreaterThanOrEqual(2);
  });

  it('numbers the pages «Стр. N из M» in the footer (the count drawn once every page is laid out)', (ctx) => {
    requirePopplerOrSkip(ctx);
    const pages = pdfText(files.handout!).split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => expect(norm(page)).toContain(`Стр. ${i + 1} из ${pages.length}`));
    expect(norm(pdfText(files.handout!, { firstPage: 2, lastPage: 2 }))).toContain(`Стр. 2 из ${pages.length}`);
    // Without the `of` word the footer keeps the short form.
    expect(norm(pdfText(files.long!, { firstPage: 1, lastPage: 1 }))).toMatch(/Стр\. 1(?! из)/);
  });

  it('passes qpdf --check', (ctx) => {
    requirePopplerOrSkip(ctx, { qpdf: true });
    for (const name of Object.keys(files)) {
      const r = qpdfCheck(files[name]!);
      expect(r.ok, `${name}: ${r.output}`).toBe(true);
      expect(r.warnings, `${name}: ${r.output}`).toBe(false);
    }
  });

  it('paginates a long document without stranding a heading at a page bottom', (ctx) => {
    requirePopplerOrSkip(ctx);
    const pages = pdfText(files.long!, { layout: true }).split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(4);
    pages.forEach((page, i) => {
      const lines = page.split('\n').map((l) => l.trim()).filter(Boolean);
      // The last lines are the footer (title, «Стр. N»); the one before is the body's last line.
      const footer = lines.findIndex((l) => l.includes(`Стр. ${i + 1}`));
      expect(footer, `page ${i + 1} has its number`).toBeGreaterThan(0);
      const lastBody = lines[footer - 1]!;
      expect(lastBody, `page ${i + 1} ends with a heading`).not.toMatch(/^Раздел \d+/);
    });
  });

  it('keeps the handout\'s headings with what follows them', (ctx) => {
    requirePopplerOrSkip(ctx);
    const headings = ['Направления сотрудничества', 'Позиция Совета'];
    const pages = pdfText(files.handout!, { layout: true }).split('\f').filter((p) => p.trim());
    pages.forEach((page, i) => {
      const lines = page.split('\n').map((l) => l.trim()).filter(Boolean);
      const footer = lines.findIndex((l) => l.includes(`Стр. ${i + 1}`));
      expect(headings, `page ${i + 1}`).not.toContain(lines[footer - 1]);
    });
  });

  it('never leaves one line of a split paragraph alone at a page bottom or top', async (ctx) => {
    requirePopplerOrSkip(ctx);
    let splits = 0;
    for (let shift = 0; shift < 4; shift++) {
      const file = join(OUT, `long-shift-${shift}.pdf`);
      writeFileSync(file, (await flowToPdf(longDocument(14, shift), brand, { labels: { page: 'Стр.' } })).data);
      splits += checkSplits(file);
    }
    expect(splits, 'the long documents split some paragraphs across pages').toBeGreaterThan(4);
  });

  /** Checks each paragraph split across pages in a long document; returns how many there were. */
  function checkSplits(file: string): number {
    const mm = 72 / 25.4;
    const pages = pdfBBoxWords(file);
    // Body lines per page, grouped into blocks: lines of one paragraph are exactly one line height
    // apart; paragraphs and headings are separated by more.
    const blocks = pages.map((page) => {
      const body = page.words.filter((w) => w.yMin > brand.page.margins.top * mm - 2 && w.yMax < page.height - brand.page.margins.bottom * mm + 2);
      const lines = new Map<number, string[]>();
      for (const w of body) {
        const key = Math.round(w.yMax);
        lines.set(key, [...(lines.get(key) ?? []), w.text]);
      }
      const ys = [...lines.keys()].sort((a, b) => a - b);
      const groups: { ys: number[]; text: string[] }[] = [];
      ys.forEach((y, i) => {
        const lh = brand.page.bodySize * brand.page.lineHeight;
        if (i === 0 || y - ys[i - 1]! > lh * 1.1) groups.push({ ys: [], text: [] });
        groups.at(-1)!.ys.push(y);
        groups.at(-1)!.text.push(lines.get(y)!.join(' '));
      });
      return groups;
    });
    let splits = 0;
    blocks.forEach((groups, p) => {
      const last = groups.at(-1)!;
      const continues = !/[.:]$/.test(last.text.at(-1)!) && !/^Раздел/.test(last.text.at(-1)!);
      if (!continues || p === blocks.length - 1) return;
      splits++;
      expect(last.text.length, `${file}: page ${p + 1} ends with an orphan: ${last.text.at(-1)}`).toBeGreaterThanOrEqual(2);
      const next = blocks[p + 1]![0]!;
      expect(next.text.length, `${file}: page ${p + 2} starts with a widow: ${next.text[0]}`).toBeGreaterThanOrEqual(2);
    });
    return splits;
  }

  it('hyphenates with soft hyphens when given a hyphenator, and extracts whole words elsewhere', (ctx) => {
    requirePopplerOrSkip(ctx);
    const raw = pdfText(files.hyphenated!, { layout: true });
    expect(raw).toMatch(/[а-яё]-\n/);
    expect(raw).not.toMatch(/\u00AD/);
    const plain = pdfText(files.handout!, { layout: true });
    expect(plain).not.toMatch(/[а-яё]-\n/);
  });

  it('keeps every mark 5 mm from the paper edge', async (ctx) => {
    requirePopplerOrSkip(ctx);
    const [png] = pdfToPngs(files.handout!, join(OUT, 'edge'), 72);
    expect(png).toBeDefined();
    // 5 mm at 72 dpi = 14 px: rows and columns inside that border must be white.
    const { PNG } = await import('pngjs');
    const img = PNG.sync.read(readFileSync(png!));
    const border = 13;
    let dirty = 0;
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        if (x >= border && x < img.width - border && y >= border && y < img.height - border) continue;
        const i = (y * img.width + x) * 4;
        if (img.data[i]! + img.data[i + 1]! + img.data[i + 2]! < 765) dirty++;
      }
    }
    expect(dirty).toBe(0);
  });
});

describe('details', () => {
  it('tags the structure: headings, paragraphs, lists, tables, figures with alt text, links', (ctx) => {
    requirePopplerOrSkip(ctx);
    const tree = run('pdfinfo', ['-struct-text', files.handout!]).stdout;
    const tags = new Set([...tree.matchAll(/^\s*([A-Za-z0-9]+)(?: \(\w+\))?$/gm)].map((m) => m[1]));
    for (const tag of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Table', 'TR', 'TH', 'TD', 'Figure', 'Caption', 'BlockQuote', 'Link']) {
      expect(tags, tag).toContain(tag);
    }
    expect(tree).toMatch(/H1 \(block\)\n\s+"Серпухов — Ричмонд"/);
    expect(tree).toMatch(/Link \(inline\)\n\s+"сайт Совета"/);
    // Page furniture is not in the tree: the running header appears only as an artifact.
    expect(tree).not.toContain('совет муниципальных образований московской области');
    const deckTree = run('pdfinfo', ['-struct-text', files.deck!]).stdout;
    expect(deckTree).toMatch(/H1 \(block\)\n\s+"Серпухов — Ричмонд"/);
  });

  it('turns links into URI annotations', (ctx) => {
    requirePopplerOrSkip(ctx);
    const urls = run('pdfinfo', ['-url', files.handout!]).stdout;
    expect(urls).toMatch(/^\s*1\s+Annotation\s+https:\/\/example\.org\/smo$/m);
  });

  it('sets body text in pure black (K only), not RGB black', (ctx) => {
    requirePopplerOrSkip(ctx, { qpdf: true });
    const qdf = join(OUT, 'handout.qdf');
    run('qpdf', ['--qdf', '--object-streams=disable', files.handout!, qdf]);
    const content = readFileSync(qdf, 'latin1');
    expect(content).toMatch(/\/DeviceCMYK cs\n0 0 0 1 scn/);
    expect(content).not.toMatch(/\/DeviceRGB cs\n0 0 0 scn/);
  });

  it('builds without a logo', async (ctx) => {
    requirePopplerOrSkip(ctx);
    const file = join(OUT, 'nologo.pdf');
    writeFileSync(file, (await flowToPdf(handout(), { ...brand, logo: '' })).data);
    expect(norm(pdfText(file))).toContain('Серпухов — Ричмонд');
  });

  it('flattens the logo to a small opaque RGB PNG', async () => {
    const { PNG } = await import('pngjs');
    const src = readFileSync(join(REPO_ROOT, 'templates/logo.png'));
    const out = PNG.sync.read(flattenPng(src, 100, 'FFFFFF'));
    expect(Math.max(out.width, out.height)).toBeLessThanOrEqual(200);
    expect(out.width).toBeGreaterThanOrEqual(100);
    // No transparency left: the corner (transparent in the source) is now white.
    expect([...out.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    const notPng = Buffer.from('not a png');
    expect(flattenPng(notPng, 100, 'FFFFFF')).toBe(notPng);
  });

  it('draws a layout line broken at a soft hyphen with a visible hyphen and no soft hyphens', () => {
    const doc = createPdf({ width: 100, height: 100, meta, fonts: brand.fonts.files });
    const pieces = linePieces(doc, { runs: [{ text: 'побра\u00ADтим\u00AD' }], width: 0 }, 12, false);
    expect(pieces.map((p) => p.text).join('')).toBe('побратим-');
  });
});

describe('laidDeckToPdf', () => {
  it('draws the layout lines at the slide size, with header and numbers after the title slide', (ctx) => {
    requirePopplerOrSkip(ctx);
    const info = pdfInfo(files.deck!);
    expect(info['Pages']).toBe('2');
    expect(info['Page size']).toMatch(/^959\.9\d* x 540 pts/);
    const [title, second] = pdfText(files.deck!, { layout: true }).split('\f');
    const titleLines = title!.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(titleLines.slice(0, 4)).toEqual(['совет', 'муниципальных', 'образований', 'московской области']);
    expect(norm(title!)).toContain('Олег Борисович Иванов Исполнительный директор');
    const secondText = norm(second!);
    expect(secondText).toContain('совет муниципальных образований московской области');
    expect(secondText).toMatch(/ 2$/);
    const lines = second!.split('\n').map((l) => l.trim());
    expect(lines.some((l) => l.startsWith('Первая делегация города Ричмонд'))).toBe(true);
    expect(lines.some((l) => l.startsWith('прибыла в Серпухов в 1990 году.'))).toBe(true);
    expect(secondText).toContain('С года');
  });

  it('is byte-identical across builds', async () => {
    const again = await laidDeckToPdf(laidDeck(brand));
    expect(again.data.equals(bytes.deck!)).toBe(true);
  });

  it('renders pages to PNG for a look', (ctx) => {
    requirePopplerOrSkip(ctx);
    for (const name of Object.keys(files)) {
      const pngs = pdfToPngs(files[name]!, join(OUT, 'png', name), 60);
      expect(pngs.length).toBe(Number(pdfInfo(files[name]!)['Pages']));
    }
  });
});
