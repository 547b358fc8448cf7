/** The cell string the typograph rules edit: each rule's result and its view agree, whatever the rule did. */
import { describe, expect, test } from 'vitest';
import type { Run } from '../../src/document/model.js';
import { applyRules, cellsToRuns, cellsToString, isFixed, PLACEHOLDER, replaceCells, runsToCells, stringToCells } from '../../src/typography/cells.js';

describe('replaceCells', () => {
  test('an insertion at offset 0 (a zero-length match) is applied, not taken for "no change"', () => {
    const out = replaceCells(stringToCells('abc'), /^/g, () => 'X');
    expect(cellsToString(out)).toBe('Xabc');
    expect(out.view).toBe('Xabc');
  });

  test('the view handed to the next rule is the edited text, protected text still a placeholder', () => {
    // Each rule must see what the one before it wrote: the second rule matches only the first one's output.
    const cells = stringToCells('см. https://example.org/a-b и т.д.');
    const out = applyRules(cells, [
      [/т\.д\./g, 'т. д.'],
      [/т\. д\./g, 'т.\u00A0д.'],
      [/-/g, '\u2011'],
    ]);
    expect(cellsToString(out)).toBe('см. https://example.org/a-b и т.\u00A0д.');
    const text = cellsToString(out);
    const expected = text.split('').map((ch, i) => (isFixed(out, i) && ch !== '\n' ? PLACEHOLDER : ch)).join('');
    expect(out.view).toBe(expected);
    expect(out.view).toContain(PLACEHOLDER);
  });

  test('a rule that changes nothing returns the same cells', () => {
    const cells = stringToCells('Москва');
    expect(replaceCells(cells, /Нью-Йорк/g, () => 'x')).toBe(cells);
  });
});

describe('cells keep their runs', () => {
  const runs: Run[] = [{ text: 'в ' }, { text: 'Москве', bold: true }, { text: ' и', italic: true }, { text: 'x', code: true }, { text: ' т.д.' }];

  test('a substituted character stays in its run; an inserted one joins the run before it', () => {
    const cells = runsToCells(runs);
    const out = applyRules(cells, [
      [/ /g, '\u00A0'],
      [/т\.д\./g, 'т. д.'],
    ]);
    expect(cellsToRuns(runs, out)).toEqual([
      { text: 'в\u00A0' },
      { text: 'Москве', bold: true },
      { text: '\u00A0и', italic: true },
      { text: 'x', code: true },
      { text: '\u00A0т. д.' },
    ]);
  });

  test('an insertion after a code run goes into the run after it; a deletion empties and drops a run', () => {
    const cells = runsToCells([{ text: 'a' }, { text: 'npm', code: true }, { text: '  ' }, { text: 'b' }]);
    const inserted = replaceCells(cells, /(?<=\uE000{3})/g, () => '!');
    expect(cellsToRuns([{ text: 'a' }, { text: 'npm', code: true }, { text: '  ' }, { text: 'b' }], inserted)).toEqual([
      { text: 'a' },
      { text: 'npm', code: true },
      { text: '!  ' },
      { text: 'b' },
    ]);
    const deleted = replaceCells(cells, / +/g, () => '');
    expect(cellsToRuns([{ text: 'a' }, { text: 'npm', code: true }, { text: '  ' }, { text: 'b' }], deleted)).toEqual([
      { text: 'a' },
      { text: 'npm', code: true },
      { text: 'b' },
    ]);
  });

  test('an edit that would change a fixed cell, or insert into sealed runs only, is dropped', () => {
    const cells = runsToCells([{ text: 'npm', code: true }]);
    expect(replaceCells(cells, /\uE000/g, () => 'x')).toBe(cells);
    expect(replaceCells(cells, /^/g, () => 'x')).toBe(cells);
  });

  test('a URL inside a code run stays sealed: nothing is inserted into it', () => {
    const code: Run[] = [{ text: 'http://a.ru', code: true }];
    const cells = runsToCells(code);
    expect(cells.view).toBe(PLACEHOLDER.repeat(11));
    expect(replaceCells(cells, /$/g, () => '!')).toBe(cells);
  });
});
