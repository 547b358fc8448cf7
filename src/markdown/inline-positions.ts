/**
 * Where a link, a picture or an inline HTML tag starts in the file, for the diagnostics that point
 * at it (a refused link, a missing picture, raw HTML: "file:18:46").
 *
 * markdown-it keeps block tokens' lines (`map`) but no position inside a block. Two things give
 * them back:
 * - `recordInlineStarts` wraps the inline rules that make those tokens, so each token remembers
 *   the offset in its inline text where its rule began (the `[`, `!` or `<`);
 * - `InlineText` finds each line of an inline token's text (a paragraph's lines without their
 *   indentation and container markers, a heading's words, a table cell) in the source, so an
 *   offset in that text becomes a point in the file.
 */
import type { MarkdownIt, StateInline, Token } from 'markdown-it';
import type { Point } from 'unist';
import type { SourceLines } from './source-lines.js';

type InlineRule = (state: StateInline, silent: boolean) => boolean;

/** The rules whose tokens a diagnostic may point at. */
const POSITIONED_RULES = new Set(['link', 'image', 'autolink', 'html_inline']);
const POSITIONED_TOKENS = new Set(['link_open', 'image', 'html_inline']);

/** Where each positioned token began: the inline text it was parsed from and the offset in it. */
const starts = new WeakMap<Token, { src: string; at: number }>();

export function recordInlineStarts(md: MarkdownIt): void {
  // markdown-it names its rules but hands out only the compiled chain; the list is read once here.
  const rules = (md.inline.ruler as unknown as { __rules__: { name: string; fn: InlineRule }[] }).__rules__;
  for (const { name, fn } of rules) {
    if (!POSITIONED_RULES.has(name)) continue;
    md.inline.ruler.at(name, (state, silent) => {
      const at = state.pos;
      const before = state.tokens.length;
      if (!fn(state, silent)) return false;
      if (!silent) {
        for (let i = before; i < state.tokens.length; i++) {
          const token = state.tokens[i]!;
          if (POSITIONED_TOKENS.has(token.type) && !starts.has(token)) starts.set(token, { src: state.src, at });
        }
      }
      return true;
    });
  }
}

/** The offset in `src` where `token` began, if it was parsed from `src` (not from a picture's alt text, say). */
export function inlineStart(token: Token, src: string): number | undefined {
  const start = starts.get(token);
  return start && start.src === src ? start.at : undefined;
}

/** An inline token's text, line by line, placed in the source. */
export class InlineText {
  /** For each line of the text: its offset in the text and in the normalised source. */
  private readonly lineStarts: { inText: number; inSource: number }[] = [];

  /**
   * @param content the inline token's text
   * @param firstLine the 0-based source line of its first line
   * @param searchFrom where on that line to look for it (a table cell: after the cells before it)
   */
  constructor(
    content: string,
    firstLine: number,
    private readonly lines: SourceLines,
    searchFrom?: number,
  ) {
    const source = lines.normalized;
    let inText = 0;
    const parts = content.split('\n');
    parts.forEach((part, i) => {
      const line = firstLine + i;
      const lineStart = lines.start(line);
      let lineEnd = lines.end(line);
      // Every line but the last ends where the source line ends; the last was trimmed of trailing blanks.
      if (i === parts.length - 1) while (lineEnd > lineStart && (source[lineEnd - 1] === ' ' || source[lineEnd - 1] === '\t')) lineEnd--;
      let inSource = lineEnd - part.length;
      if (searchFrom !== undefined || inSource < lineStart || !source.startsWith(part, inSource)) {
        // A heading's words before its closing #s, a table cell, or a tab the parser expanded.
        const found = source.indexOf(part, searchFrom ?? lineStart);
        inSource = found !== -1 && found <= lines.end(line) ? found : lineStart;
      }
      this.lineStarts.push({ inText, inSource });
      inText += part.length + 1;
    });
  }

  /** The normalised source offset of offset `offset` in the text. */
  sourceOffset(offset: number): number {
    let k = 0;
    while (k + 1 < this.lineStarts.length && this.lineStarts[k + 1]!.inText <= offset) k++;
    const line = this.lineStarts[k]!;
    return line.inSource + (offset - line.inText);
  }

  /** The point in the file of offset `offset` in the text. */
  point(offset: number): Point {
    return this.lines.point(this.sourceOffset(offset));
  }
}
