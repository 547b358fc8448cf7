/**
 * parseMarkdown with a per-process memo, for long template outputs that change a little between
 * builds (a deck of 300 slides where `build --watch` changed one). The text is cut after its
 * certainly top-level thematic breaks and one-line HTML comments (chunks.ts); each piece is parsed on its own through a memo
 * keyed by its text, and the pieces' nodes, moved to their place, make one Root equal — nodes,
 * lines, columns and offsets — to what parsing the whole text gives.
 *
 * Why that holds: the block parser reads line by line, and a top-level thematic break or a
 * comment closed on its own line closes every open block, so after it the parser is where it is at
 * the start of a document; what comes later never changes a node that ended before it. Two things break that and send the text to one whole
 * parse: link reference and footnote definitions (global: `[x]: url` anywhere may turn `[x]`
 * elsewhere into a link; any `]:` in the text counts), and a piece whose own parse does not end in
 * a top-level break or comment on its last line (the scanner was fooled by a fence or HTML it
 * cannot see, say a fence in a list item).
 *
 * Cached trees never leave this module: every call returns a fresh, position-shifted deep copy.
 */
import type { Root, RootContent } from 'mdast';
import { splitAtThematicBreaks } from './chunks.js';
import { copyShifted } from './copy.js';
import { parseMarkdown } from './parse.js';
import { TextKeyedLru } from './text-lru.js';

/**
 * Texts kept in the memo, in UTF-16 units: a dozen versions of a 300-slide deck (80 K each). A
 * tree costs ~37 bytes of heap per character of its text (measured on the deck): ≤ 40 MB.
 */
const MAX_CACHED_CHARS = 1_000_000;

const memo = new TextKeyedLru<Root>(MAX_CACHED_CHARS);

export interface MarkdownCacheStats {
  hits: number;
  misses: number;
  /** Whole-text parses because chunking was unsafe (definitions) or refuted by the parser. */
  wholeParses: number;
  entries: number;
  chars: number;
}

const stats = { hits: 0, misses: 0, wholeParses: 0 };

export function markdownCacheStats(): MarkdownCacheStats {
  return { ...stats, entries: memo.size, chars: memo.chars };
}

/** Empties the memo (tests; a long-lived process that wants its memory back). */
export function clearMarkdownCache(): void {
  memo.clear();
  stats.hits = stats.misses = stats.wholeParses = 0;
}

/** A copy of `text` that does not share memory with it: V8 keeps a whole string alive for any slice of it. */
function detached(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

/** The memoised parse of one piece (the shared tree: never hand it out). */
function parsePiece(text: string): Root {
  const hit = memo.get(text);
  if (hit) {
    stats.hits++;
    return hit;
  }
  stats.misses++;
  const key = detached(text);
  const root = parseMarkdown(key);
  memo.set(key, root);
  return root;
}

/**
 * True when the piece's own parse ends, as the scanner claimed, in a top-level node that is all of
 * its last line: a thematic break, or HTML (the scanner saw `-->` close the comment on that line).
 */
function endsAtCut(root: Root, lines: number): boolean {
  const last = root.children[root.children.length - 1];
  if (last?.type !== 'thematicBreak' && last?.type !== 'html') return false;
  const { start, end } = last.position!;
  return start.line === lines && start.column === 1 && end.line === lines;
}

/** The whole text as one memoised piece: when cutting is unsafe, an unchanged text still need not be parsed again. */
function wholeParse(text: string): Root {
  stats.wholeParses++;
  return copyShifted(parsePiece(text), { line: 0, offset: 0 });
}

/** Parses `text` exactly as parseMarkdown does, reusing the parses of unchanged pieces; the result is the caller's own. */
export function parseMarkdownCached(text: string): Root {
  if (text.includes(']:')) return wholeParse(text);
  const chunks = splitAtThematicBreaks(text);
  const pieces: Root[] = [];
  for (const chunk of chunks) {
    const piece = parsePiece(text.slice(chunk.start, chunk.end));
    if (chunk.end < text.length && !endsAtCut(piece, chunk.lines)) return wholeParse(text);
    pieces.push(piece);
  }
  const children: RootContent[] = [];
  const shift = { line: 0, offset: 0 };
  let end = pieces[0]!.position!.end;
  for (const piece of pieces) {
    for (const child of piece.children) children.push(copyShifted(child, shift));
    const pieceEnd = piece.position!.end;
    end = { line: pieceEnd.line + shift.line, column: pieceEnd.column, offset: (pieceEnd.offset ?? 0) + shift.offset };
    // Every piece but the last ends after a line ending, at column 1 of the next piece's first line.
    shift.line = end.line - 1;
    shift.offset = end.offset!;
  }
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } };
}
