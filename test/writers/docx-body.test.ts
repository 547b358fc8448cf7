/**
 * The brief's body is WordprocessingML written as text (src/writers/docx/wordml.ts, body.ts) into
 * a package docx made once (package-shell.ts). Here each brief is also built the way docx's own
 * objects write it (docx/library/, the writer as it was before) and the two packages must be the
 * same bytes, part by part: every block kind, every run format, links with and without fragments,
 * pictures used twice or equal to the logo, lists that start elsewhere or begin with a sub-list,
 * a brief without a Title, the English labels and a brand without a logo.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, FlowDocument } from '../../src/document/model.js';
import type { Brand } from '../../src/templates/brand-model.js';
import { flowToDocx } from '../../src/writers/docx/index.js';
import { testBrand, testDocument, testPng } from './docx/fixture.js';
import { flowToDocx as libraryFlowToDocx } from './docx/library/flow-to-docx.js';

let brand: Brand;
let jpeg: Buffer;

beforeAll(async () => {
  brand = await testBrand();
  jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } }).jpeg().toBuffer();
});

/** The parts that differ, each with where its text first differs: empty when the packages are the same. */
function differences(a: Buffer, b: Buffer): string[] {
  const x = unzipSync(a);
  const y = unzipSync(b);
  const out: string[] = [];
  for (const name of new Set([...Object.keys(x), ...Object.keys(y)])) {
    if (!x[name] || !y[name]) out.push(`${name}: only in ${x[name] ? 'ours' : "docx's"}`);
    else if (Buffer.compare(x[name], y[name]) !== 0) {
      const s = strFromU8(x[name]);
      const t = strFromU8(y[name]);
      let i = 0;
      while (i < s.length && s[i] === t[i]) i++;
      out.push(`${name} at ${i}:\n  ours: …${s.slice(Math.max(0, i - 80), i + 160)}\n  docx: …${t.slice(Math.max(0, i - 80), i + 160)}`);
    }
  }
  return out;
}

async function expectSameAsDocx(doc: FlowDocument, withBrand = brand, labels?: { page: string; of: string }): Promise<Buffer> {
  const ours = (await flowToDocx(doc, withBrand, labels)).data;
  const theirs = (await libraryFlowToDocx(doc, withBrand, labels)).data;
  expect(differences(ours, theirs)).toEqual([]);
  expect(ours.equals(theirs)).toBe(true);
  return ours;
}

function withBlocks(blocks: Block[], title = 'Дубна — Ла-Кросс'): FlowDocument {
  const doc = testDocument();
  return { ...doc, meta: { ...doc.meta, title, subject: undefined }, blocks };
}

const para = (text: string): Block => ({ kind: 'paragraph', runs: [{ text }] });

