import { describe, expect, test } from 'vitest';
import { deflateSync } from 'node:zlib';
import type { Block, Run, Slide } from '../../src/document/model.js';
import { isBreak } from '../../src/document/model.js';
import { forgetLaidSlides, layoutDeck } from '../../src/layout/deck.js';
import { loadBrandFonts } from '../../src/layout/fonts.js';
import { measureTable } from '../../src/layout/table.js';
import type { LaidDeck, TextFrame } from '../../src/layout/model.js';
import { slideGeometry, TEXT_INSET, TEXT_INSET_PT } from '../../src/layout/slide-geometry.js';
import { deckOf, FILE, para, runs, seedDeck, slide, testBrand } from './helpers.js';

const brand = testBrand();
const geo = slideGeometry(brand);
const textOf = (rs: readonly Run[]): string => rs.map((r) => (isBreak(r) ? '\n' : r.text)).join('');
const textFrames = (deck: LaidDeck): TextFrame[] => deck.slides.flatMap((s) => s.frames.filter((f): f is TextFrame => f.kind === 'text'));

/** What every laid deck must satisfy: inside the slide, lines inside their boxes, text inside heights, sizes ≥ min. */
function checkInvariants(deck: LaidDeck): void {
  deck.slides.forEach((s, i) => expect(s.number).toBe(i + 1));
  for (const s of deck.slides) {
    for (const f of s.frames) {
      const where = `slide ${s.number} ${f.kind}`;
      expect(f.box.x, where).toBeGreaterThanOrEqual(0);
      expect(f.box.y, where).toBeGreaterThanOrEqual(geo.header.h - 1e-9);
      expect(f.box.x + f.box.w, where).toBeLessThanOrEqual(geo.slide.w + 1e-9);
      expect(f.box.y + f.box.h, where).toBeLessThanOrEqual(geo.number.y + 1e-9);
      if (f.kind !== 'text') continue;
      const innerW = (f.box.w - TEXT_INSET.left - TEXT_INSET.right) * 72;
      const innerH = (f.box.h - TEXT_INSET.top - TEXT_INSET.bottom) * 72;
      let height = 0;
      f.paragraphs.forEach((p, k) => {
        expect(p.fontSize, where).toBeGreaterThanOrEqual(brand.slide.minBodySize);
        if (k === 0) expect(p.spaceBefore).toBe(0);
        height += p.spaceBefore + p.lines.length * p.lineHeight;
        for (const line of p.lines) expect(line.width + p.indent, `${where}: ${textOf(line.runs)}`).toBeLessThanOrEqual(innerW);
      });
      expect(height, where).toBeLessThanOrEqual(innerH + 0.02);
    }
  }
}

describe('layoutDeck on the seed deck', () => {
  const result = layoutDeck(seedDeck(), brand);
  const deck = result.deck;

  test('one laid slide per content slide, no diagnostics, invariants hold', () => {
    expect(deck.slides.map((s) => s.layout)).toEqual(['title', 'statement', 'list', 'partnership', 'partnership']);
    expect(result.diagnostics).toEqual([]);
    checkInvariants(deck);
  });

  test('title slide: the council name in four bold lines as the title frame, the director below', () => {
    const [name, person] = deck.slides[0].frames as TextFrame[];
    expect(name.role).toBe('title');
    expect(name.box).toEqual(geo.cover.name);
    expect(name.paragraphs).toHaveLength(1);
    expect(name.paragraphs[0].lines.map((l) => textOf(l.runs))).toEqual(['совет', 'муниципальных', 'образований', 'московской области']);
    expect(name.paragraphs[0].fontSize).toBeGreaterThanOrEqual(brand.slide.titleSize);
    expect(name.paragraphs[0].lines.every((l) => l.runs.every((r) => r.bold))).toBe(true);
    expect(person.role).toBe('subtitle');
    expect(person.paragraphs[0].lines.map((l) => textOf(l.runs))).toEqual(['Олег Борисович Иванов', 'Исполнительный директор']);
  });

  test('statement slide has no title frame and sets the message large', () => {
    const frames = deck.slides[1].frames as TextFrame[];
    expect(frames.map((f) => f.role)).toEqual(['statement']);
    expect(frames[0].valign).toBe('middle');
    expect(frames[0].paragraphs[0].fontSize).toBeGreaterThan(brand.slide.bodySize);
  });

  test('partnership slide: title, text on the left, facts panel on the right, notes copied', () => {
    const s = deck.slides[3];
    const [title, body, facts] = s.frames as TextFrame[];
    expect(textOf(title.paragraphs[0].runs)).toBe('Серпухов\u00A0— Ричмонд');
    expect(title.role).toBe('title');
    expect(body.role).toBe('body');
    expect(facts).toMatchObject({ role: 'facts', fill: 'panel' });
    expect(facts.box.x).toBeGreaterThan(body.box.x + body.box.w);
    expect(body.box.w / geo.body.w).toBeCloseTo(0.64, 2);
    expect(facts.paragraphs.map((p) => textOf(p.runs))).toEqual(['Город-побратим', 'Ричмонд, штат Индиана', 'С года', '1990']);
    expect(s.notes).toEqual(['С 1990 года.']);
    expect(body.paragraphs[0].fontSize).toBeLessThanOrEqual(brand.slide.bodySize);
  });

  test('the inset numbers are the OOXML defaults, and in pptxgenjs order in points', () => {
    expect(TEXT_INSET).toEqual({ left: 0.1, right: 0.1, top: 0.05, bottom: 0.05 });
    expect(TEXT_INSET_PT.map((n) => Math.round(n * 100) / 100)).toEqual([7.2, 7.2, 3.6, 3.6]);
  });

  test('deterministic: the same input gives deep-equal output', () => {
    const again = layoutDeck(seedDeck(), brand);
    expect(again.deck).toEqual(deck);
    expect(JSON.stringify(again.deck)).toBe(JSON.stringify(deck));
  });
});

