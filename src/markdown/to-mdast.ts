/**
 * markdown-it's token stream → an mdast tree with positions: the shape the document stage reads
 * (unist/mdast: https://github.com/syntax-tree/mdast).
 *
 * Every block node gets its start and end (line, column, offset); inline nodes that a diagnostic
 * may point at — links, pictures, inline HTML — get their start (inline-positions.ts); other
 * inline nodes (text, emphasis…) carry none. A task item's `[ ]`/`[x]`, which markdown-it leaves
 * as text, is made here its `checked` flag, as micromark's GFM made it.
 */
import type { Token } from 'markdown-it';
import type { AlignType, Html, Image, Link, List, ListItem, Nodes, Parents, PhrasingContent, Root, RootContent, Table, TableCell, TableRow, Text } from 'mdast';
import type { Point, Position } from 'unist';
import { InlineText, inlineStart } from './inline-positions.js';
import type { SourceLines } from './source-lines.js';

const TASK_MARKER = /^\[([ xX])\][ \t]+/;

type Container = Parents & { children: Nodes[] };

export function tokensToMdast(tokens: readonly Token[], lines: SourceLines): Root {
  const root: Root = { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: lines.endOfText() } };
  new BlockBuilder(lines, root).build(tokens);
  return root;
}

class BlockBuilder {
  private readonly stack: Container[];
  /** Per source line: how far containers opened on it (a `>`, a list marker) reach, so a child starts after them. */
  private readonly consumed = new Map<number, number>();
  /** Blockquotes open around the current token: each adds a `>` to skip on their continuation lines. */
  private quotes = 0;
  /** Inside a footnote definition or the footnotes block: nothing there reaches the tree (as with micromark). */
  private skipDepth = 0;
  /** The table row being read: its source line, and where the next cell's text may start on it. */
  private tableCells: { row: number; cursor: number } | undefined;

  constructor(
    private readonly lines: SourceLines,
    root: Root,
  ) {
    this.stack = [root as Container];
  }

  private get top(): Container {
    return this.stack[this.stack.length - 1]!;
  }

  private open(node: Container, token: Token): void {
    this.top.children.push(node as never);
    this.stack.push(node);
    node.position = this.blockPosition(token);
  }

  private close(): void {
    this.stack.pop();
  }

  private leaf(node: RootContent, token: Token): void {
    node.position = this.blockPosition(token);
    this.top.children.push(node as never);
  }

  build(tokens: readonly Token[]): void {
    for (const token of tokens) {
      if (token.type.startsWith('footnote_')) {
        if (token.nesting === 1) this.skipDepth++;
        else if (token.nesting === -1) this.skipDepth--;
        continue;
      }
      if (this.skipDepth > 0) continue;
      this.block(token);
    }
  }

