// The seed deck's text, as the council wrote it, and a normalisation that lets typography change
// spaces, dashes, quotes and hyphenation without hiding a missing or altered word.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './fontconfig.js';

export const SEED_FILE = join(REPO_ROOT, '..', 'shared', 'seeds', '000_249a72d3d5fbda57.txt');

export const RUNNING_HEADER = 'совет муниципальных образований московской области';

/** The two typos the issue allows us to fix, and the seed's hard wrap inside «Нью-Йорк». */
const SEED_FIXES: [RegExp, string][] = [
  [/побратимские отношениями/g, 'побратимскими отношениями'],
  [/много другое/g, 'многое другое'],
  [/Нью-\s*\n\s*Йорк/g, 'Нью-Йорк'],
];

/**
 * Spaces, dashes, quotes, soft hyphens and abbreviations (the typograph writes «т. д.» with a
 * no-break space, the seed «т.д.») reduced to one form, whitespace collapsed.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/\u00AD/g, '') // soft hyphens
    .replace(/-\n/g, '-') // a hyphenated line end in extracted PDF text
    .replace(/[\u00A0\u202F\u2009\u2007]/g, ' ')
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/[–—]/g, '-')
    .replace(/[«»„“”"]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/(?<![А-Яа-яЁё])([а-яё])\. ([а-яё])\./g, '$1.$2.')
    .trim();
}

/**
 * Looser still, for text extracted from a laid-out PDF: a hyphen at a line end may be a real one
 * («Нью-⏎Йорк») or one the hyphenator added («здравоохра-⏎нение»), and the two cannot be told
 * apart, so every hyphen and dash goes and the words around it are compared joined.
 */
export function looseText(text: string): string {
  return normalizeText(text.replace(/\u00AD/g, '').replace(/[-\u2010\u2011]\s*\n\s*/g, ''))
    .replace(/ ?- ?/g, '')
    .replace(/\s+/g, ' ');
}

/** Sentences of `sentences` not found in `haystack` (both loosened the same way). */
export function missingSentences(haystack: string, sentences: readonly string[], loose = false): string[] {
  const norm = loose ? looseText : normalizeText;
  const hay = norm(haystack);
  return sentences.filter((s) => !hay.includes(norm(s)));
}

export function seedText(): string {
  let text = readFileSync(SEED_FILE, 'utf8');
  for (const [from, to] of SEED_FIXES) text = text.replace(from, to);
  return text;
}

// A sentence ends at . ; or : before a capital, a quote or «город» (the list lines), but not after
// a one-letter abbreviation such as «г.» (the seed's «дня г. Чехова»).
const SENTENCE_END = /(?<=[.;:])(?<!(?:^|[\s(])[А-ЯЁа-яё]\.)\s+(?=[А-ЯЁA-Z"«]|город )/;

function sentencesOf(block: string): string[] {
  return normalizeText(block.replace(/\*\*/g, ''))
    .split(SENTENCE_END)
    .filter(Boolean);
}

/**
 * The seed's slides in order (split at the running header): 0 title, 1 messaging, 2 the list of
 * partnerships, 3… one per partnership. Each slide as its sentences.
 */
export function seedSlides(): string[][] {
  return seedText()
    .split(new RegExp(`^${RUNNING_HEADER}$`, 'm'))
    .map((slide) => slide.split(/\n\s*\n/).flatMap(sentencesOf))
    .filter((s) => s.length > 0);
}

/** Every sentence of the seed, normalised, except the council's name (title slide, running header). */
export function seedSentences(): string[] {
  return seedSlides()
    .flat()
    .filter((s) => s !== RUNNING_HEADER);
}

/** The sentences of one partnership's seed slide: the slide after the list that mentions `city`. */
export function seedSentencesOf(city: string): string[] {
  const slide = seedSlides()
    .slice(3)
    .find((s) => s.some((sentence) => sentence.includes(city)));
  if (!slide) throw new Error(`no seed partnership slide mentions ${city}`);
  return slide;
}

/** The messaging slide's sentences (slide 2 of the seed). */
export function seedMessaging(): string[] {
  return seedSlides()[1]!;
}
