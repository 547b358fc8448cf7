// Hand-made documents for the PDF writer's tests: a handout with every block kind, a long
// document for pagination, and a LaidDeck with hand-made lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Block, DocumentMeta, FlowDocument, Run } from '../../src/document/model.js';
import type { LaidDeck, LaidParagraph } from '../../src/layout/model.js';
import type { Brand } from '../../src/templates/brand-model.js';
import { REPO_ROOT } from '../support/fontconfig.js';


export { testBrand } from '../support/brand.js';

export const meta: DocumentMeta = {
  title: 'Серпухов — Ричмонд',
  author: 'Совет муниципальных образований Московской области',
  subject: 'Побратимские связи',
  lang: 'ru',
  langTag: 'ru-RU',
  date: new Date('2024-01-01T00:00:00Z'),
  producer: 'council-press 0.1.0',
};

const t = (text: string, extra: Omit<Extract<Run, { text: string }>, 'text'> = {}): Run => ({ text, ...extra });
const para = (...runs: Run[]): Block => ({ kind: 'paragraph', runs });
const heading = (level: 1 | 2 | 3, text: string): Block => ({ kind: 'heading', level, runs: [t(text)] });

export const SENTENCES = [
  'Первая делегация города Ричмонд прибыла в Серпухов в 1990 году.',
  'Вначале связи осуществлялись в виде ознакомительных поездок, затем Серпухов подключился к программе «Открытый мир», предусматривающей обмен профильными делегациями, включая педагогов, врачей и т.\u00A0д.',
  'Побратимские отношения наших городов способствуют ознакомлению с жизнью, историей, культурой, традициями и обычаями друг друга и народа его страны, их живому обсуждению с привлечением широких кругов городской общественности, населения, и иных городских учреждений и организаций, СМИ.',
];

export const COUNCIL_MESSAGE: Run[] = [
  t('Нормальные рабочие отношения между нашими странами очень важны для всего мира, потому что ядерные державы должны совместно решать ключевые вопросы мировой безопасности, а не конфликтовать друг с другом.'),
  { break: true },
  t('Муниципальная дипломатия, побратимские связи на уровне городов\u00A0— ключ к нормализации отношений.'),
];

/** A small PNG drawn in memory (a blue-to-red gradient), so the test needs no asset files. */
export function testPng(): { data: Buffer; widthPx: number; heightPx: number } {
  // The project's logo is a real PNG; use it when present for realism, else fail loudly.
  const data = readFileSync(join(REPO_ROOT, 'templates/logo.png'));
  return { data, widthPx: data.readUInt32BE(16), heightPx: data.readUInt32BE(20) };
}

export function handout(): FlowDocument {
  const png = testPng();
  return {
    kind: 'flow',
    meta,
    blocks: [
      heading(1, 'Серпухов — Ричмонд'),
      {
        kind: 'facts',
        facts: [
          { label: 'Город-побратим', value: [t('Ричмонд, штат Индиана')] },
          { label: 'С года', value: [t('1990')] },
          { label: 'Программы', value: [t('«Открытый мир»')] },
        ],
      },
      para(t(SENTENCES[0]!)),
      para(t('Вначале связи осуществлялись в виде '), t('ознакомительных поездок', { bold: true }), t(', затем Серпухов подключился к программе '), t('«Открытый мир»', { italic: true }), t(', предусматривающей обмен профильными делегациями, включая педагогов, врачей и т.\u00A0д.')),
      heading(2, 'Направления сотрудничества'),
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: [
          { blocks: [para(t('Обмен делегациями педагогов и врачей'))] },
          {
            blocks: [
              para(t('Культурные программы:')),
              { kind: 'list', ordered: true, start: 1, items: [{ blocks: [para(t('выставки'))] }, { blocks: [para(t('концерты и фестивали'))] }] },
            ],
          },
          { blocks: [para(t('Подробнее: '), t('сайт Совета', { href: 'https://example.org/smo' }))] },
        ],
      },
      para(t(SENTENCES[2]!)),
      {
        kind: 'table',
        align: ['left', 'right', 'left'],
        header: [[t('Город')], [t('С года')], [t('Штат')]],
        rows: [
          [[t('Серпухов')], [t('1990')], [t('Индиана')]],
          [[t('Чехов')], [t('1992')], [t('Нью-Йорк')]],
          [[t('Дубна')], [t('1992')], [t('Висконсин')]],
        ],
      },
      {
        kind: 'image',
        path: join(REPO_ROOT, 'templates/logo.png'),
        alt: 'Эмблема Совета',
        caption: 'Эмблема Совета муниципальных образований',
        credit: 'Рисунок: council-press',
        ...png,
        format: 'png',
      },
      {
        kind: 'chart',
        title: 'Делегации по годам',
        labels: ['2016', '2017', '2018', '2019'],
        series: [{ name: 'Делегации', values: [3, 5, 2, 6] }],
      },
      {
        kind: 'quote',
        blocks: [para(t('Из обращения Совета:')), { kind: 'list', ordered: false, start: 1, items: [{ blocks: [para(t('побратимские связи городов'))] }] }],
      },
      heading(2, 'Позиция Совета'),
      { kind: 'quote', blocks: [para(t('Муниципальная дипломатия — ключ к нормализации отношений.'))] },
    ],
  };
}

