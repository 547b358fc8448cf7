/**
 * Splitting front matter from the Markdown body.
 *
 * Decision: we find the fences ourselves and do not call gray-matter. gray-matter picks an engine from the
 * text after the opening fence (`---js` runs `eval`), caches results between calls unless options are
 * passed, and gives no positions; the only part we would keep is "find the closing ---", which is a loop
 * over lines. Doing it here means no front-matter language can ever be evaluated (there is no engine to
 * switch off), and every line number is ours to keep exact.
 *
 * Rules: the first line must be exactly `---` (trailing spaces allowed); `---js`, `--- coffee`, `---yaml`
 * or any other language tag is refused with `frontmatter-language`; the front matter ends at the next line
 * that is exactly `---`.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';

export interface FrontMatterSplit {
  /** The YAML between the fences (no fences). */
  dataText: string;
  /** Everything after the closing fence. */
  bodyText: string;
  /** 1-based line of the body's first line. */
  bodyStartLine: number;
  /** 1-based line of the opening `---` (always 1; the YAML's own line 1 is file line fenceLine + 1). */
  fenceLine: number;
  /** True when the body holds nothing but white space. */
  bodyEmpty: boolean;
}

const FENCE = /^---[ \t]*$/;
/** `---js`, `--- coffee`, `---javascript`, `---yaml`: a language tag after the fence. */
const LANGUAGE_FENCE = /^---[ \t]*([A-Za-z][\w+.-]*)[ \t]*$/;

export function splitFrontMatter(text: string, file: string): { split?: FrontMatterSplit; diagnostics: Diagnostic[] } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const top = { file, line: 1, column: 1 };
  if (source.trim() === '') return { diagnostics: [diagnostic('empty-file', {}, top)] };

  const lines = source.split('\n');
  const first = lines[0]!;
  const language = LANGUAGE_FENCE.exec(first);
  if (language) {
    return { diagnostics: [diagnostic('frontmatter-language', { lang: language[1] }, { file, line: 1, column: first.indexOf(language[1]!) + 1 })] };
  }
  if (!FENCE.test(first)) return { diagnostics: [diagnostic('no-frontmatter', {}, top)] };

  const closing = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (closing < 0) return { diagnostics: [diagnostic('frontmatter-unclosed', {}, top)] };

  const dataText = lines.slice(1, closing).join('\n');
  const bodyText = lines.slice(closing + 1).join('\n');
  return {
    split: { dataText, bodyText, bodyStartLine: closing + 2, fenceLine: 1, bodyEmpty: bodyText.trim() === '' },
    diagnostics: [],
  };
}
