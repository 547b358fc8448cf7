/**
 * The layout's promise checked in a real renderer: the laid deck, written as PPTX and rendered by
 * LibreOffice, has every word inside the box the layout measured it for (or in the master's header
 * and slide-number areas). A wrong line height, inset or width would push words out of their frames.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Block } from '../../src/document/model.js';
import { layoutDeck } from '../../src/layout/deck.js';
import type { Box } from '../../src/layout/model.js';
import { slideGeometry } from '../../src/layout/slide-geometry.js';
import { laidDeckToPptx } from '../../src/writers/pptx/index.js';
import { convertToPdf, requireSofficeOrSkip } from '../support/libreoffice.js';
import { pdfBBoxWords, requirePopplerOrSkip } from '../support/poppler.js';
import { processScratchDir } from '../support/tools.js';
import { tinyPng } from '../support/laid-deck.js';
import { deckOf, para, runs, seedDeck, slide, testBrand } from './helpers.js';

const brand = testBrand();
const geo = slideGeometry(brand);
/** Points of slack: anti-aliased glyph boxes and LibreOffice's rounding to its own units. */
const SLACK = 2;

function stressDeck() {
  const seed = seedDeck();
  const long = Array.from({ length: 12 }, (_, i) =>
    para(`Абзац ${i + 1}. Ежегодно делегации Чеховского муниципального района посещали Саратога Спрингс, в\u00A0рамках программы «Открытый мир» и\u00A0по программам: экология, образование, здравоохранение, социальная поддержка.`),
  );
  const list: Block = { kind: 'list', ordered: true, start: 1, items: Array.from({ length: 40 }, (_, i) => ({ blocks: [para(`город-побратим номер ${i + 1}, штат Висконсин`)] })) };
  const photo: Block = { kind: 'image', path: '/x.png', alt: 'рисунок', caption: 'Делегация в Дубне', widthPx: 640, heightPx: 400, data: tinyPng(640, 400), format: 'png' };
  const facts: Block = { kind: 'facts', facts: [{ label: 'Город-побратим', value: runs('Саратога Спрингс, штат Нью\u2011Йорк') }, { label: 'С года', value: runs('2001') }] };
  return deckOf([
    ...seed.slides,
    slide({ layout: 'partnership', title: runs('Чехов\u00A0— Саратога Спрингс'), blocks: [facts, photo, ...long] }),
    slide({ layout: 'list', title: runs('Сорок городов'), blocks: [list] }),
    slide({ layout: 'partnership', title: runs('Длинное слово'), blocks: [para(`Слово ${'ж'.repeat(200)} конец.`)] }),
  ]);
}

const inside = (w: { xMin: number; yMin: number; xMax: number; yMax: number }, b: Box): boolean =>
  w.xMin >= b.x * 72 - SLACK && w.xMax <= (b.x + b.w) * 72 + SLACK && w.yMin >= b.y * 72 - SLACK && w.yMax <= (b.y + b.h) * 72 + SLACK;

describe('LibreOffice renders every word inside its frame', () => {
  test('seed deck plus long story, 40-item list, photo and a 200-letter word', async (ctx) => {
    requireSofficeOrSkip(ctx);
    requirePopplerOrSkip(ctx);
    const { deck } = layoutDeck(stressDeck(), brand);
    const { data } = await laidDeckToPptx(deck);
    const dir = processScratchDir('layout-bbox');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'stress.pptx');
    writeFileSync(file, data);
    const pages = pdfBBoxWords(await convertToPdf(file, dir));
    expect(pages).toHaveLength(deck.slides.length);
    const outside: string[] = [];
    pages.forEach((page, i) => {
      const slideBoxes = deck.slides[i].frames.map((f) => f.box);
      const masterBoxes = [geo.header, geo.number, geo.cover.logo];
      expect(page.width).toBeCloseTo(geo.slide.w * 72, 0);
      for (const w of page.words) {
        if (![...slideBoxes, ...masterBoxes].some((b) => inside(w, b))) outside.push(`slide ${i + 1}: «${w.text}» at ${w.xMin.toFixed(0)},${w.yMin.toFixed(0)}–${w.xMax.toFixed(0)},${w.yMax.toFixed(0)}`);
      }
    });
    expect(outside).toEqual([]);
    // And nothing was lost: the long word's letters all reached the PDF.
    const pieces = pages.flatMap((p) => p.words.map((w) => w.text)).filter((t) => /^ж+$/.test(t));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe('ж'.repeat(200));
  }, 180_000);
});
