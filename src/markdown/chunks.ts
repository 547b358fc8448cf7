/**
 * Where a Markdown text may be cut so that its pieces parse, one by one, into the very nodes a
 * whole-text parse gives: right after a line that is certainly a top-level thematic break (`---`,
 * `***`, `___`: a deck's slide break) or a top-level HTML comment opened and closed on that line
 * (`<!-- pagebreak -->` between the combined handout's partnerships, embed tokens, directives).
 * Either closes every open block and leaves nothing open, so the parser state after it is the
 * state at the start of a document, and what follows can be parsed on its own.
 *
 * This scanner is only a cheap pre-filter, deliberately on the cautious side: a candidate line
 * has no indentation (so no list item can continue over it), follows a blank line (so it is not a
 * setext underline and no paragraph continues lazily into it), and is not inside a fenced code
 * block or an HTML block that spans blank lines (`<!-- … -->`, `<pre>`, `<script>`, `<style>`,
 * `<textarea>`, `<? … ?>`, `<!X … >`, `<![CDATA[ … ]]>`), as far as a line scan can tell. The
 * parser itself has the last word: cached.ts checks that each piece ends in a top-level
 * thematic break on its last line and parses the whole text otherwise.
 */

/** One piece of the text: [start, end) in UTF-16 units; every piece but the last ends after its cut line's line ending. */
export interface Chunk {
  start: number;
  end: number;
  /** Lines in the piece, counting a last line without a line ending (the cut line is the last one). */
  lines: number;
}

const BREAK = /^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
/** An HTML comment that ends on the line it starts (CommonMark's end condition: the line contains `-->`). */
const COMMENT = /^<!--.*-->[ \t]*$/;
const BLANK = /^[ \t]*$/;
/** Block-quote markers, list markers and indentation that may stand before a fence or an HTML start. */
const PREFIX = /^(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*/;
const FENCE = /^(`{3,}|~{3,})/;
/** HTML blocks that a blank line does not end (CommonMark kinds 1–5), with what ends them. */
const HTML_STARTS: readonly { start: RegExp; end: RegExp }[] = [
  { start: /^<(?:pre|script|style|textarea)(?:[\s>]|$)/i, end: /<\/(?:pre|script|style|textarea)>/i },
  { start: /^<!--/, end: /-->/ },
  { start: /^<\?/, end: /\?>/ },
  { start: /^<![A-Za-z]/, end: />/ },
  { start: /^<!\[CDATA\[/, end: /\]\]>/ },
];

type State = { kind: 'flow' } | { kind: 'fence'; close: RegExp } | { kind: 'html'; end: RegExp };

/** Splits `text` after its certainly top-level breaks and one-line comments (see above); one chunk if there are none. */
export function splitAtThematicBreaks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  const lineEnd = /\r\n|\r|\n/g;
  let state: State = { kind: 'flow' };
  let chunkStart = 0;
  let chunkLines = 0;
  let previousBlank = true;
  let lineStart = 0;
  while (lineStart <= text.length) {
    lineEnd.lastIndex = lineStart;
    const match = lineEnd.exec(text);
    const contentEnd = match ? match.index : text.length;
    const next = match ? match.index + match[0].length : text.length + 1;
    const line = text.slice(lineStart, contentEnd);
    chunkLines++;
    state = advance(state, line);
    if (
      state.kind === 'flow' &&
      previousBlank &&
      match &&
      next < text.length &&
      text.charCodeAt(next) !== 0xfeff && // a byte-order mark is dropped only at the very start of a parse
      (BREAK.test(line) || (COMMENT.test(line) && !line.startsWith('<!-->') && !line.startsWith('<!--->')))
    ) {
      chunks.push({ start: chunkStart, end: next, lines: chunkLines });
      chunkStart = next;
      chunkLines = 0;
    }
    previousBlank = BLANK.test(line);
    lineStart = next;
  }
  chunks.push({ start: chunkStart, end: text.length, lines: chunkLines });
  return chunks;
}

/** The scanner's state after `line`; it errs towards "still inside", never the other way on purpose. */
function advance(state: State, line: string): State {
  if (state.kind === 'fence') return state.close.test(line.replace(PREFIX, '')) ? { kind: 'flow' } : state;
  if (state.kind === 'html') return state.end.test(line) ? { kind: 'flow' } : state;
  const rest = line.replace(PREFIX, '');
  const fence = FENCE.exec(rest);
  if (fence) {
    const mark = fence[1]!;
    return { kind: 'fence', close: new RegExp(`^${mark[0] === '`' ? '`' : '~'}{${mark.length},}[ \\t]*$`) };
  }
  for (const html of HTML_STARTS) {
    const start = html.start.exec(rest);
    if (start && !html.end.test(rest.slice(start[0].length))) return { kind: 'html', end: html.end };
  }
  return state;
}
