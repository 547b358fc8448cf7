/**
 * Properties every typograph output must have, on random text built from the pieces that trip typographs up:
 * short Russian words, initials, abbreviations, numbers, every kind of quote and dash, runs of spaces.
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { typographEn, typographRu, typographRuns, hyphenateRu, hyphenateEn } from '../../src/typography/index.js';
import type { Run } from '../../src/document/model.js';

const PIECES = [
  'в', 'с', 'к', 'и', 'а', 'о', 'у', 'я', 'на', 'по', 'за', 'от', 'до', 'не', 'из', 'же', 'бы', 'ли', 'для',
  'В', 'На', 'город', 'Серпухов', 'делегация', 'побратимские', 'году', 'тонн', 'Чехова', 'г.', 'т.', 'д.', 'т.д.',
  'О.', 'Б.', 'О.Б.', 'Иванов', 'don', 't', 'the', 'cities', 'Richmond',
  '1990', '2001', '55', '600', '15', '000', '№', '-летия', '-ые',
  ' ', ' ', ' ', '  ', '\u00A0', '\t', '"', "'", '«', '»', '„', '“', '”', '‘', '’',
  '-', '--', '–', '—', ' - ', ' – ', '.', ',', '...', '(', ')', ':', '!', '?',
  'https://council-mo.ru/a', 'mail@council-mo.ru',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
const run = fc.record({
  text: text,
  bold: fc.boolean(),
  code: fc.nat(9).map((n) => n < 3),
  href: fc.constantFrom(undefined, 'https://example.org/x'),
}).map((r): Run => {
  const out: Run = { text: r.text };
  if (r.bold) out.bold = true;
  if (r.code) out.code = true;
  if (r.href) out.href = r.href;
  return out;
});
const runs = fc.array(fc.oneof({ weight: 6, arbitrary: run }, { weight: 1, arbitrary: fc.constant<Run>({ break: true }) }), { maxLength: 6 });

// FC_RUNS=50000 for a long soak; the default keeps the suite quick.
const params = { numRuns: Number(process.env.FC_RUNS ?? 2000) };

describe('idempotency', () => {
  test('typographRu(typographRu(x)) === typographRu(x)', () => {
    fc.assert(fc.property(text, (t) => typographRu(typographRu(t)) === typographRu(t)), params);
  });
  test('typographEn is idempotent', () => {
    fc.assert(fc.property(text, (t) => typographEn(typographEn(t)) === typographEn(t)), params);
  });
  test('typographRuns is idempotent, keeps code runs verbatim and every run its formatting and href', () => {
    const codeTexts = (list: Run[]) => list.flatMap((r) => ('text' in r && r.code ? [r.text] : []));
    // A run's identity without its text: the output's must be a subsequence of the input's (runs emptied by
    // space collapsing may disappear, nothing is invented or reordered).
    const shapes = (list: Run[]) => list.map((r) => JSON.stringify({ ...r, text: undefined }));
    const isSubsequence = (sub: string[], seq: string[]) => {
      let i = 0;
      for (const x of seq) if (x === sub[i]) i++;
      return i === sub.length;
    };
    fc.assert(
      fc.property(runs, fc.constantFrom('ru' as const, 'en' as const), (rs, lang) => {
        const once = typographRuns(rs, lang);
        expect(typographRuns(once, lang)).toEqual(once);
        expect(codeTexts(once)).toEqual(codeTexts(rs));
        expect(isSubsequence(shapes(once), shapes(rs))).toBe(true);
        expect(once.filter((r) => 'break' in r).length).toBe(rs.filter((r) => 'break' in r).length);
      }),
      { numRuns: Math.round(params.numRuns / 2) },
    );
  });
  test('hyphenation is idempotent', () => {
    fc.assert(fc.property(text, (t) => hyphenateRu(hyphenateRu(t)) === hyphenateRu(t) && hyphenateEn(hyphenateEn(t)) === hyphenateEn(t)), { numRuns: 500 });
  });
});

describe('character set', () => {
  const font = fontkit.create(readFileSync('node_modules/@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf')) as fontkit.Font;
  const EMITTED = ['\u00A0', '\u2011', '\u00AD', '–', '—', '«', '»', '„', '“', '”', '‘', '’', '…'];

  test('every character the typographs emit is in PT Sans', () => {
    for (const ch of EMITTED) expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!), `U+${ch.codePointAt(0)!.toString(16)}`).toBe(true);
    for (const cp of [0x202f, 0x2009, 0x2060]) expect(font.hasGlyphForCodePoint(cp)).toBe(false);
  });

  test('typograph output has no character outside the input and the emitted set', () => {
    fc.assert(
      fc.property(text, (t) => {
        const allowed = new Set([...t, ...EMITTED, ' ']);
        for (const out of [typographRu(t), typographEn(t), hyphenateRu(typographRu(t))]) {
          for (const ch of out) if (!allowed.has(ch)) return false;
        }
        return true;
      }),
      params,
    );
  });

  test('pasted U+202F, U+2009, U+2060 never survive', () => {
    const out = typographRu('1\u202F000\u2009человек\u2060 и\u2009\u2009 т.\u202Fд.');
    expect(out).toBe('1\u00A0000\u00A0человек и\u00A0т.\u00A0д.');
    for (const cp of [0x202f, 0x2009, 0x2060]) expect(out).not.toContain(String.fromCodePoint(cp));
  });
});