  private block(token: Token): void {
    switch (token.type) {
      case 'paragraph_open': {
        // markdown-it hides the paragraphs of a tight list: a shown one makes its item (and list) spread.
        if (!token.hidden && this.top.type === 'listItem') (this.top as ListItem).spread = true;
        this.open({ type: 'paragraph', children: [] }, token);
        break;
      }
      case 'heading_open':
        this.open({ type: 'heading', depth: Number(token.tag.slice(1)) as 1, children: [] }, token);
        break;
      case 'blockquote_open':
        this.open({ type: 'blockquote', children: [] }, token);
        this.consumeMarker(token, /^[ \t]*>[ \t]?/);
        this.quotes++;
        break;
      case 'blockquote_close':
        this.quotes--;
        this.close();
        break;
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = token.type === 'ordered_list_open';
        const list: List = { type: 'list', ordered, start: ordered ? Number(attr(token, 'start') ?? 1) : null, spread: false, children: [] };
        this.open(list as Container, token);
        break;
      }
      case 'list_item_open': {
        const item: ListItem = { type: 'listItem', spread: false, checked: null, children: [] };
        this.open(item as Container, token);
        this.consumeMarker(token, /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]{1,4}|$)/);
        break;
      }
      case 'table_open': {
        const table: Table = { type: 'table', align: [], children: [] };
        this.open(table as Container, token);
        break;
      }
      case 'tr_open': {
        const row: TableRow = { type: 'tableRow', children: [] };
        this.open(row as Container, token);
        const line = token.map![0];
        this.tableCells = { row: line, cursor: this.lines.start(line) };
        break;
      }
      case 'th_open':
      case 'td_open': {
        const cell: TableCell = { type: 'tableCell', children: [] };
        this.top.children.push(cell as never);
        this.stack.push(cell as Container);
        if (token.type === 'th_open') {
          const table = this.stack[this.stack.length - 3] as Table;
          const style = attr(token, 'style');
          table.align!.push(style ? (style.slice('text-align:'.length) as AlignType) : null);
        }
        break;
      }
      case 'inline':
        this.inline(token);
        break;
      case 'fence':
      case 'code_block': {
        const info = token.info.trim();
        const space = info.search(/[ \t]/);
        const lang = info === '' ? null : space === -1 ? info : info.slice(0, space);
        const meta = space === -1 ? null : info.slice(space).trim() || null;
        this.leaf({ type: 'code', lang: token.type === 'fence' ? lang : null, meta: token.type === 'fence' ? meta : null, value: withoutFinalNewline(token.content) }, token);
        break;
      }
      case 'html_block':
        this.leaf({ type: 'html', value: withoutFinalNewline(token.content) }, token);
        break;
      case 'hr':
        this.leaf({ type: 'thematicBreak' }, token);
        break;
      default:
        // *_close of the nodes above, thead/tbody (mdast has rows only)
        if (token.nesting === -1 && !/^(?:thead|tbody)_close$/.test(token.type)) {
          if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') markSpread(this.top as List);
          this.close();
        }
    }
  }

  /** A container's marker on its first line: what follows it belongs to its children. */
  private consumeMarker(token: Token, marker: RegExp): void {
    const line = token.map![0];
    const from = this.lineContentStart(line);
    const match = marker.exec(this.lines.normalized.slice(from, this.lines.end(line)));
    if (match) this.consumed.set(line, from + match[0].length);
  }

  /** Where a block on `line` may start: after the markers of the containers opened on that line, or their `>`s. */
  private lineContentStart(line: number): number {
    const consumed = this.consumed.get(line);
    if (consumed !== undefined) return consumed;
    const source = this.lines.normalized;
    let at = this.lines.start(line);
    const end = this.lines.end(line);
    for (let q = 0; q < this.quotes; q++) {
      let p = at;
      while (p < end && (source[p] === ' ' || source[p] === '\t')) p++;
      if (source[p] !== '>') break;
      at = p + 1;
      if (source[at] === ' ' || source[at] === '\t') at++;
    }
    return at;
  }

  private blockPosition(token: Token): Position | undefined {
    if (!token.map) return undefined;
    const [first, after] = token.map;
    const source = this.lines.normalized;
    let at = this.lineContentStart(first);
    const end = this.lines.end(first);
    // An indented code block starts at its indentation, which is part of the construct.
    if (token.type !== 'code_block') while (at < end && (source[at] === ' ' || source[at] === '\t')) at++;
    return { start: this.lines.point(at), end: this.lines.endOfLine(Math.max(first, after - 1)) };
  }

  private inline(token: Token): void {
    const parent = this.top;
    const content = token.content;
    let text: InlineText;
    if (parent.type === 'tableCell') {
      const cells = this.tableCells!;
      text = new InlineText(content, cells.row, this.lines, cells.cursor);
      if (content !== '') cells.cursor = text.sourceOffset(content.length);
    } else {
      text = new InlineText(content, token.map ? token.map[0] : 0, this.lines);
      // A paragraph starts where its text does (after a list marker, say).
      if (parent.type === 'paragraph' && parent.position) parent.position.start = text.point(0);
    }
    new InlineBuilder(content, text, parent.position?.start).build(token.children ?? [], parent);
    if (parent.type === 'paragraph') this.taskMarker(parent, text);
  }

  /** GFM: a list item's paragraph that opens with `[ ]` or `[x]` makes it a task; the marker is not text. */
  private taskMarker(paragraph: Container, text: InlineText): void {
    const item = this.stack[this.stack.length - 2];
    if (item?.type !== 'listItem' || item.children[0] !== paragraph) return;
    const first = paragraph.children[0];
    if (first?.type !== 'text') return;
    const match = TASK_MARKER.exec(first.value);
    if (!match || (first.value.length === match[0].length && paragraph.children.length === 1)) return;
    (item as ListItem).checked = match[1] !== ' ';
    first.value = first.value.slice(match[0].length);
    if (first.value === '') paragraph.children.shift();
    // The paragraph starts after the marker.
    if (paragraph.position) paragraph.position.start = text.point(match[0].length);
  }
}

class InlineBuilder {
  private readonly stack: Container[] = [];