/** Many sections of varying length: headings land near page bottoms by construction. */
export function longDocument(sections = 24, shift = 0): FlowDocument {
  const blocks: Block[] = [heading(1, 'Муниципальная дипломатия Подмосковья')];
  // One-line paragraphs that move everything after them down, so variants hit every page position.
  for (let k = 0; k < shift; k++) blocks.push(para(t(SENTENCES[0]!)));
  for (let i = 0; i < sections; i++) {
    blocks.push(heading(2, `Раздел ${i + 1}: побратимские связи`));
    const n = 1 + (i % 4);
    for (let k = 0; k < n; k++) blocks.push(para(t(SENTENCES[(i + k) % 3]!.repeat(1 + ((i * 7 + k) % 3)))));
  }
  const years = Array.from({ length: 20 }, (_, i) => String(2001 + i));
  blocks.push({
    kind: 'chart',
    title: 'Делегации и проекты по годам',
    labels: years,
    series: [
      { name: 'Делегации', values: years.map((_, i) => (i * 7) % 9) },
      { name: 'Проекты', values: years.map((_, i) => (i * 5) % 4) },
    ],
  });
  return { kind: 'flow', meta: { ...meta, title: 'Муниципальная дипломатия' }, blocks };
}

function laidPara(lines: string[], size: number, extra: Partial<LaidParagraph> = {}): LaidParagraph {
  return {
    runs: [t(lines.join(' '))],
    lines: lines.map((text) => ({ runs: [{ text }], width: 0 })),
    fontSize: size,
    lineHeight: size * 1.2,
    spaceBefore: size * 0.5,
    color: 'text',
    align: 'left',
    indent: 0,
    ...extra,
  };
}

export function laidDeck(brand: Brand): LaidDeck {
  return {
    meta: { ...meta, title: 'Совет муниципальных образований Московской области' },
    brand,
    slides: [
      {
        layout: 'title',
        number: 1,
        continued: false,
        notes: [],
        frames: [
          {
            kind: 'text',
            role: 'title',
            box: { x: 0.6, y: 2.7, w: 8.2, h: 2.6 },
            valign: 'top',
            paragraphs: [laidPara(['совет', 'муниципальных', 'образований', 'московской области'], 40, { bold: true, color: 'primary' })],
          },
          {
            kind: 'text',
            role: 'subtitle',
            box: { x: 0.6, y: 5.6, w: 8.2, h: 1.1 },
            valign: 'top',
            paragraphs: [laidPara(['Олег Борисович Иванов'], 24, { bold: true }), laidPara(['Исполнительный директор'], 20, { color: 'muted' })],
          },
        ],
      },
      {
        layout: 'partnership',
        number: 2,
        continued: false,
        notes: [],
        frames: [
          { kind: 'text', role: 'title', box: { x: 0.6, y: 0.8, w: 12.1, h: 0.95 }, valign: 'middle', paragraphs: [laidPara(['Серпухов — Ричмонд'], 36, { bold: true, color: 'primary' })] },
          {
            kind: 'text',
            role: 'body',
            box: { x: 0.6, y: 1.9, w: 7.4, h: 4.8 },
            valign: 'top',
            paragraphs: [
              laidPara(['Первая делегация города Ричмонд', 'прибыла в Серпухов в 1990 году.'], 22),
              laidPara(['Обмен делегациями педагогов,', 'врачей и т. д.'], 22, { bullet: { ordered: false, number: 1, level: 0 }, indent: 26 }),
              laidPara(['Программа «Открытый мир»'], 22, { bullet: { ordered: true, number: 2, level: 0 }, indent: 26 }),
            ],
          },
          { kind: 'chart', box: { x: 8.3, y: 1.9, w: 4.4, h: 3.0 }, chart: { kind: 'chart', title: 'Делегации', labels: ['2018', '2019'], series: [{ name: 'Делегации', values: [2, 4] }] } },
          {
            kind: 'table',
            box: { x: 8.3, y: 5.1, w: 4.4, h: 1.2 },
            table: { kind: 'table', align: ['left', 'right'], header: [[t('Город')], [t('С года')]], rows: [[[t('Серпухов')], [t('1990')]]] },
            fontSize: 16,
            columnWidths: [2.6, 1.8],
            rowHeight: 0.4,
          },
        ],
      },
    ],
  };
}
