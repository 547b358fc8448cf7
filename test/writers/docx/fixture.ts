/**
 * A hand-built brief for the DOCX writer's tests: every block kind, Cyrillic text, a generated
 * picture, so the tests need nothing from the Markdown or template stages.
 */
import { PNG } from 'pngjs';
import type { FlowDocument } from '../../../src/document/model.js';

export { testBrand } from '../../support/brand.js';

/** A 320×180 picture: a sky gradient over a green field, drawn here so no photo comes from the web. */
export function testPng(): Buffer {
  const png = new PNG({ width: 320, height: 180 });
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      const field = y > 120;
      png.data[i] = field ? 60 : 120 + Math.round((y / 120) * 100);
      png.data[i + 1] = field ? 140 : 170 + Math.round((y / 120) * 60);
      png.data[i + 2] = field ? 70 : 230;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

export function testDocument(date = new Date('2024-05-01T09:00:00Z')): FlowDocument {
  const png = testPng();
  return {
    kind: 'flow',
    meta: {
      title: 'Серпухов — Ричмонд',
      author: 'Совет муниципальных образований Московской области',
      subject: 'Справка о партнёрстве городов-побратимов',
      lang: 'ru',
      langTag: 'ru-RU',
      date,
      producer: 'council-press 0.1.0',
    },
    blocks: [
      { kind: 'heading', level: 1, runs: [{ text: 'Серпухов — Ричмонд' }] },
      {
        kind: 'facts',
        facts: [
          { label: 'Город', value: [{ text: 'Серпухов' }] },
          { label: 'Город-побратим', value: [{ text: 'Ричмонд, штат Индиана' }] },
          { label: 'С года', value: [{ text: '1990' }] },
          { label: 'Программы', value: [{ text: 'Открытый мир' }, { break: true }, { text: 'обмен школьниками' }] },
        ],
      },
      { kind: 'heading', level: 2, runs: [{ text: 'История партнёрства' }] },
      {
        kind: 'paragraph',
        runs: [
          { text: 'Побратимские связи Серпухова и Ричмонда ' },
          { text: 'начались в 1990 году', bold: true },
          { text: ', когда делегации ' },
          { text: 'впервые', italic: true },
          { text: ' обменялись визитами. Подробнее на ' },
          { text: 'сайте Совета', href: 'https://example.org/sovet' },
          { text: '.' },
        ],
      },
      {
        kind: 'list',
        ordered: false,
        start: 1,
        items: [
          { blocks: [{ kind: 'paragraph', runs: [{ text: 'обмен делегациями' }] }] },
          {
            blocks: [
              { kind: 'paragraph', runs: [{ text: 'образовательные программы' }] },
              {
                kind: 'list',
                ordered: false,
                start: 1,
                items: [{ blocks: [{ kind: 'paragraph', runs: [{ text: 'школьные обмены' }] }] }],
              },
            ],
          },
        ],
      },
      { kind: 'heading', level: 3, runs: [{ text: 'Этапы' }] },
      {
        kind: 'list',
        ordered: true,
        start: 1,
        items: [
          { blocks: [{ kind: 'paragraph', runs: [{ text: 'подписание соглашения' }] }] },
          {
            blocks: [
              { kind: 'paragraph', runs: [{ text: 'первые визиты' }] },
              { kind: 'list', ordered: true, start: 1, items: [{ blocks: [{ kind: 'paragraph', runs: [{ text: 'визит мэра' }] }] }] },
            ],
          },
        ],
      },
      {
        kind: 'table',
        align: ['left', 'right'],
        header: [[{ text: 'Год' }], [{ text: 'Событие' }]],
        rows: [
          [[{ text: '1990' }], [{ text: 'Первый визит' }]],
          [[{ text: '2001' }], [{ text: 'Соглашение о сотрудничестве' }]],
        ],
      },
      {
        kind: 'image',
        path: '/content/assets/pole.png',
        alt: 'Поле и небо над Серпуховом',
        caption: 'Окрестности Серпухова',
        credit: 'Рисунок council-press',
        widthPx: 320,
        heightPx: 180,
        data: png,
        format: 'png',
      },
      { kind: 'quote', blocks: [{ kind: 'paragraph', runs: [{ text: 'Дружба городов — это дружба людей.' }] }] },
      {
        kind: 'chart',
        title: 'Делегации по годам',
        labels: ['1990', '1991', '1992'],
        series: [
          { name: 'Визиты', values: [2, 3, 1250] },
          { name: 'Проекты', values: [1, 0, 4] },
        ],
      },
      { kind: 'heading', level: 2, runs: [{ text: 'О Совете' }] },
      { kind: 'paragraph', runs: [{ text: 'Совет объединяет муниципальные образования Подмосковья.' }] },
    ],
  };
}
