/**
 * A small laid-out deck built by hand, for writer tests that must not depend on the layout
 * stage: a title slide, a statement slide, a partnership slide with bullets and a facts panel,
 * a slide with a native chart and a photo, and a table slide. Boxes come from slideGeometry,
 * as the layout stage's would.
 */
import { PNG } from 'pngjs';
import type { ChartBlock, DocumentMeta, ImageBlock, Run, TableBlock, TextRun } from '../../src/document/model.js';
import type { BrandColorName, LaidDeck, LaidParagraph, TextFrame } from '../../src/layout/model.js';
import { slideGeometry } from '../../src/layout/slide-geometry.js';
import type { Brand } from '../../src/templates/brand-model.js';

export const FIXTURE_DATE = new Date('2001-04-12T00:00:00Z');

/** A tiny gradient PNG, so image tests need no file on disk. */
export function tinyPng(width = 64, height = 40): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      png.data[i] = Math.round((255 * x) / width);
      png.data[i + 1] = Math.round((255 * y) / height);
      png.data[i + 2] = 160;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

interface ParaOpts {
  size?: number;
  bold?: boolean;
  color?: BrandColorName;
  align?: LaidParagraph['align'];
  bullet?: LaidParagraph['bullet'];
  spaceBefore?: number;
}

function para(runs: Run[], brand: Brand, o: ParaOpts = {}): LaidParagraph {
  const fontSize = o.size ?? brand.slide.bodySize;
  const level = o.bullet?.level ?? 0;
  return {
    runs,
    lines: [{ runs: runs.filter((r): r is TextRun => 'text' in r), width: 0 }],
    fontSize,
    lineHeight: fontSize * brand.slide.lineHeight,
    spaceBefore: o.spaceBefore ?? 0,
    bold: o.bold,
    color: o.color ?? 'text',
    align: o.align ?? 'left',
    bullet: o.bullet,
    indent: o.bullet ? 24 * (level + 1) : 0,
  };
}

const t = (text: string, extra: Omit<TextRun, 'text'> = {}): TextRun => ({ text, ...extra });

function title(text: string, brand: Brand): TextFrame {
  return {
    kind: 'text',
    role: 'title',
    box: slideGeometry(brand).title,
    valign: 'middle',
    paragraphs: [para([t(text)], brand, { size: brand.slide.titleSize, bold: true, color: 'primary' })],
  };
}

export const SAMPLE = {
  council: ['совет', 'муниципальных образований', 'московской', 'области'],
  director: 'Олег Борисович Иванов',
  directorTitle: 'Исполнительный директор',
  statement: [
    'Совет муниципальных образований Московской области развивает международные связи городов.',
    'Побратимские связи помогают обмену опытом в образовании, культуре и местном самоуправлении.',
  ],
  partnershipTitle: 'Серпухов — Ричмонд',
  bullets: ['Обмены школьников и студентов', 'Программа «Открытый мир»', 'Визиты делегаций'],
  nested: 'Делегации администрации',
  ordered: ['Соглашение о побратимстве', 'Протокол о намерениях'],
  facts: ['Город-побратим: Ричмонд', 'Штат: Индиана', 'С года: 1992'],
  notes: ['Отношения установлены в 1992 году.', 'Ключевая программа — «Открытый мир».'],
  chartTitle: 'Делегации по годам',
  chart: { labels: ['2019', '2020', '2021', '2022'], values: [3, 1, 4, 6] },
  imageAlt: 'Набережная Оки в Серпухове, рисунок',
  caption: 'Набережная, рисунок проекта',
  tableTitle: 'Побратимские связи',
  table: [
    ['Город', 'Город-побратим', 'С года'],
    ['Серпухов', 'Ричмонд', '1992'],
    ['Чехов', 'Саратога-Спрингс', '1990'],
    ['Дубна', 'Ла-Кросс', '1990'],
  ],
} as const;

