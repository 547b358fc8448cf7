/**
 * mdast block content → document blocks. Paragraphs that hold only an image become image blocks;
 * an image inside running text is lifted out after its paragraph.
 */
import type { BlockContent, DefinitionContent, ListItem as MdListItem, PhrasingContent, RootContent, TableRow } from 'mdast';
import type { Block, ListItem, Run } from './model.js';
import type { ConvertContext } from './context.js';
import { phrasingToRuns } from './inline.js';

type Node = RootContent | BlockContent | DefinitionContent;

function collectImages(nodes: readonly PhrasingContent[], out: { url: string; alt: string; node: PhrasingContent }[] = []) {
  for (const node of nodes) {
    if (node.type === 'image') out.push({ url: node.url, alt: node.alt ?? '', node });
    else if ('children' in node) collectImages(node.children as PhrasingContent[], out);
  }
  return out;
}

function hasText(runs: readonly Run[]): boolean {
  return runs.some((r) => 'break' in r || r.text.trim() !== '');
}

async function listItemToBlocks(item: MdListItem, ctx: ConvertContext): Promise<ListItem> {
  return { blocks: await nodesToBlocks(item.children, ctx) };
}

function rowToCells(row: TableRow, ctx: ConvertContext): Run[][] {
  return row.children.map((cell) => phrasingToRuns(cell.children, ctx));
}

export async function nodeToBlocks(node: Node, ctx: ConvertContext): Promise<Block[]> {
  const source = ctx.position(node.position);
  switch (node.type) {
    case 'heading':
      return [{ kind: 'heading', level: node.depth, runs: phrasingToRuns(node.children, ctx), source }];
    case 'paragraph': {
      const blocks: Block[] = [];
      const runs = phrasingToRuns(node.children, ctx);
      if (hasText(runs)) blocks.push({ kind: 'paragraph', runs, source });
      for (const image of collectImages(node.children)) {
        // An absolute path (POSIX, drive letter, UNC) in a body never reaches the loader: content
        // must build the same from any folder, and only the content stage hands it absolute paths.
        if (/^\s*([\\/]|[A-Za-z]:)/.test(image.url)) {
          ctx.report('path-outside-content', { path: image.url }, image.node.position);
          continue;
        }
        const block = await ctx.loadImage(image.url, image.alt, image.node.position);
        if (block) blocks.push(block);
      }
      return blocks;
    }
    case 'list':
      return [
        {
          kind: 'list',
          ordered: Boolean(node.ordered),
          start: node.start ?? 1,
          items: await Promise.all(node.children.map((item) => listItemToBlocks(item, ctx))),
          source,
        },
      ];
    case 'table': {
      const [header, ...rows] = node.children;
      if (!header) return [];
      return [
        {
          kind: 'table',
          align: (node.align ?? []).map((a) => a ?? null),
          header: rowToCells(header, ctx),
          rows: rows.map((row) => rowToCells(row, ctx)),
          source,
        },
      ];
    }
    case 'blockquote':
      return [{ kind: 'quote', blocks: await nodesToBlocks(node.children, ctx), source }];
    case 'code':
      // Code blocks keep their lines; each line is a run the typograph must not touch.
      return [
        {
          kind: 'paragraph',
          runs: node.value.split('\n').flatMap((line, i): Run[] => (i ? [{ break: true }, { text: line, code: true }] : [{ text: line, code: true }])),
          source,
        },
      ];
    case 'html':
      ctx.reportHtml(node.value, node.position);
      return [];
    case 'thematicBreak':
    case 'definition':
    case 'footnoteDefinition':
    case 'yaml':
      return [];
    default:
      return [];
  }
}

export async function nodesToBlocks(nodes: readonly Node[], ctx: ConvertContext): Promise<Block[]> {
  const out: Block[] = [];
  for (const node of nodes) out.push(...(await nodeToBlocks(node, ctx)));
  return out;
}
