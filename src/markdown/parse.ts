/**
 * Markdown → mdast (CommonMark, GFM tables, strikethrough, autolink literals, task items;
 * footnotes parsed and dropped), with positions. A real parser, never regular expressions: the
 * document stage relies on the tree.
 *
 * The parser is markdown-it, turned into mdast by to-mdast.ts. It replaced micromark, which gave
 * the same trees but took ~10× as long on this content (a 1,300-character partnership body: ~2 ms
 * against ~0.2 ms, warm) and was the largest single cost of a big build. markdown-it is set up
 * to read, not to render for a browser:
 * - HTML is recognised (`html: true`) so the document stage can report and drop it;
 * - links are neither refused nor rewritten here (`validateLink`, `normalizeLink`): the document
 *   stage refuses unsafe ones with their position, and an address keeps its characters as the
 *   author wrote them (markdown-it would percent-encode Cyrillic);
 * - inline footnotes (`^[…]`, not GFM) stay text.
 */
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import type { Root } from 'mdast';
import { recordInlineStarts } from './inline-positions.js';
import { SourceLines } from './source-lines.js';
import { tokensToMdast } from './to-mdast.js';

const md = new MarkdownIt('default', { html: true, linkify: true });
md.use(footnote);
md.inline.ruler.disable('footnote_inline');
md.validateLink = () => true;
md.normalizeLink = (url) => url;
md.normalizeLinkText = (url) => url;
// GFM links bare http(s):// and www. addresses and e-mails; not `//host`, ftp: or `example.com`.
// linkify-it's fuzzy links (any word with a dot and a known top-level domain) are off, as
// markdown-it has them: on this prose they made parsing 6× slower. `www.` is a schema of its own,
// whose address is checked as the http: schema checks one.
md.linkify
  .add('ftp:', null)
  .add('//', null)
  .add('www.', {
    validate(text, pos, self) {
      const http = self.re.get_http_validator();
      http.lastIndex = 0;
      const match = http.exec(`//www.${text.slice(pos)}`);
      return match && match[0].length > '//www.'.length ? match[0].length - '//www.'.length : 0;
    },
    normalize(match) {
      match.url = `http://${match.url}`;
    },
  })
  .set({ fuzzyLink: false, fuzzyEmail: true, fuzzyIP: false });
recordInlineStarts(md);

export function parseMarkdown(text: string): Root {
  // A byte order mark is not text, and positions count from after it (as micromark's did).
  const lines = new SourceLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return tokensToMdast(md.parse(lines.normalized, {}), lines);
}

/** Moves every position of a tree parsed from a body down by `lineOffset` lines (body → file lines). */
export function shiftPositions(node: { position?: { start: { line: number }; end: { line: number } }; children?: unknown[] }, lineOffset: number): void {
  if (lineOffset === 0) return;
  if (node.position) {
    node.position.start.line += lineOffset;
    node.position.end.line += lineOffset;
  }
  if (node.children) for (const child of node.children) shiftPositions(child as typeof node, lineOffset);
}