const story = (n: number): Block[] =>
  Array.from({ length: n }, (_, i) =>
    para(`Абзац ${i + 1}. Побратимские отношения наших городов способствуют ознакомлению с\u00A0жизнью, историей, культурой, традициями и\u00A0обычаями друг друга и\u00A0народа его страны, их живому обсуждению с\u00A0привлечением широких кругов городской общественности.`, 20 + i),
  );
const facts: Block = { kind: 'facts', facts: [{ label: 'С года', value: runs('1990') }] };

describe('text that does not fit', () => {
  test('a long partnership story continues on slides titled «(продолжение)», with an info diagnostic', () => {
    const blocks = story(14);
    const s = slide({ layout: 'partnership', title: runs('Серпухов\u00A0— Ричмонд'), blocks: [facts, ...blocks], notes: ['заметка'] });
    const { deck, diagnostics } = layoutDeck(deckOf([slide({ layout: 'title', title: runs('совет') }), s]), brand);
    checkInvariants(deck);
    expect(deck.slides.length).toBeGreaterThan(2);
    const parts = deck.slides.slice(1);
    expect(parts.map((p) => p.continued)).toEqual(parts.map((_, i) => i > 0));
    for (const p of parts.slice(1)) {
      const title = p.frames[0] as TextFrame;
      expect(title.role).toBe('title');
      expect(textOf(title.paragraphs[0].runs)).toBe('Серпухов\u00A0— Ричмонд (продолжение)');
      expect(p.notes).toEqual([]);
      expect(p.layout).toBe('partnership');
    }
    expect(parts[0].notes).toEqual(['заметка']);
    // One body size on every part (the largest that needs no more slides than the minimum would),
    // and every word of the story is on some slide, in order.
    const bodies = textFrames(deck).filter((f) => f.role === 'body');
    const bodySizes = new Set(bodies.flatMap((b) => b.paragraphs.map((p) => p.fontSize)));
    expect(bodySizes.size).toBe(1);
    expect([...bodySizes][0]).toBeGreaterThanOrEqual(brand.slide.minBodySize);
    expect([...bodySizes][0]).toBeLessThan(brand.slide.bodySize);
    const laidText = bodies.flatMap((b) => b.paragraphs.map((p) => textOf(p.runs))).join(' ');
    const sourceText = blocks.map((b) => (b.kind === 'paragraph' ? textOf(b.runs) : '')).join(' ');
    expect(laidText.replace(/\s+/g, ' ')).toBe(sourceText.replace(/\s+/g, ' '));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'layout-continued', severity: 'info', position: { file: FILE, line: 1 } });
    expect(diagnostics[0].message).toContain('2');
  });

  test('the continuation suffix is a parameter (English edition) and defaults from the language', () => {
    const s = slide({ layout: 'partnership', title: runs('Serpukhov — Richmond'), blocks: story(14) });
    const en = layoutDeck({ ...deckOf([s]), meta: { ...deckOf([]).meta, lang: 'en', langTag: 'en-US' } }, brand);
    expect(textOf((en.deck.slides[1].frames[0] as TextFrame).paragraphs[0].runs)).toBe('Serpukhov — Richmond (continued)');
    const custom = layoutDeck(deckOf([s]), brand, { continuedSuffix: '(cont.)' });
    expect(textOf((custom.deck.slides[1].frames[0] as TextFrame).paragraphs[0].runs)).toBe('Serpukhov — Richmond (cont.)');
  });

  test('a 200-character word is split and warned about with the slide number and source line', () => {
    const word = 'х'.repeat(200);
    const { deck, diagnostics } = layoutDeck(
      deckOf([slide({ layout: 'title', title: runs('совет') }), slide({ layout: 'partnership', title: runs('Дубна'), blocks: [para('Начало.'), para(`Слово ${word} в тексте.`, 42)] })]),
      brand,
    );
    checkInvariants(deck);
    const warn = diagnostics.filter((d) => d.code === 'layout-token-too-wide');
    expect(warn).toHaveLength(1);
    expect(warn[0].severity).toBe('warning');
    expect(warn[0].position).toEqual({ file: FILE, line: 42, column: 1 });
    expect(warn[0].message).toContain('2');
    const all = textFrames(deck).flatMap((f) => f.paragraphs.flatMap((p) => p.lines.map((l) => textOf(l.runs)))).join('');
    expect(all.split('х').length - 1).toBe(200);
  });

  test('a 40-item list splits between items, numbering continues, nothing is lost', () => {
    const list: Block = {
      kind: 'list',
      ordered: true,
      start: 1,
      items: Array.from({ length: 40 }, (_, i) => ({ blocks: [para(`пункт номер ${i + 1} списка побратимских городов`, 100 + i)] })),
    };
    const { deck, diagnostics } = layoutDeck(deckOf([slide({ layout: 'list', title: runs('Список'), blocks: [para('Вступление:'), list] })]), brand);
    checkInvariants(deck);
    expect(deck.slides.length).toBeGreaterThan(1);
    const items = textFrames(deck).filter((f) => f.role === 'body').flatMap((f) => f.paragraphs).filter((p) => p.bullet);
    expect(items.map((p) => p.bullet!.number)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(items.every((p) => p.bullet!.ordered && p.indent > 0)).toBe(true);
    // Two-digit numbers («40.») get a wider hanging indent than a bullet would.
    expect(items.every((p) => p.indent >= 1.8 * p.fontSize)).toBe(true);
    expect(diagnostics.map((d) => d.code)).toEqual(['layout-continued']);
  });

  test('a very long single paragraph splits at line boundaries, at least two lines on each side', () => {
    const long = Array.from({ length: 30 }, () => 'делегации посещали город-побратим в\u00A0рамках программы «Открытый мир»').join(', ') + '.';
    const { deck } = layoutDeck(deckOf([slide({ layout: 'partnership', title: runs('Чехов'), blocks: [para(long)] })]), brand);
    checkInvariants(deck);
    const bodies = textFrames(deck).filter((f) => f.role === 'body');
    expect(bodies.length).toBeGreaterThan(1);
    for (const b of bodies) expect(b.paragraphs[0].lines.length).toBeGreaterThanOrEqual(2);
    expect(bodies.map((b) => textOf(b.paragraphs[0].runs)).join(' ')).toBe(long);
  });
});

