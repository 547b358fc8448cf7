// The XML of a slide's text boxes and tables is written by slide-xml.ts, not pptxgenjs; the bytes
// must be the ones pptxgenjs makes. Every deck here is written both ways and compared whole: a
// sample with every kind of frame (pictures, charts and links stay pptxgenjs's), the seed deck,
// a deck of awkward text, and the decks a build makes of a generated corpus.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../dist/build/build.js';
import type { Block, Deck, Run } from '../../src/document/model.js';
import { layoutDeck } from '../../src/layout/deck.js';
import type { LaidDeck, LaidSlide } from '../../src/layout/model.js';
import { loadBrand } from '../../src/templates/brand.js';
import { laidDeckToPptx } from '../../src/writers/pptx/index.js';
import { ownFrames } from '../../src/writers/pptx/slide-xml.js';
import { deckOf, seedDeck, slide, testBrand } from '../layout/helpers.js';
import { REPO_ROOT } from '../support/fontconfig.js';
import { sampleLaidDeck } from '../support/laid-deck.js';
import { readZip } from '../support/ooxml.js';
// @ts-expect-error the bench corpus generator is plain JavaScript
import { writeCorpus } from '../../bench/corpus.mjs';

const brand = loadBrand(join(REPO_ROOT, 'templates'));
const style = { brand, lang: 'ru-RU' };

async function bothWays(deck: LaidDeck): Promise<{ own: Buffer; theirs: Buffer }> {
  const own = (await laidDeckToPptx(deck, { slideXml: 'own' })).data;
  const theirs = (await laidDeckToPptx(deck, { slideXml: 'pptxgenjs' })).data;
  return { own, theirs };
}

/** Slide by slide first (a readable failure), then the whole package. */
function expectSame(own: Buffer, theirs: Buffer): void {
  const a = readZip(own);
  const b = readZip(theirs);
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [name, xml] of b) if (typeof xml === 'string') expect(a.get(name), name).toBe(xml);
  expect(own.equals(theirs)).toBe(true);
}

const t = (text: string, more: Partial<Extract<Run, { text: string }>> = {}): Run => ({ text, ...more });
const br: Run = { break: true };

/** Text the writers must carry exactly: markup characters, breaks, mixed faces, lists that start late and nest, aligned columns. */
function awkwardDeck(): Deck {
  const list = (ordered: boolean, start: number, items: Block[][]): Block => ({ kind: 'list', ordered, start, items: items.map((blocks) => ({ blocks })) });
  const p = (...runs: Run[]): Block => ({ kind: 'paragraph', runs });
  return deckOf([
    slide({ layout: 'statement', blocks: [p(br, t('После переноса: «кавычки» & <теги> "двойные" \'одинарные\'')), p(t('жирный', { bold: true }), t(' и '), t('курсив', { italic: true }), br, t('код', { code: true }))] }),
    slide({
      layout: 'list',
      title: [t('Списки & <знаки>')],
      blocks: [
        list(true, 3, [[p(t('третий пункт'))], [p(t('четвёртый')), list(false, 1, [[p(t('вложенный'))], [p(t('ещё'), br, t('с переносом'))]])]]),
        list(false, 1, [[p(t('маркер'))]]),
        { kind: 'heading', level: 2, runs: [t('Подзаголовок')] },
        p(t('Абзац после подзаголовка.')),
      ],
    }),
    slide({
      layout: 'list',
      title: [t('Таблица')],
      blocks: [
        {
          kind: 'table',
          align: ['left', 'center', 'right'],
          header: [[t('Город')], [t('Штат', { bold: true })], [t('С года')]],
          rows: [
            [[t('Серпухов')], [t('Индиана'), br, t('США')], [t('1990')]],
            [[t('Чехов & Co')], [], [t('2001')]],
            [[t('Дубна')], [t('Висконсин', { italic: true })], [t('1992')]],
          ],
        },
        { kind: 'quote', blocks: [p(t('Цитата в конце слайда.'))] },
      ],
    }),
    slide({ layout: 'partnership', title: [t('Без фактов')], blocks: [{ kind: 'facts', facts: [{ label: 'Город', value: [t('Ла-Кросс')] }, { label: 'С года', value: [t('1992')] }] }, p(t('Текст рядом с панелью.'))] }),
  ]);
}

