// The seed deck's text, as the council wrote it, and a normalisation that lets typography change
// spaces, dashes, quotes and hyphenation without hiding a missing or altered word.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './fontconfig.js';

export const SEED_FILE = join(REPO_ROOT, '..', 'shared', 'seeds', '000_249a72d3d5fbda57.txt');

/** The two typos the issue allows us to fix, and the seed's hard wrap inside «Нью-Йорк». */
const SEED_FIXES: [RegExp, string][] = [
  [/побратимские отношениями/g, 'побратимскими отношениями'],
  [/много другое/g, 'многое другое'],
  [/Нью-\s*\n\s*Йорк/g, 'Нью-Йорк'],
];

export function normalizeText(text: string): string {
  return text
    .replace(/\u00AD/g, '') // soft hyphens
    .replace(/-\n/g, '-') // a hyphenated line end in extracted PDF text
    .replace(/[\u00A0\u202F\u2009]/g, ' ')
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/[–—]/g, '-')
    .replace(/[«»„“”"]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

export function seedText(): string {
  let text = readFileSync(SEED_FILE, 'utf8');
  for (const [from, to] of SEED_FIXES) text = text.replace(from, to);
  return text;
}

/** Every sentence of the seed, normalised, except the running header (checked on its own). */
export function seedSentences(): string[] {
  const blocks = seedText()
    .split(/\n\s*\n/)
    .map((b) => normalizeText(b.replace(/\*\*/g, '')))
    .filter((b) => b && b !== 'совет муниципальных образований московской области');
  return blocks.flatMap((b) => b.split(/(?<=[.;:])\s+(?=[А-ЯЁA-Z"«г])/)).filter(Boolean);
}

/** The sentences of one partnership's seed slide (the slide whose text mentions `city`). */
export function seedSentencesOf(firstSentenceIncludes: string): string[] {
  const slides = seedText().split(/совет муниципальных образований московской области\n/).map((s) => normalizeText(s));
  const slide = slides.find((s) => s.startsWith(normalizeText(firstSentenceIncludes)) || s.includes(firstSentenceIncludes));
  if (!slide) throw new Error(`no seed slide with ${firstSentenceIncludes}`);
  return slide.split(/(?<=[.;:])\s+(?=[А-ЯЁA-Z"«г])/).filter(Boolean);
}
