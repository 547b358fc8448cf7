/** Soft hyphens from the TeX patterns of `hyphen`: long words only, never URLs/e-mails/code/headings; idempotent. */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { describe, expect, test, vi } from 'vitest';
import type { FlowDocument } from '../../src/document/model.js';
import { hyphenateDocument, hyphenateEn, hyphenateRu, hyphenateRuns, typographRu } from '../../src/typography/index.js';

const SHY = '\u00AD';
const show = (s: string) => s.replaceAll(SHY, '|');

describe('hyphenateRu', () => {
  test('long Russian words get soft hyphens, short ones none', () => {
    expect(show(hyphenateRu('побратимские связи муниципальных образований'))).toBe('по|бра|тим|ские связи му|ни|ци|паль|ных об|ра|зо|ва|ний');
    expect(hyphenateRu('город Чехов в 1990 году')).toBe('город Чехов в 1990 году');
  });
  test('no single letter is left alone at either end of a word', () => {
    for (const word of ['объединение', 'администрация', 'здравоохранения', 'Ричмонд-Индиана', 'экология', 'иностранных']) {
      for (const part of hyphenateRu(word).split(/[\u00AD-]/)) expect(part.length, word).toBeGreaterThanOrEqual(2);
    }
  });
  test('acronyms, Latin words, URLs and e-mail addresses are left alone', () => {
    const text = 'СМИ ГОСУДАРСТВЕННЫЕ partnership https://council-mo.ru/муниципальные-образования mail@муниципальные.рф';
    expect(hyphenateRu(text)).toBe(text);
  });
  test('idempotent; a word the author hyphenated is kept as written', () => {
    const once = hyphenateRu('муниципальных образований');
    expect(hyphenateRu(once)).toBe(once);
    expect(hyphenateRu(`муници${SHY}пальных`)).toBe(`муници${SHY}пальных`);
  });
  test('works on typographed text (no-break spaces, U+2011)', () => {
    expect(show(hyphenateRu(typographRu('в празднования 55-летия')))).toBe('в\u00A0празд|но|ва|ния 55\u2011летия');
  });
});

describe('hyphenateEn', () => {
  test('English patterns, Cyrillic left alone', () => {
    expect(show(hyphenateEn('partnership municipalities Серпухов-побратимский'))).toBe('part|ner|ship mu|nic|i|pal|i|ties Серпухов-побратимский');
  });
});

describe('runs and documents', () => {
  test('code runs are not hyphenated', () => {
    expect(hyphenateRuns([{ text: 'муниципальных' }, { text: 'муниципальных', code: true }], 'ru')).toEqual([
      { text: `му${SHY}ни${SHY}ци${SHY}паль${SHY}ных` },
      { text: 'муниципальных', code: true },
    ]);
  });
  test('headings stay whole, body text is hyphenated', () => {
    const doc: FlowDocument = {
      kind: 'flow',
      meta: { title: '', author: '', lang: 'ru', langTag: 'ru-RU', date: new Date(0), producer: '' },
      blocks: [
        { kind: 'heading', level: 2, runs: [{ text: 'Здравоохранение' }] },
        { kind: 'paragraph', runs: [{ text: 'Здравоохранение' }] },
      ],
    };
    const out = hyphenateDocument(doc);
    expect(out.blocks).toEqual([
      { kind: 'heading', level: 2, runs: [{ text: 'Здравоохранение' }] },
      { kind: 'paragraph', runs: [{ text: `Здра${SHY}во${SHY}охра${SHY}не${SHY}ние` }] },
    ]);
  });
});

describe('cost on the seed text', () => {
  test('hyphenating the whole seed text is cheap after the patterns load', () => {
    const seed = readFileSync('/work/shared/seeds/000_249a72d3d5fbda57.txt', 'utf8');
    const t0 = performance.now();
    const once = hyphenateRu(typographRu(seed));
    const t1 = performance.now();
    for (let i = 0; i < 20; i++) hyphenateRu(typographRu(seed));
    const t2 = performance.now();
    const perRun = (t2 - t1) / 20;
    console.log(`seed: ${seed.length} chars, first typograph+hyphenate ${(t1 - t0).toFixed(1)} ms, then ${perRun.toFixed(2)} ms per run`);
    expect(once.split(SHY).length).toBeGreaterThan(100);
    expect(perRun).toBeLessThan(200);
  });
});

describe('loadHyphenation (the render stage loads the patterns ahead, through import())', () => {
  test('loads both languages as ES imports, and hyphenation then gives what it gives without it', async () => {
    const before = [hyphenateRu('достопримечательностями'), hyphenateEn('internationalization')];
    // A fresh copy of the module, which has loaded no patterns yet: only import() can fill it.
    vi.resetModules();
    const fresh = await import('../../src/typography/hyphenate.js');
    await expect(fresh.loadHyphenation('ru')).resolves.toBeUndefined();
    await expect(fresh.loadHyphenation('en')).resolves.toBeUndefined();
    expect([fresh.hyphenateRu('достопримечательностями'), fresh.hyphenateEn('internationalization')]).toEqual(before);
    expect(before[0]).toContain('\u00AD');
  });
});