describe('slides written by slide-xml.ts', () => {
  it('are those pptxgenjs writes: the sample deck with every kind of frame', async () => {
    const deck = sampleLaidDeck(brand);
    // Most slides are written here; the ones with pictures, charts or links are pptxgenjs's.
    const own = deck.slides.filter((s) => ownFrames(s, style)).length;
    expect(own).toBeGreaterThanOrEqual(3);
    expect(own).toBeLessThan(deck.slides.length);
    const { own: a, theirs: b } = await bothWays(deck);
    expectSame(a, b);
  });

  it.each([
    ['the seed deck', seedDeck],
    ['a deck of awkward text', awkwardDeck],
  ])('are those pptxgenjs writes: %s', async (_name, make) => {
    const { deck } = layoutDeck(make(), testBrand());
    expect(deck.slides.filter((s) => ownFrames(s, style)).length).toBeGreaterThanOrEqual(deck.slides.length - 1);
    const { own, theirs } = await bothWays({ ...deck, brand });
    expectSame(own, theirs);
  });

  it('leave to pptxgenjs a text or table of type size 0, which it sizes its own way', async () => {
    const { deck } = layoutDeck(awkwardDeck(), testBrand());
    const written = (has: (f: LaidSlide['frames'][number], i: number) => boolean) => deck.slides.find((s) => ownFrames(s, style) && s.frames.some(has));
    const withTable = written((f) => f.kind === 'table');
    const withText = written((f, i) => i > 0 && f.kind === 'text');
    expect(withTable, 'a slide with a table written here').toBeDefined();
    expect(withText, 'a slide with a text box written here').toBeDefined();
    const zeroTable = { ...withTable!, frames: withTable!.frames.map((f) => (f.kind === 'table' ? { ...f, fontSize: 0 } : f)) };
    const zeroText = { ...withText!, frames: withText!.frames.map((f, i) => (i > 0 && f.kind === 'text' ? { ...f, paragraphs: f.paragraphs.map((p) => ({ ...p, fontSize: 0 })) } : f)) };
    expect(ownFrames(zeroTable, style)).toBeUndefined();
    expect(ownFrames(zeroText, style)).toBeUndefined();
    const { own, theirs } = await bothWays({ ...deck, brand, slides: [zeroTable, zeroText] });
    expectSame(own, theirs);
  });

  it('are never asked to write a link, a picture or a chart', () => {
    const deck = sampleLaidDeck(brand);
    for (const s of deck.slides) {
      const mine = ownFrames(s, style);
      if (!mine) continue;
      for (const frame of mine.frames) {
        expect(['text', 'table']).toContain(frame.kind);
        expect(JSON.stringify(frame)).not.toContain('"href"');
      }
    }
  });
});

describe('a whole build', () => {
  const work = mkdtempSync(join(tmpdir(), 'council-press-slide-xml-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('makes the same decks either way, from the shipped content and from 40 generated partnerships', async () => {
    const corpus = join(work, 'content');
    writeCorpus(corpus, 40, REPO_ROOT);
    for (const [name, content, langs] of [['seed', join(REPO_ROOT, 'content'), ['ru', 'en']], ['corpus', corpus, ['ru']]] as const) {
      const decks: Buffer[][] = [];
      for (const way of ['own', 'pptxgenjs']) {
        process.env.COUNCIL_PRESS_PPTX_XML = way;
        try {
          const out = join(work, `${name}-${way}`);
          const result = await build({ contentDir: content, templatesDir: join(REPO_ROOT, 'templates'), outDir: out, formats: ['pptx'], langs: [...langs], cache: false });
          expect(result.ok).toBe(true);
          decks.push(langs.map((lang) => readFileSync(join(out, lang === 'ru' ? '' : lang, 'deck.pptx'))));
        } finally {
          delete process.env.COUNCIL_PRESS_PPTX_XML;
        }
      }
      decks[0]!.forEach((deck, i) => expect(deck.equals(decks[1]![i]!), `${name} ${langs[i]}`).toBe(true));
    }
  }, 120_000);
});
