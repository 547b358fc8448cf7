/**
 * Text the typograph and the hyphenator must never touch: URLs and e-mail addresses written in running text.
 * (Code is protected by its run's `code` flag; a link's `href` is never text at all.)
 */

// A URL runs to the next space or quote; trailing sentence punctuation is not part of it (see trimEnd).
const URL_RE = /(?:https?:\/\/|ftp:\/\/|mailto:|tel:|www\.)[^\s\u00A0<>«»„“”‘’"–—]+/giu;
const EMAIL_RE = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// Bare domains like «council-mo.ru/path» are URLs too when followed by a path or a known top-level domain.
const DOMAIN_RE = /(?<![\p{L}\p{N}@.-])(?:[a-z0-9-]+\.)+(?:ru|com|org|net|gov|edu|рф|info|io)(?:\/[^\s\u00A0<>«»„“”‘’"–—]*)?(?![\p{L}\p{N}])/giu;

const NEEDS = /[.:@]/;
/**
 * Each pattern with a character it cannot match without: most paragraphs have a '.', and the
 * e-mail pattern, tried at every letter of a text without an '@', cost more than the other two.
 */
const PATTERNS: readonly [RegExp, (text: string) => boolean][] = [
  [URL_RE, (text) => text.includes(':') || /www\./i.test(text)],
  [EMAIL_RE, (text) => text.includes('@')],
  [DOMAIN_RE, (text) => text.includes('.')],
];
const TRAILING = /[.,;:!?…)\]}'’]+$/u;

/** Half-open [start, end) ranges of URLs and e-mail addresses in `text`, sorted, non-overlapping. */
export function protectedRanges(text: string): [number, number][] {
  // Every pattern needs a ':' (a scheme), a '.' (www., a domain) or an '@' (an address). The PDF line
  // breaker asks about every long word it hyphenates, and the three Unicode regexes cost far more
  // than this look.
  if (!NEEDS.test(text)) return [];
  const ranges: [number, number][] = [];
  for (const [re, possible] of PATTERNS) {
    if (!possible(text)) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      let s = m[0];
      // Keep a closing parenthesis that belongs to the URL (Wikipedia style «…_(city)»).
      const trimmed = s.replace(TRAILING, '');
      if (trimmed.length < s.length && s.endsWith(')') && trimmed.includes('(')) s = trimmed + ')';
      else s = trimmed;
      if (s.length > 0) ranges.push([m.index, m.index + s.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const lastRange = merged[merged.length - 1];
    if (lastRange && r[0] <= lastRange[1]) lastRange[1] = Math.max(lastRange[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
