/**
 * Rules both languages share: whitespace the brand font can print, no double spaces, the ellipsis, and the en
 * dash in number ranges. PT Sans has no U+202F, U+2009 or U+2060, so pasted thin/narrow spaces are mapped to
 * characters it does have instead of turning into boxes in the PDF.
 */
import type { Rule } from './cells.js';

const NBSP = '\u00A0';

export const WHITESPACE_RULES: readonly Rule[] = [
  // Narrow and figure no-break spaces keep their meaning (no break) in the nearest printable form.
  [/[\u202F\u2007]/g, NBSP],
  // Other typographic spaces and tabs are ordinary spaces.
  [/[\t\u2000-\u2006\u2008-\u200A\u205F\u3000]/g, ' '],
  // Invisible joiners and zero-width spaces are dropped (U+2060 word joiner: not in PT Sans).
  [/[\u200B\u2060\uFEFF]/g, ''],
  // No double spaces; a run that held a no-break space stays unbreakable.
  [/[ \u00A0]{2,}/g, (m) => (m[0].includes(NBSP) ? NBSP : ' ')],
];

export const ELLIPSIS_RULE: Rule = [/(?<!\.)\.\.\.(?!\.)/g, '…'];

/**
 * 1990-2001, 1990 - 2001, 10—12 → 1990–2001: an en dash without spaces. Chains (phone numbers, ISO dates
 * 2001-04-12, 1-2-3) and decimals are left alone.
 */
export const RANGE_RULE: Rule = [
  /(?<![\p{N}\-–—‑/:])(?<!\p{N}[.,])(\p{N}{1,4})[ \u00A0]?(?:-{1,3}|[–—])[ \u00A0]?(\p{N}{1,4})(?![\p{N}\-–—‑/:])(?![.,]\p{N})/gu,
  '$1–$2',
  // A digit, perhaps a space, a dash: what the rule cannot match without (its lookbehinds are tried at every digit).
  /\p{N}[ \u00A0]?[-–—]/u,
];
