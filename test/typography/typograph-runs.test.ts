/** The typograph across runs and over whole documents: formatting, hrefs and code survive; nothing is mutated. */
import { describe, expect, test } from 'vitest';
import type { Deck, FlowDocument, Run } from '../../src/document/model.js';
import { typographDocument, typographRuns } from '../../src/typography/index.js';

const NB = '\u00A0';

describe('typographRuns', () => {
  test('rules see across run boundaries, each run keeps its formatting', () => {
    const runs: Run[] = [{ text: 'Делегация прибыла в ' }, { text: 'Серпухов', bold: true }, { text: ' в 1990 году.' }];
    expect(typographRuns(runs, 'ru')).toEqual([
      { text: `Делегация прибыла в${NB}` },
      { text: 'Серпухов', bold: true },
      { text: ` в${NB}1990${NB}году.` },
    ]);
  });
  test('a space at the start of the next run becomes a no-break space in its own run', () => {
    expect(typographRuns([{ text: 'к', italic: true }, { text: ' программе' }], 'ru')).toEqual([
      { text: 'к', italic: true },
      { text: `${NB}программе` },
    ]);
  });
  test('quotes opened in one run and closed in another nest correctly', () => {
    const runs: Run[] = [
      { text: 'программа "Открытый ' },
      { text: '"мир"', italic: true },
      { text: '"' },
    ];
    expect(typographRuns(runs, 'ru')).toEqual([
      { text: 'программа «Открытый ' },
      { text: '„мир“', italic: true },
      { text: '»' },
    ]);
  });
  test('a link keeps its href while its text is typographed', () => {
    const runs: Run[] = [{ text: 'см. ' }, { text: 'программу "Открытый мир" - подробности', href: 'https://example.org/?a="b"' }];
    expect(typographRuns(runs, 'ru')).toEqual([
      { text: 'см. ' },
      { text: `программу «Открытый мир»${NB}— подробности`, href: 'https://example.org/?a="b"' },
    ]);
  });
  test('code runs are never touched, not even to receive a no-break space', () => {
    const runs: Run[] = [{ text: 'запустите ' }, { text: 'npm  run "build" - 1990-2001', code: true }, { text: ' и  "ждите"' }];
    expect(typographRuns(runs, 'ru')).toEqual([
      { text: 'запустите ' },
      { text: 'npm  run "build" - 1990-2001', code: true },
      { text: ` и${NB}«ждите»` },
    ]);
  });
  test('a URL spread over runs is protected as a whole', () => {
    const runs: Run[] = [{ text: 'сайт https://council-mo.ru/a' }, { text: '--b', bold: true }, { text: ' - там' }];
    expect(typographRuns(runs, 'ru')).toEqual([
      { text: 'сайт https://council-mo.ru/a' },
      { text: '--b', bold: true },
      { text: `${NB}— там` },
    ]);
  });
  test('line breaks stay and separate words', () => {
    expect(typographRuns([{ text: 'Олег Борисович Иванов' }, { break: true }, { text: 'Исполнительный директор' }], 'ru')).toEqual([
      { text: 'Олег Борисович Иванов' },
      { break: true },
      { text: 'Исполнительный директор' },
    ]);
  });
  test('a run emptied by space collapsing disappears', () => {
    expect(typographRuns([{ text: 'город ' }, { text: ' ', bold: true }, { text: 'Дубна' }], 'ru')).toEqual([
      { text: 'город ' },
      { text: 'Дубна' },
    ]);
  });
  test('English runs get English rules', () => {
    expect(typographRuns([{ text: 'the "Open ' }, { text: 'World"', bold: true }, { text: ' - in 1990' }], 'en')).toEqual([
      { text: 'the “Open ' },
      { text: 'World”', bold: true },
      { text: '—in 1990' },
    ]);
  });
});

const meta = (lang: 'ru' | 'en') => ({
  title: 'Совет',
  author: 'Совет',
  lang,
  langTag: lang === 'ru' ? 'ru-RU' : 'en-US',
  date: new Date(0),
  producer: 'test',
});