export function sampleLaidDeck(brand: Brand, meta: Partial<DocumentMeta> = {}): LaidDeck {
  const g = slideGeometry(brand);
  const body = g.body;
  const left = { x: body.x, y: body.y, w: body.w * 0.58, h: body.h };
  const right = { x: body.x + body.w * 0.62, y: body.y, w: body.w * 0.38, h: body.h };
  const councilRuns: Run[] = SAMPLE.council.flatMap((line, i) => (i === 0 ? [t(line)] : [{ break: true }, t(line)]));
  const chart: ChartBlock = {
    kind: 'chart',
    title: SAMPLE.chartTitle,
    labels: [...SAMPLE.chart.labels],
    series: [{ name: 'Делегации', values: [...SAMPLE.chart.values] }],
  };
  const png = tinyPng();
  const image: ImageBlock = {
    kind: 'image',
    path: '/fixture/embankment.png',
    alt: SAMPLE.imageAlt,
    widthPx: 64,
    heightPx: 40,
    data: png,
    format: 'png',
  };
  const [head, ...rows] = SAMPLE.table;
  const table: TableBlock = {
    kind: 'table',
    align: ['left', 'left', 'right'],
    header: head!.map((c) => [t(c)]),
    rows: rows.map((r) => r.map((c) => [t(c)])),
  };
  return {
    meta: {
      title: 'Международные связи муниципальных образований Подмосковья',
      author: 'Совет муниципальных образований Московской области',
      subject: 'Побратимские связи',
      lang: 'ru',
      langTag: 'ru-RU',
      date: FIXTURE_DATE,
      producer: 'council-press 0.1.0',
      ...meta,
    },
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
            box: g.cover.name,
            valign: 'middle',
            paragraphs: [para(councilRuns, brand, { size: 44, bold: true, color: 'primary' })],
          },
          {
            kind: 'text',
            role: 'subtitle',
            box: g.cover.person,
            valign: 'top',
            paragraphs: [
              para([t(SAMPLE.director)], brand, { bold: true }),
              para([t(SAMPLE.directorTitle)], brand, { size: 20, color: 'muted' }),
            ],
          },
        ],
      },
      {
        layout: 'statement',
        number: 2,
        continued: false,
        notes: [],
        frames: [
          {
            kind: 'text',
            role: 'statement',
            box: body,
            valign: 'middle',
            paragraphs: SAMPLE.statement.map((s, i) => para([t(s)], brand, { size: 28, spaceBefore: i ? 18 : 0 })),
          },
        ],
      },
      {
        layout: 'partnership',
        number: 3,
        continued: false,
        notes: [...SAMPLE.notes],
        frames: [
          title(SAMPLE.partnershipTitle, brand),
          {
            kind: 'text',
            role: 'body',
            box: left,
            valign: 'top',
            paragraphs: [
              para([t('Серпухов', { bold: true }), t(' и '), t('Ричмонд', { italic: true }), t(': '), t('сайт', { href: 'https://example.org/serpukhov' })], brand),
              ...SAMPLE.bullets.map((b) => para([t(b)], brand, { bullet: { ordered: false, number: 0, level: 0 }, spaceBefore: 6 })),
              para([t(SAMPLE.nested)], brand, { size: 20, bullet: { ordered: false, number: 0, level: 1 } }),
              ...SAMPLE.ordered.map((o, i) => para([t(o)], brand, { bullet: { ordered: true, number: i + 1, level: 0 }, spaceBefore: 6 })),
            ],
          },
          {
            kind: 'text',
            role: 'facts',
            box: right,
            valign: 'top',
            fill: 'panel',
            paragraphs: SAMPLE.facts.map((f, i) => para([t(f)], brand, { size: 20, spaceBefore: i ? 8 : 0 })),
          },
        ],
      },
      {
        layout: 'partnership',
        number: 4,
        continued: false,
        notes: [],
        frames: [
          title(SAMPLE.chartTitle, brand),
          { kind: 'chart', box: left, chart },
          { kind: 'image', box: { ...right, h: right.h - 0.6 }, image },
          {
            kind: 'text',
            role: 'caption',
            box: { x: right.x, y: right.y + right.h - 0.5, w: right.w, h: 0.5 },
            valign: 'top',
            paragraphs: [para([t(SAMPLE.caption)], brand, { size: 16, color: 'muted' })],
          },
        ],
      },
      {
        layout: 'list',
        number: 5,
        continued: false,
        notes: [],
        frames: [
          title(SAMPLE.tableTitle, brand),
          {
            kind: 'table',
            box: { x: body.x, y: body.y, w: body.w, h: 0.6 * 4 },
            table,
            fontSize: 20,
            columnWidths: [body.w * 0.35, body.w * 0.45, body.w * 0.2],
            rowHeight: 0.6,
          },
        ],
      },
    ],
  };
}