describe('the brief body written as WordprocessingML', () => {
  it('is the bytes docx writes for the test brief (every block kind)', async () => {
    await expectSameAsDocx(testDocument());
  });

  it('writes run formats, breaks, links and characters the way docx does', async () => {
    await expectSameAsDocx(
      withBlocks([
        { kind: 'heading', level: 1, runs: [{ text: 'Дубна — Ла\u2011Кросс: «дружба» & <партнёрство> "1992" \'г.\'' }] },
        {
          kind: 'paragraph',
          runs: [
            { text: 'Со\u00adтруд\u00adни\u00adче\u00adство\tс табуляцией, ' },
            { text: 'жирный ', bold: true },
            { text: 'курсив', italic: true },
            { text: ' и ', bold: true, italic: true },
            { text: 'npm run build', code: true },
            { break: true },
            { break: true },
            { text: 'ссылка ', href: 'https://example.org/a?x=1&y=2' },
            { text: 'с жирным словом', href: 'https://example.org/a?x=1&y=2', bold: true },
            { text: ' и другая', href: 'https://example.org/b#history' },
            { text: ' якорь в начале', href: '#top' },
            { text: 'управляющие\u0001символы\u0008 и \uFFFE убраны' },
            { break: true },
          ],
        },
        { kind: 'paragraph', runs: [{ break: true }] },
        { kind: 'paragraph', runs: [] },
        { kind: 'heading', level: 4, runs: [{ text: 'Четвёртый уровень', href: 'mailto:sovet@example.org' }] },
        { kind: 'heading', level: 6, runs: [{ text: 'Шестой' }] },
      ]),
    );
  });

  it('numbers lists as docx does: starts, nesting, items that begin with a sub-list or a heading, a second list', async () => {
    await expectSameAsDocx(
      withBlocks([
        {
          kind: 'list',
          ordered: true,
          start: 3,
          items: [
            { blocks: [para('третий'), para('его второй абзац')] },
            { blocks: [{ kind: 'list', ordered: false, start: 1, items: [{ blocks: [para('вложенный сразу')] }] }] },
            { blocks: [{ kind: 'heading', level: 3, runs: [{ text: 'пункт-заголовок' }] }, para('после заголовка')] },
            { blocks: [] },
            { blocks: [{ kind: 'quote', blocks: [para('цитата в пункте')] }] },
          ],
        },
        para('между списками'),
        {
          kind: 'list',
          ordered: true,
          start: 1,
          items: [{ blocks: [para('первый'), { kind: 'list', ordered: true, start: 7, items: [{ blocks: [para('седьмой')] }] }] }],
        },
        { kind: 'list', ordered: true, start: 3, items: [{ blocks: [para('снова с трёх')] }] },
        { kind: 'quote', blocks: [para('цитата'), { kind: 'list', ordered: false, start: 1, items: [{ blocks: [para('в цитате')] }] }] },
      ]),
    );
  });

  it('nests lists deeper than Word has levels', async () => {
    let list: Block = { kind: 'list', ordered: false, start: 1, items: [{ blocks: [para('дно')] }] };
    for (let depth = 0; depth < 10; depth++) list = { kind: 'list', ordered: depth % 2 === 0, start: 1, items: [{ blocks: [para(`уровень ${depth}`), list] }, { blocks: [] }] };
    const xml = strFromU8(unzipSync(await expectSameAsDocx(withBlocks([list])))['word/document.xml']!);
    // Word has list levels 0–8: deeper lists, and their empty items, stay at 8.
    const levels = [...xml.matchAll(/<w:ilvl w:val="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(Math.max(...levels)).toBe(8);
  });

  it('writes tables, facts and charts with links, empty cells and ragged rows as docx does', async () => {
    await expectSameAsDocx(
      withBlocks([
        para('перед таблицей'),
        {
          kind: 'table',
          align: ['center', null, 'right'],
          header: [[{ text: 'Год' }], [{ text: 'Сайт', href: 'https://example.org' }]],
          rows: [[[{ text: '1992' }], [], [{ text: 'лишняя', bold: true }]], [[{ text: 'строка', italic: true }, { break: true }, { text: 'вторая' }]]],
        },
        {
          kind: 'facts',
          facts: [
            { label: 'Сайт', value: [{ text: 'dubna.example', href: 'https://dubna.example/' }] },
            { label: 'Пусто', value: [] },
          ],
        },
        { kind: 'chart', title: 'Без подписи категорий', labels: ['2020', '2021'], series: [{ name: 'Визиты', values: [12] }] },
        { kind: 'chart', title: 'Доли', categoryLabel: 'Год', labels: ['2022'], series: [{ name: 'A', values: [0.5] }, { name: 'B', values: [1234567.891] }] },
        para('после'),
      ]),
    );
  });

  it('writes pictures as docx does: JPEG and PNG, one used twice, one equal to the logo, with and without captions', async () => {
    const png = testPng();
    const logo = readFileSync(brand.logo);
    const image = (path: string, data: Buffer, format: 'png' | 'jpeg', extra: Partial<Block & { kind: 'image' }> = {}): Block => ({
      kind: 'image',
      path,
      alt: `Описание ${path} & "кавычки"`,
      widthPx: format === 'jpeg' ? 40 : data === logo ? 100 : 320,
      heightPx: format === 'jpeg' ? 30 : data === logo ? 100 : 180,
      data,
      format,
      ...extra,
    });
    await expectSameAsDocx(
      withBlocks([
        image('/c/assets/photo.jpg', jpeg, 'jpeg', { caption: 'Фото', credit: 'Автор' }),
        image('/c/assets/field.png', png, 'png'),
        image('/c/assets/again.png', png, 'png', { credit: 'Только автор' }),
        image('/c/assets/logo-copy.png', logo, 'png', { caption: 'Логотип', alt: '' }),
        image('/c/assets/big.png', png, 'png', { widthPx: 4000, heightPx: 3000, caption: 'Уменьшена' }),
        image('/c/assets/photo2.jpg', jpeg, 'jpeg'),
      ]),
    );
  });

  it('is the same without a Title, with the English labels, and for a brand without a logo', async () => {
    const doc = testDocument();
    const noTitle = { ...doc, blocks: doc.blocks.filter((b) => !(b.kind === 'heading' && b.level === 1)) };
    await expectSameAsDocx(noTitle);
    await expectSameAsDocx({ ...doc, meta: { ...doc.meta, lang: 'en', langTag: 'en-US' } }, brand, { page: 'Page', of: 'of' });
    await expectSameAsDocx(doc, { ...brand, logo: '/nonexistent/logo.png' });
    // A title with characters XML escapes, in the footer and the document properties.
    await expectSameAsDocx(withBlocks([para('текст')], 'A & B <"Дружба"> \'1992\''));
  });

  it('gives each brief its own numbering, links and pictures when briefs follow one another', async () => {
    const a = await expectSameAsDocx(testDocument());
    await expectSameAsDocx(withBlocks([para('без списков и ссылок')]));
    const again = await expectSameAsDocx(testDocument());
    expect(again.equals(a)).toBe(true);
  });
});