/** A tiny valid PNG header is enough: the layout reads only widthPx/heightPx. */
const png = (w: number, h: number): Block => ({ kind: 'image', path: '/content/assets/photo.png', alt: 'фото', caption: 'Делегация', credit: 'рисунок проекта', widthPx: w, heightPx: h, data: deflateSync(Buffer.alloc(1)), format: 'png' });

describe('photos, charts and tables', () => {
  test('a photo sits in the right column below the facts with its aspect ratio kept', () => {
    const { deck } = layoutDeck(deckOf([slide({ layout: 'partnership', title: runs('Дубна'), blocks: [facts, para('Короткий текст.'), png(1600, 1200)] })]), brand);
    checkInvariants(deck);
    const s = deck.slides[0];
    const image = s.frames.find((f) => f.kind === 'image')!;
    const panel = s.frames.find((f) => f.kind === 'text' && f.role === 'facts')!;
    expect(image.box.y).toBeGreaterThanOrEqual(panel.box.y + panel.box.h);
    expect(image.box.w / image.box.h).toBeCloseTo(4 / 3, 3);
    expect(image.box.x).toBeGreaterThanOrEqual(panel.box.x - 1e-9);
    const caption = s.frames.find((f) => f.kind === 'text' && f.role === 'caption') as TextFrame;
    expect(textOf(caption.paragraphs[0].runs)).toBe('Делегация · рисунок проекта');
  });

  test('a chart becomes a chart frame; a long table splits by rows with the header repeated', () => {
    const chart: Block = { kind: 'chart', title: 'Делегации', labels: ['1990', '1991'], series: [{ name: 'делегации', values: [1, 2] }] };
    const table: Block = {
      kind: 'table',
      align: [null, null],
      header: [runs('Год'), runs('Событие')],
      rows: Array.from({ length: 30 }, (_, i) => [runs(String(1990 + i)), runs(`визит делегации номер ${i + 1}`)]),
    };
    const { deck } = layoutDeck(deckOf([slide({ layout: 'partnership', title: runs('Чехов'), blocks: [facts, chart, para('Текст.'), table] })]), brand);
    checkInvariants(deck);
    expect(deck.slides[0].frames.some((f) => f.kind === 'chart')).toBe(true);
    const tables = deck.slides.flatMap((s) => s.frames.filter((f) => f.kind === 'table'));
    expect(tables.length).toBeGreaterThan(1);
    let rows = 0;
    for (const t of tables) {
      expect(textOf(t.table.header[0])).toBe('Год');
      expect(t.columnWidths.reduce((a, b) => a + b, 0)).toBeCloseTo(t.box.w, 3);
      expect(t.rowHeights).toHaveLength(t.table.rows.length + 1);
      expect(t.fontSize).toBeGreaterThanOrEqual(brand.slide.minBodySize);
      rows += t.table.rows.length;
    }
    expect(rows).toBe(30);
  });
});

