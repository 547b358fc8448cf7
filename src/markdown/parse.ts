/**
 * Markdown → mdast (CommonMark + GFM tables, strikethrough, autolinks), with positions.
 * A real parser (micromark), never regular expressions: the document stage relies on the tree.
 */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

const extensions = [gfm()];
const mdastExtensions = [gfmFromMarkdown()];

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions, mdastExtensions });
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
