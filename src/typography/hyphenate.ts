/**
 * Soft hyphens (U+00AD) in long words, from the TeX hyphenation patterns shipped by the `hyphen` package. The
 * PDF line breaker prints a hyphen where it breaks at one; Word and PowerPoint honour them as optional hyphens.
 *
 * Patterns are loaded lazily, once per language, through `require` (the package is CommonJS and its pattern
 * files are large: loading them only for the language being built keeps `council-press check` fast).
 * URLs and e-mail addresses, code runs, headings and already hyphenated words are left alone, which also makes
 * hyphenation idempotent.
 */
import { createRequire } from 'node:module';
import type { HyphenationFunctionSync } from 'hyphen';
import { isBreak, type Deck, type FlowDocument, type Lang, type Run } from '../document/model.js';
import { mapDocument } from './map-document.js';
import { protectedRanges } from './protect.js';

export const SOFT_HYPHEN = '\u00AD';
/** Shorter words are not worth breaking: the gain on a line is smaller than the cost of a hyphen. */
export const MIN_WORD_LENGTH = 8;
/** Letters kept together at each end of a word (Russian rules forbid a single letter on either side). */
const MIN_FRAGMENT = 2;

const require = createRequire(import.meta.url);
const hyphenators = new Map<Lang, HyphenationFunctionSync>();
const PATTERNS: Record<Lang, string> = { ru: 'hyphen/ru', en: 'hyphen/en-us' };

type PatternModule = { hyphenateSync: HyphenationFunctionSync };

/*
 * Each language's patterns (100–140 KB of JavaScript) load on first use. The render stage loads
 * them ahead with `loadHyphenation`, through import(), which the bundle (scripts/bundle.mjs)
 * contains, code cache and all; any other caller gets them through require() when first needed.
 */
const LOADERS: Record<Lang, () => Promise<PatternModule | { default: PatternModule }>> = {
  ru: () => import('hyphen/ru/index.js'),
  en: () => import('hyphen/en-us/index.js'),
};

/** Loads a language's hyphenation patterns, so the hyphenation calls after it find them ready. */
export async function loadHyphenation(lang: Lang): Promise<void> {
  if (hyphenators.has(lang)) return;
  const mod = await LOADERS[lang]();
  hyphenators.set(lang, ('default' in mod ? mod.default : mod).hyphenateSync);
}

function hyphenator(lang: Lang): HyphenationFunctionSync {
  let fn = hyphenators.get(lang);
  if (!fn) {
    fn = (require(PATTERNS[lang]) as PatternModule).hyphenateSync;
    hyphenators.set(lang, fn);
  }
  return fn;
}

const WORD: Record<Lang, RegExp> = {
  ru: /[А-Яа-яЁё\u00AD]+/g,
  en: /[A-Za-z\u00AD]+/g,
};

/** Words seen before, per language: the patterns cost far more than a lookup, and prose repeats its words. */
const wordMemo: Record<Lang, Map<string, string>> = { ru: new Map(), en: new Map() };
const WORD_MEMO_LIMIT = 50_000;

function hyphenateWord(word: string, lang: Lang): string {
  if (word.includes(SOFT_HYPHEN) || word.length < MIN_WORD_LENGTH) return word;
  if (word === word.toUpperCase()) return word; // acronyms: СМИ, NATO
  const memo = wordMemo[lang];
  let done = memo.get(word);
  if (done === undefined) {
    if (memo.size >= WORD_MEMO_LIMIT) memo.clear();
    memo.set(word, (done = hyphenateFresh(word, lang)));
  }
  return done;
}

function hyphenateFresh(word: string, lang: Lang): string {
  const parts = hyphenator(lang)(word, { minWordLength: MIN_WORD_LENGTH }).split(SOFT_HYPHEN);
  // Merge fragments shorter than MIN_FRAGMENT at the ends into their neighbour.
  while (parts.length > 1 && parts[0]!.length < MIN_FRAGMENT) parts.splice(0, 2, parts[0]! + parts[1]!);
  while (parts.length > 1 && parts[parts.length - 1]!.length < MIN_FRAGMENT) {
    const tail = parts.pop()!;
    parts[parts.length - 1] += tail;
  }
  return parts.join(SOFT_HYPHEN);
}

/** Inserts soft hyphens into the language's long words in `text`, skipping URLs and e-mail addresses. */
export function hyphenateText(text: string, lang: Lang): string {
  const ranges = protectedRanges(text);
  let out = '';
  let pos = 0;
  const hyphenateSpan = (span: string) => span.replace(WORD[lang], (w) => hyphenateWord(w, lang));
  for (const [start, end] of ranges) {
    out += hyphenateSpan(text.slice(pos, start)) + text.slice(start, end);
    pos = end;
  }
  return out + hyphenateSpan(text.slice(pos));
}

export const hyphenateRu = (text: string): string => hyphenateText(text, 'ru');
export const hyphenateEn = (text: string): string => hyphenateText(text, 'en');

/** Hyphenates each run's text; code runs and line breaks are returned as they are. */
export function hyphenateRuns(runs: readonly Run[], lang: Lang): Run[] {
  return runs.map((run) => (isBreak(run) || run.code ? run : { ...run, text: hyphenateText(run.text, lang) }));
}

/**
 * A new document with soft hyphens in running text; headings and slide titles are left whole (a hyphenated
 * heading reads badly, and they are short enough to wrap at spaces).
 */
export function hyphenateDocument<D extends Deck | FlowDocument>(doc: D, lang: Lang = doc.meta.lang): D {
  return mapDocument(doc, {
    runs: (runs) => hyphenateRuns(runs, lang),
    text: (text) => hyphenateText(text, lang),
    headingRuns: (runs) => runs,
  });
}