describe('table columns', () => {
  test('a narrow column is never narrower than its widest word, whatever the rounding', () => {
    const fonts = loadBrandFonts(brand.fonts.files);
    const long = 'администрация школа больница гуманитарная помощь обмен студентов проекты дружба общественность население';
    for (let i = 0; i < 40; i++) {
      const table: Block = { kind: 'table', align: [null, null], header: [runs('Год'), runs('Событие')], rows: [[runs(String(1990 + i)), runs(long)]] };
      for (const size of [16, 17, 18, 20]) {
        for (const width of [3.9, 7.7651, 12.133]) {
          const m = measureTable(table as Extract<Block, { kind: 'table' }>, width, size, brand.slide.lineHeight, fonts);
          expect(m.tooWide, `${1990 + i} at ${size} pt in ${width} in`).toBeUndefined();
          expect(m.columnWidths.reduce((a, b) => a + b, 0)).toBeCloseTo(width, 3);
        }
      }
    }
  });
});

describe('section slides', () => {
  test('a big centred title', () => {
    const s: Slide = slide({ layout: 'section', title: runs('Побратимы') });
    const { deck } = layoutDeck(deckOf([s]), brand);
    const [frame] = deck.slides[0].frames as TextFrame[];
    expect(frame).toMatchObject({ role: 'title', valign: 'middle' });
    expect(frame.paragraphs[0].align).toBe('center');
    expect(frame.paragraphs[0].fontSize).toBeGreaterThan(brand.slide.titleSize);
  });
});

describe('layout memo (watch lays out only what changed)', () => {
  test('a second layout of the same slides is equal and reuses the laid frames; a changed slide is laid again', () => {
    const deck = seedDeck();
    const first = layoutDeck(deck, brand);
    const again = layoutDeck(structuredClone(deck), brand);
    expect(again.deck).toEqual(first.deck);
    expect(again.diagnostics).toEqual(first.diagnostics);
    // Same frames, not copies: nothing was measured again.
    expect(again.deck.slides[1]!.frames).toBe(first.deck.slides[1]!.frames);

    const edited = structuredClone(deck);
    const target = edited.slides.findIndex((s) => s.layout === 'partnership');
    edited.slides[target]!.blocks = [para('Совсем другой текст этого слайда.'), ...edited.slides[target]!.blocks];
    const changed = layoutDeck(edited, brand);
    expect(changed.deck.slides[target]!.frames).not.toBe(first.deck.slides[target]!.frames);
    expect(JSON.stringify(changed.deck.slides[target])).toContain('Совсем другой текст');
    // And the memo gives exactly what a layout from scratch gives.
    forgetLaidSlides();
    expect(changed.deck).toEqual(layoutDeck(edited, brand).deck);
  });

  test('a different brand is never served from the memo', () => {
    const deck = seedDeck();
    const first = layoutDeck(deck, brand);
    const bigger = layoutDeck(deck, { ...brand, slide: { ...brand.slide, bodySize: brand.slide.bodySize - 4 } });
    expect(bigger.deck.slides.map((s) => s.frames)).not.toEqual(first.deck.slides.map((s) => s.frames));
  });
});
