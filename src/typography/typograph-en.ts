/**
 * The English (American) typograph for the partner-city edition: curly quotes “ ” with ‘ ’ inside, apostrophes ’,
 * a closed em dash for a spaced hyphen (Chicago style: word—word), the en dash in ranges, no double spaces.
 * None of the Russian no-break-space rules apply. Idempotent like its Russian sibling.
 */
import { applyRules, cellsToString, stringToCells, type Cells, type Rule } from './cells.js';
import { ELLIPSIS_RULE, RANGE_RULE, WHITESPACE_RULES } from './common-rules.js';
import { EN_QUOTES, smartQuotes } from './quotes.js';

export const EN_RULES: readonly Rule[] = [
  ...WHITESPACE_RULES,
  ELLIPSIS_RULE,
  RANGE_RULE,
  // word - word, word -- word, word – word, word — word (also a Russian-style nbsp before it) → word—word.
  [/[ \u00A0](?<=[^\s][ \u00A0])[ \u00A0]*(?:-{1,3}|[–—])[ \u00A0]+(?=[^\s])/gu, '—'],
  [/(?<=[\p{L}\p{N}])-{2,3}(?=[\p{L}\p{N}])/gu, '—'],
];

export function typographEnCells(cells: Cells): Cells {
  return applyRules(smartQuotes(applyRules(cells, WHITESPACE_RULES), EN_QUOTES), EN_RULES);
}

/** The English typograph on plain text; URLs and e-mail addresses inside it are left untouched. */
export function typographEn(text: string): string {
  return cellsToString(typographEnCells(stringToCells(text)));
}
