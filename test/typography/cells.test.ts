/** The cell string the typograph rules edit: each rule's result and its view agree, whatever the rule did. */
import { describe, expect, test } from 'vitest';
import { applyRules, cellsToString, PLACEHOLDER, replaceCells, stringToCells, view } from '../../src/typography/cells.js';

describe('replaceCells', () => {
  test('an insertion at offset 0 (a zero-length match) is applied, not taken for "no change"', () => {
    const out = replaceCells(stringToCells('abc'), /^/g, () => 'X');
    expect(cellsToString(out)).toBe('Xabc');
    expect(view(out)).toBe('Xabc');
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
    const expected = out.map((c) => (c.fixed && c.ch !== '\n' ? PLACEHOLDER : c.ch)).join('');
    expect(view(out)).toBe(expected);
    expect(view(out)).toContain(PLACEHOLDER);
  });

  test('a rule that changes nothing returns the same cells', () => {
    const cells = stringToCells('Москва');
    expect(replaceCells(cells, /Нью-Йорк/g, () => 'x')).toBe(cells);
  });
});