describe('typographDocument', () => {
  const flow: FlowDocument = {
    kind: 'flow',
    meta: meta('ru'),
    blocks: [
      { kind: 'heading', level: 1, runs: [{ text: 'Серпухов и Ричмонд' }] },
      { kind: 'paragraph', runs: [{ text: 'в 1990 году' }] },
      { kind: 'list', ordered: false, start: 1, items: [{ blocks: [{ kind: 'paragraph', runs: [{ text: 'г. Чехов' }] }] }] },
      { kind: 'quote', blocks: [{ kind: 'paragraph', runs: [{ text: '"Мир"' }] }] },
      { kind: 'table', align: [null], header: [[{ text: 'С года' }]], rows: [[[{ text: '1990-2001' }]]] },
      { kind: 'facts', facts: [{ label: 'С года', value: [{ text: 'и т.д.' }] }] },
      { kind: 'chart', title: 'Делегации по годам', labels: ['1990'], series: [{ name: 'в год', values: [1] }] },
    ],
  };

  test('walks every block of a flow document and returns a new model', () => {
    const before = structuredClone(flow);
    const out = typographDocument(flow);
    expect(flow).toEqual(before); // pure: the input is untouched
    expect(out.meta).toBe(flow.meta);
    expect(JSON.stringify(out.blocks)).toBe(
      JSON.stringify([
        { kind: 'heading', level: 1, runs: [{ text: `Серпухов и${NB}Ричмонд` }] },
        { kind: 'paragraph', runs: [{ text: `в${NB}1990${NB}году` }] },
        { kind: 'list', ordered: false, start: 1, items: [{ blocks: [{ kind: 'paragraph', runs: [{ text: `г.${NB}Чехов` }] }] }] },
        { kind: 'quote', blocks: [{ kind: 'paragraph', runs: [{ text: '«Мир»' }] }] },
        { kind: 'table', align: [null], header: [[{ text: `С${NB}года` }]], rows: [[[{ text: '1990–2001' }]]] },
        { kind: 'facts', facts: [{ label: `С${NB}года`, value: [{ text: `и${NB}т.${NB}д.` }] }] },
        { kind: 'chart', title: `Делегации по${NB}годам`, labels: ['1990'], series: [{ name: 'в год', values: [1] }] },
      ]),
    );
  });

  test('walks slide titles, subtitles, blocks, captions and notes of a deck', () => {
    const deck: Deck = {
      kind: 'deck',
      meta: meta('ru'),
      slides: [
        {
          layout: 'title',
          title: [{ text: 'Совет муниципальных образований' }],
          subtitle: [{ text: 'О. Б. Иванов' }],
          blocks: [
            {
              kind: 'image', path: '/x.png', alt: 'в Дубне', caption: 'Делегация в Дубне', credit: 'Фото: О. Б. Иванов',
              widthPx: 1, heightPx: 1, data: Buffer.alloc(0), format: 'png',
            },
          ],
          notes: ['Сказать о "Открытом мире" - кратко'],
        },
      ],
    };
    const out = typographDocument(deck);
    const slide = out.slides[0]!;
    expect(slide.subtitle).toEqual([{ text: `О.${NB}Б.${NB}Иванов` }]);
    const image = slide.blocks[0]!;
    expect(image.kind === 'image' && [image.caption, image.credit, image.alt]).toEqual([
      `Делегация в${NB}Дубне`,
      `Фото: О.${NB}Б.${NB}Иванов`,
      'в Дубне',
    ]);
    expect(slide.notes).toEqual([`Сказать о${NB}«Открытом мире»${NB}— кратко`]);
    expect(deck.slides[0]!.notes[0]).toBe('Сказать о "Открытом мире" - кратко');
  });

  test('uses the document language, or the one given', () => {
    const en: FlowDocument = { kind: 'flow', meta: meta('en'), blocks: [{ kind: 'paragraph', runs: [{ text: 'in 1990 - "Open World"' }] }] };
    expect(typographDocument(en).blocks[0]).toEqual({ kind: 'paragraph', runs: [{ text: 'in 1990—“Open World”' }] });
    expect(typographDocument(en, 'ru').blocks[0]).toEqual({ kind: 'paragraph', runs: [{ text: `in 1990${NB}— «Open World»` }] });
  });
});

test('a very long paragraph (300 000 characters) does not overflow the stack', () => {
  const long = 'в 1990 году "мир" - ключ и т.д. '.repeat(10_000);
  const out = typographRuns([{ text: long }], 'ru');
  expect(out).toHaveLength(1);
  expect((out[0] as { text: string }).text.startsWith(`в${NB}1990${NB}году «мир»${NB}— ключ`)).toBe(true);
});
