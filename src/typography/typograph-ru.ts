/**
 * The Russian typograph (after Мильчин & Чельцова, «Справочник издателя и автора»): no-break spaces that keep
 * short words, initials, abbreviations and numbers with their neighbours, «ёлочки» with „лапками“ inside, the
 * em dash with a no-break space before it, the en dash in ranges. Emits only U+00A0, U+2011, – — « » „ “ …
 * beyond what the author typed — characters PT Sans has. Idempotent: typographRu(typographRu(x)) === typographRu(x).
 */
import { applyRules, cellsToString, stringToCells, type Cells, type Rule } from './cells.js';
import { ELLIPSIS_RULE, RANGE_RULE, WHITESPACE_RULES } from './common-rules.js';
import { RU_QUOTES, smartQuotes } from './quotes.js';

const NBSP = '\u00A0';
const S = '[ \\u00A0]';
/** A word starts here: not preceded by a letter, digit, joiner or protected text. */
const WORD_START = "(?<![\\p{L}\\p{N}\\-\\u2011.'’@_/\\uE000])";

const re = (source: string, flags = 'gu'): RegExp => new RegExp(source, flags);
/** Text without an ASCII hyphen cannot match a rule about hyphens (cells.ts `Rule`). */
const HYPHEN = /-/;

const SHORT_WORDS_3 = 'без|для|под|над|при|про|изо|обо|ото|подо|надо';
const PARTICLES = 'ли|ль|же|ж|бы|б';
/** Abbreviations that stick to the name or number after them: г. Чехов, ул. Ленина, д. 5, рис. 3. */
const ABBREVIATIONS = 'г|гг|ул|просп|пр|пл|пер|наб|ш|д|дер|с|пос|им|ст|обл|корп|кв|стр|рис|табл|гл|п|пп|ч|см|тел|св|оз|р';

// A rule about a space or a hyphen starts with that character and looks behind it after (` (?<=\p{N} )`,
// not `(?<=\p{N}) `): irregexp then skips ahead to the next candidate character instead of trying the
// Unicode lookbehind at every position. The two forms match the same text; the three rules that
// now match only the character they change (short hyphens, abbreviations, short words) make the
// same edits as when they matched the word before it too.
export const RU_RULES: readonly Rule[] = [
  ...WHITESPACE_RULES,
  ELLIPSIS_RULE,
  RANGE_RULE,
  // A dash between words, however typed, is an em dash glued to the word before it.
  [re(`${S}(?<=[^\\s]${S})${S}*(?:-{1,3}|[–—])${S}+(?=[^\\s])`), `${NBSP}— `],
  // A dash opening a paragraph or line (dialogue) is an em dash held to the first word.
  [re(`(?<=^|\\n)(?:-{2,3}|[–—])${S}+`), `—${NBSP}`],
  // 55-летия, 90-ые, 1990-х: the number and its ending never part.
  [re('-(?<=\\p{N}-)(?=\\p{L})'), '\u2011', HYPHEN],
  // Нью-Йорк, Ла-Кросс, кто-то: a hyphen with a part of at most three letters never ends a line
  // (a line ending «Нью-» reads as a broken word). Longer compounds may still break there.
  [re('-(?<=(?<![\\p{L}\\-\\u2011])\\p{L}{1,3}-)(?=\\p{L})', 'gu'), '\u2011', HYPHEN],
  [re('-(?<=\\p{L}-)(?=\\p{L}{1,3}(?![\\p{L}\\-\\u2011]))', 'gu'), '\u2011', HYPHEN],
  // т.д. т. е. т.п. т.к. т.ч. → т. д. with a no-break space.
  [re(`${WORD_START}([тТ])\\.${S}?([дпекч])\\.`), `$1.${NBSP}$2.`],
  // Initials: О.Б. Иванов, О. Б. Иванов → О. Б. Иванов (no-break spaces), Иванов О. Б. likewise.
  [re(`(?<![\\p{L}\\p{N}.])([А-ЯЁ])\\.${S}?([А-ЯЁ])\\.(?![а-яё])`), `$1.${NBSP}$2.`],
  [re(`(?<=(?<![\\p{L}\\p{N}.])[А-ЯЁ]\\.\\u00A0[А-ЯЁ]\\.)${S}?(?=[А-ЯЁ][а-яё])`), NBSP, /\.\u00A0/],
  [re(`(?<![\\p{L}\\p{N}.])([А-ЯЁ])\\.${S}(?=[А-ЯЁ][а-яё]{2,})`), `$1.${NBSP}`],
  [re(`${S}(?<=[А-ЯЁ][а-яё]+${S})(?=[А-ЯЁ]\\.\\u00A0[А-ЯЁ]\\.(?!${S}?[А-ЯЁ][а-яё]))`), NBSP, /\.\u00A0/],
  // г. Чехов, ул. Ленина, д. 5 — but not the end of «т. д.» or a unit after a number («в 1990 г. Город…»),
  // which may end a sentence.
  [re(`${S}(?<=${WORD_START}(?<!т\\.${S}?)(?<!\\p{N}${S})(?:${ABBREVIATIONS})\\.${S})(?=[\\p{Lu}\\p{N}№])`), NBSP],
  // № 5, § 3.
  [re(`([№§])${S}?(?=\\p{N})`), `$1${NBSP}`],
  // Thousands typed with spaces: 15 000 → 15 000 (no-break).
  [re(` (?<=(?<![\\p{N}.,])\\p{N}{1,3} )(?=\\p{N}{3}(?!\\p{N}))`), NBSP],
  // A number and its noun or unit: 600 тонн, 1992 году, 10 %, 2001 г.
  [re(' (?<=\\p{N} )(?=[\\p{L}%‰°])'), NBSP],
  // 90‑ые годы, 1990‑х годах: a number with its ending likewise.
  [re(' (?<=\\p{N}\\u2011\\p{L}{1,3} )(?=\\p{L})'), NBSP, /\u2011/],
  // One- and two-letter words and short prepositions hold on to the next word: в Москве, и т. д., на уровне.
  // (Not the particles бы, ли: they belong to the word before, see the next rule.)
  [re(` (?<=${WORD_START}(?:[а-яё]{1,2}|${SHORT_WORDS_3}) )(?<!${WORD_START}(?:бы|ли|ль|б) )(?=[^\\s])`, 'giu'), NBSP],
  // Particles hold on to the word before: он же, мог бы.
  [re(` (?<=[\\p{L}\\p{N}] )(?=(?:${PARTICLES})(?![\\p{L}\\p{N}]))`, 'giu'), NBSP],
];

/** The Russian typograph on cells (used by typographRuns across a paragraph's runs). */
export function typographRuCells(cells: Cells): Cells {
  return applyRules(smartQuotes(applyRules(cells, WHITESPACE_RULES), RU_QUOTES), RU_RULES);
}

/** The Russian typograph on plain text; URLs and e-mail addresses inside it are left untouched. */
export function typographRu(text: string): string {
  return cellsToString(typographRuCells(stringToCells(text)));
}