  constructor(
    private readonly src: string,
    private readonly text: InlineText,
    private readonly fallback: Point | undefined,
  ) {}

  /** Where the last positioned token began: a linkified address is looked for after it. */
  private cursor = 0;

  private position(token: Token, next?: Token): Position | undefined {
    let at = inlineStart(token, this.src);
    // A bare address linked after the inline rules ran (linkify) has no recorded start: its text does.
    if (at === undefined && token.markup === 'linkify' && next?.type === 'text') {
      const found = this.src.indexOf(next.content, this.cursor);
      if (found !== -1) at = found;
    }
    if (at !== undefined) this.cursor = at + 1;
    const start = at === undefined ? this.fallback : this.text.point(at);
    return start && { start, end: { ...start } };
  }

  build(tokens: readonly Token[], parent: Container): void {
    this.stack.push(parent);
    for (let i = 0; i < tokens.length; i++) this.token(tokens[i]!, tokens[i + 1]);
    mergeTexts(parent);
  }

  private get top(): Container {
    return this.stack[this.stack.length - 1]!;
  }

  private push(node: PhrasingContent): void {
    this.top.children.push(node as never);
  }

  private open(node: PhrasingContent & Container): void {
    this.push(node);
    this.stack.push(node);
  }

  private token(token: Token, next: Token | undefined): void {
    switch (token.type) {
      case 'text':
      case 'text_special':
        this.push({ type: 'text', value: token.content });
        break;
      case 'softbreak':
        this.push({ type: 'text', value: '\n' });
        break;
      case 'hardbreak':
        this.push({ type: 'break' });
        break;
      case 'code_inline':
        this.push({ type: 'inlineCode', value: token.content });
        break;
      case 'strong_open':
        this.open({ type: 'strong', children: [] });
        break;
      case 'em_open':
        this.open({ type: 'emphasis', children: [] });
        break;
      case 's_open':
        this.open({ type: 'delete', children: [] });
        break;
      case 'link_open': {
        const url = attr(token, 'href') ?? '';
        const link: Link = { type: 'link', url, title: attr(token, 'title'), children: [] };
        const position = this.position(token, next);
        if (position) link.position = position;
        this.open(link as Link & Container);
        break;
      }
      case 'image': {
        const image: Image = { type: 'image', url: attr(token, 'src') ?? '', title: attr(token, 'title'), alt: plainText(token.children ?? []) };
        const position = this.position(token);
        if (position) image.position = position;
        this.push(image);
        break;
      }
      case 'html_inline': {
        const html: Html = { type: 'html', value: token.content };
        const position = this.position(token);
        if (position) html.position = position;
        this.push(html);
        break;
      }
      case 'strong_close':
      case 'em_close':
      case 's_close':
      case 'link_close':
        mergeTexts(this.top);
        this.stack.pop();
        break;
      default:
        // footnote references (dropped, as the document stage dropped micromark's) and unknown tokens without text
        if (!token.type.startsWith('footnote') && token.content) this.push({ type: 'text', value: token.content });
    }
  }
}

/** A picture's alt text: the words of its label, without markup (as mdast's `alt`). */
function plainText(tokens: readonly Token[]): string {
  let out = '';
  for (const token of tokens) {
    if (token.type === 'softbreak' || token.type === 'hardbreak') out += '\n';
    else if (token.type === 'image') out += plainText(token.children ?? []);
    else if (token.type === 'text' || token.type === 'text_special' || token.type === 'code_inline') out += token.content;
  }
  return out;
}

/** Adjacent text nodes become one, as micromark makes them. */
function mergeTexts(parent: Container): void {
  const children = parent.children;
  let write = 0;
  for (let read = 0; read < children.length; read++) {
    const node = children[read]!;
    const previous = write > 0 ? children[write - 1] : undefined;
    if (node.type === 'text' && node.value === '') continue;
    if (node.type === 'text' && previous?.type === 'text') (previous as Text).value += node.value;
    else children[write++] = node;
  }
  children.length = write;
}

/** A list is spread when markdown-it showed any of its paragraphs (it hides those of a tight list). */
function markSpread(list: List): void {
  list.spread = list.children.some((item) => item.spread);
}

/** An attribute as text (markdown-it's typings allow numbers). */
function attr(token: Token, name: string): string | null {
  const value = token.attrGet(name);
  return value === null ? null : String(value);
}

function withoutFinalNewline(value: string): string {
  return value.endsWith('\n') ? value.slice(0, -1) : value;
}
