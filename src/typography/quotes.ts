/**
 * Quotes by nesting depth, whatever the author typed. Every quote character is classified by its context
 * (what precedes it in the output, what follows it in the input) and not by its shape, because authors type
 * "…", “…”, «…» and '…' interchangeably — and because the second pass must reach the same decisions as the first
 * (idempotency): the preceding character is read from the already rewritten text, and all quote characters
 * look alike as a following character.
 */
import { isFixed, withCharacters, type Cells } from './cells.js';

export interface QuoteStyle {
  /** Opening quote at depth 0 and at any deeper level. */
  open: readonly [string, string];
  close: readonly [string, string];
  /** What an apostrophe (a quote between letters, `don't`) becomes; null leaves it as typed. */
  apostrophe: string | null;
  /** Characters whose shape decides the direction when the context does not (e.g. a quote between spaces). */
  intrinsicOpen: string;
  intrinsicClose: string;
}

export const RU_QUOTES: QuoteStyle = {
  open: ['«', '„'],
  close: ['»', '“'],
  apostrophe: null,
  intrinsicOpen: '«„',
  intrinsicClose: '»“',
};

export const EN_QUOTES: QuoteStyle = {
  open: ['“', '‘'],
  close: ['”', '’'],
  apostrophe: '’',
  intrinsicOpen: '“‘«„',
  intrinsicClose: '”»',
};

const QUOTES = `"'«»„“”‘’‚`;
const SINGLE = `'‘’‚`;
const APOSTROPHE_LIKE = `'’`;

const isSpace = (ch: string | undefined): boolean => ch === undefined || /[\s\u00A0]/u.test(ch);

function opensContext(prev: string | undefined, style: QuoteStyle): boolean {
  return isSpace(prev) || '([{/-–—‑'.includes(prev!) || style.open.includes(prev!);
}

function closesContext(next: string | undefined): boolean {
  // Dashes count as closing context because the English dash rule removes the spaces around them: the quote in
  // `» - в` must read the same before (space after it) and after (dash after it) that rule.
  return isSpace(next) || '.,;:!?…)]}-–—‑'.includes(next!) || QUOTES.includes(next!);
}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && /\p{N}/u.test(ch);

/** The cells with their quote characters rewritten (the input is not changed). */
export function smartQuotes(cells: Cells, style: QuoteStyle): Cells {
  const { text } = cells;
  // Rewritten so far, by position: the preceding character is read as already rewritten.
  const positions: number[] = [];
  const chars: string[] = [];
  const written = (i: number): string => (positions[positions.length - 1] === i ? chars[chars.length - 1]! : text[i]!);
  // A protected neighbour (code, URL) reads as a letter: `"`npm`"` is quoted code.
  const seen = (i: number, ch: string): string => (isFixed(cells, i) && ch !== '\n' ? 'x' : ch);
  const rewrite = (i: number, ch: string): void => {
    positions.push(i);
    chars.push(ch);
  };
  // One entry per open quote: was it opened by a single-quote character? (English needs it to tell a closing
  // ' from an apostrophe: 'word' closes, the cities' partners does not.)
  const stack: boolean[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (!QUOTES.includes(ch) || isFixed(cells, i)) continue;
    const prev = i > 0 ? seen(i - 1, written(i - 1)) : undefined;
    const next = i + 1 < text.length ? seen(i + 1, text[i + 1]!) : undefined;
    const canOpen = opensContext(prev, style);
    const canClose = closesContext(next);
    let opening: boolean;
    if (canOpen && !canClose) opening = true;
    else if (!canOpen && canClose) opening = false;
    else if (!canOpen && !canClose && APOSTROPHE_LIKE.includes(ch)) {
      if (style.apostrophe) rewrite(i, style.apostrophe); // between letters: don't, O'Hara
      continue;
    } else if (!canOpen && !canClose && style.apostrophe) {
      // English between letters: not a quote (and ’ would read back as an apostrophe); left as typed.
      continue;
    } else if (style.intrinsicOpen.includes(ch)) opening = true;
    else if (style.intrinsicClose.includes(ch)) opening = false;
    else opening = stack.length === 0;

    if (style.apostrophe && APOSTROPHE_LIKE.includes(ch)) {
      // English: '90s opens nothing; the cities' partners closes nothing unless a single-quoted span is open.
      if ((opening && isDigit(next)) || (!opening && stack[stack.length - 1] !== true)) {
        rewrite(i, style.apostrophe);
        continue;
      }
    }
    if (opening) {
      rewrite(i, style.open[stack.length === 0 ? 0 : 1]);
      // An inner quote is printed single (‘), so it counts as single-opened on the next pass too.
      stack.push(SINGLE.includes(ch) || stack.length > 0);
    } else {
      rewrite(i, style.close[stack.length <= 1 ? 0 : 1]);
      stack.pop();
    }
  }
  return withCharacters(cells, positions, chars);
}
