import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { Run } from '../../src/document/model.js';
import { breakLines, runsBetween, sliceRuns } from '../../src/layout/break-lines.js';
import { loadBrandFonts } from '../../src/layout/fonts.js';
import { measureText } from '../../src/layout/measure.js';
import { testBrand } from './helpers.js';

const fonts = loadBrandFonts(testBrand().fonts.files);
const text = (line: { runs: { text: string }[] }): string => line.runs.map((r) => r.text).join('');
const lines = (runs: Run[], width: number, size = 24): string[] => breakLines(runs, width, size, fonts).lines.map(text);

describe('breakLines', () => {
  test('breaks at spaces, greedily, and drops the space at the line end', () => {
    const width = measureText('побратим города', fonts.regular, 24) + 1;
    expect(lines([{ text: 'город Серпухов побратим города Ричмонд' }], width)).toEqual(['город Серпухов', 'побратим города', 'Ричмонд']);
  });

  test('never breaks at a no-break space (U+00A0) or a non-breaking hyphen (U+2011)', () => {
    const width = measureText('в\u00A01990\u00A0году', fonts.regular, 24) + 1;
    const out = lines([{ text: 'прибыла в\u00A01990\u00A0году' }], width);
    expect(out).toEqual(['прибыла', 'в\u00A01990\u00A0году']);
    for (const line of out) expect(line).not.toMatch(/ в$/);
    const nb = breakLines([{ text: 'в Нью\u2011Йорке' }], measureText('Нью\u2011Йорке', fonts.regular, 24) + 1, 24, fonts);
    expect(nb.lines.map(text)).toEqual(['в', 'Нью\u2011Йорке']);
    expect(nb.tooWide).toBeUndefined();
  });

  test('breaks after a hyphen between letters, keeping the hyphen on the first line', () => {
    expect(lines([{ text: 'Нью-Йорк' }], measureText('Нью-', fonts.regular, 24) + 1)).toEqual(['Нью-', 'Йорк']);
    // Not between digits: «1990-2001» stays whole (too wide, so it is cut, but not at the hyphen).
    expect(breakLines([{ text: '55-летия' }], 1000, 24, fonts).lines).toHaveLength(1);
  });

  test('breaks at a soft hyphen with a visible hyphen; other soft hyphens vanish', () => {
    const word = 'побра\u00ADтим\u00ADские';
    const width = measureText('побратим-', fonts.regular, 24) + 1;
    const out = lines([{ text: word }], width);
    expect(out).toEqual(['побратим-', 'ские']);
    expect(lines([{ text: word }], 1000)).toEqual(['побратимские']);
    expect(out.join('')).not.toContain('\u00AD');
  });

  test('a line-break run forces a new line; a trailing one adds an empty line', () => {
    const b: Run = { break: true };
    expect(lines([{ text: 'совет' }, b, { text: 'муниципальных' }, b, { text: 'образований' }], 1000)).toEqual(['совет', 'муниципальных', 'образований']);
    expect(lines([{ text: 'а ' }, b, { text: 'б' }], 1000)).toEqual(['а', 'б']);
    expect(lines([{ text: 'а' }, b, b, { text: 'б' }], 1000)).toEqual(['а', '', 'б']);
  });

  test('measures bold and italic runs with their own faces', () => {
    const runs: Run[] = [{ text: 'Дубна ', bold: true }, { text: 'и Ла-Кросс', italic: true }];
    const [line] = breakLines(runs, 1000, 24, fonts).lines;
    expect(line.runs).toEqual([{ text: 'Дубна ', bold: true }, { text: 'и Ла-Кросс', italic: true }]);
    const expected = measureText('Дубна', fonts.bold, 24) + measureText(' ', fonts.bold, 24) + measureText('и', fonts.italic, 24) + measureText(' ', fonts.italic, 24) + measureText('Ла-Кросс', fonts.italic, 24);
    expect(line.width).toBeCloseTo(expected, 6);
  });

  test('cuts a token wider than the line between characters and reports it', () => {
    const long = 'а'.repeat(200);
    const width = 300;
    const result = breakLines([{ text: `до ${long} после` }], width, 24, fonts);
    expect(result.tooWide?.token).toBe(long);
    expect(result.lines.length).toBeGreaterThan(2);
    for (const l of result.lines) expect(l.width).toBeLessThanOrEqual(width);
    expect(result.lines.map(text).join('').replace(/ /g, '')).toBe(`до${long}после`);
  });

  test('line starts let a paragraph continue from any line', () => {
    const runs: Run[] = [{ text: 'Первая делегация ' }, { text: 'города Ричмонд', bold: true }, { text: ' прибыла в Серпухов в 1990 году.' }];
    const result = breakLines(runs, measureText('Первая делегация', fonts.regular, 24) + 1, 24, fonts);
    expect(result.starts).toHaveLength(result.lines.length);
    for (let i = 0; i < result.lines.length; i++) {
      const rest = breakLines(sliceRuns(runs, result.starts[i]), 10000, 24, fonts).lines.map(text).join('');
      expect(rest).toBe(result.lines.slice(i).map(text).join(' '));
      if (i + 1 < result.lines.length) {
        const part = runsBetween(runs, result.starts[i], result.starts[i + 1]);
        expect(part.map((r) => ('text' in r ? r.text : '\n')).join('')).toBe(text(result.lines[i]));
      }
    }
  });

  test('property: no line wider than the width (unless one character), and no text lost', () => {
    const word = fc.stringMatching(/^[а-яА-Яa-z0-9«»,.—\u00AD\u00A0-]{1,14}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.integer({ min: 20, max: 900 }), fc.boolean(), (words, width, bold) => {
        const source = words.join(' ');
        const result = breakLines([{ text: source, bold }], width, 24, fonts);
        for (const l of result.lines) {
          if ([...text(l)].length > 1) expect(l.width).toBeLessThanOrEqual(width + 1e-9);
        }
        const squash = (s: string): string => s.replace(/[\s\u00AD-]/g, '');
        expect(squash(result.lines.map(text).join(''))).toBe(squash(source));
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
