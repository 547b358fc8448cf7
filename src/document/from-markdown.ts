/**
 * A template's Markdown output → the document model. The template's own nodes are converted in
 * place; embed tokens are replaced by the content they stand for (bodies parsed from their own
 * files, with their own positions), and the few directives council-press understands are
 * HTML comments, as in Marp: `<!-- layout: partnership -->`, `<!-- facts -->`,
 * `<!-- pullquote -->`, `<!-- pagebreak -->`. In a deck, a top-level `---` starts a new slide.
 */
import type { Root, RootContent } from 'mdast';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.js';
import { diagnostic, getMessagesLanguage } from '../diagnostics/catalogue.js';
import { parseMarkdown, parseMarkdownCached, shiftPositions, TextKeyedLru } from '../markdown/index.js';
import type { MarkdownBody } from '../schema/model.js';
import { EMBED_PATTERN, type Embed } from '../templates/embeds.js';
import { createContext, type ConvertContext, type ImageLoader } from './context.js';
import { nodesToBlocks, nodeToBlocks } from './blocks.js';
import { runsText, phrasingToRuns } from './inline.js';
import type { Block, Deck, DocumentMeta, FlowDocument, HeadingBlock, ParagraphBlock, Run, Slide, SlideLayoutName } from './model.js';

export interface TemplateOutput {
  /** The template file, for problems in what the template itself wrote. */
  templateFile: string;
  markdown: string;
  embeds: readonly Embed[];
  contentDir: string;
  /** Headings that open a speaker-notes section («Заметки», "Notes"). */
  notesHeadings: readonly string[];
  /** The heading of a chart's category column when it is shown as a table («Год», "Year"). */
  yearLabel?: string;
  loadImage: ImageLoader;
  /** Called before each top-level node; may throw to abandon the conversion (RenderEnv.checkpoint). */
  checkpoint?: () => void;
}

const LAYOUTS: ReadonlySet<string> = new Set(['title', 'statement', 'list', 'partnership', 'section']);
const DIRECTIVE = /^<!--\s*(layout|facts|pullquote|pagebreak)\s*(?::\s*([\w-]*))?\s*-->$/;

interface ParsedBody {
  nodes: RootContent[];
  notes: string[];
}

interface CachedBody extends ParsedBody {
  /** What parsing reported (links and HTML in headings and notes), replayed on every hit. */
  diagnostics: Diagnostic[];
}

/**
 * Parsed bodies by content, not by object: worker threads get a structured clone of the project on
 * every build, so identity never hits there, while 299 of 300 bodies read as in the last build.
 */
const bodyByText = new TextKeyedLru<CachedBody>(
  // Body text kept, in UTF-16 units: all bodies of a 300-partnership council take about 0.25 M,
  // and a tree costs 12–40 bytes of heap per character (measured), so at most ~40 MB per thread.
  1_000_000,
);

/** Everything a parsed body depends on; the messages language too, since its diagnostics are replayed. */
function bodyKey(body: MarkdownBody, notesHeadings: readonly string[]): string {
  return `${getMessagesLanguage()}\0${body.file}\0${body.startLine}\0${notesHeadings.join('\u0001')}\0${body.text}`;
}

function copyDiagnostic(d: Diagnostic): Diagnostic {
  return d.position ? { ...d, position: { ...d.position } } : { ...d };
}

function plainText(node: RootContent, ctx: ConvertContext): string[] {
  if (node.type === 'paragraph' || node.type === 'heading') return [runsText(phrasingToRuns(node.children, ctx)).trim()];
  if (node.type === 'list') return node.children.flatMap((item) => item.children.flatMap((child) => plainText(child, ctx)));
  if (node.type === 'blockquote') return node.children.flatMap((child) => plainText(child, ctx));
  return [];
}

/**
 * Parses a body and splits off its speaker-notes section, once per process for a given text:
 * the nodes are shared between conversions, which only read them.
 */
function parseBody(body: MarkdownBody, notesHeadings: readonly string[], ctx: ConvertContext): ParsedBody {
  const key = bodyKey(body, notesHeadings);
  const cached = bodyByText.get(key);
  if (cached) {
    ctx.diagnostics.push(...cached.diagnostics.map(copyDiagnostic));
    return cached;
  }
  const reported = ctx.diagnostics.length;
  const parsed = parseBodyUncached(body, notesHeadings, ctx);
  const entry = { ...parsed, diagnostics: ctx.diagnostics.slice(reported).map(copyDiagnostic) };
  bodyByText.set(key, entry);
  return entry;
}

function parseBodyUncached(body: MarkdownBody, notesHeadings: readonly string[], ctx: ConvertContext): ParsedBody {
  const root: Root = parseMarkdown(body.text);
  shiftPositions(root, body.startLine - 1);
  const nodes: RootContent[] = [];
  const notes: string[] = [];
  let notesDepth = 0;
  for (const node of root.children) {
    if (node.type === 'heading') {
      const title = runsText(phrasingToRuns(node.children, ctx)).trim();
      if (notesHeadings.includes(title)) {
        notesDepth = node.depth;
        continue;
      }
      if (notesDepth && node.depth <= notesDepth) notesDepth = 0;
    }
    if (notesDepth) notes.push(...plainText(node, ctx).filter(Boolean));
    else nodes.push(node);
  }
  return { nodes, notes };
}

interface Segment {
  layout?: string;
  layoutPosition?: SourcePosition;
  blocks: Block[];
  notes: string[];
  source?: SourcePosition;
}

function factsFromList(block: Block): Block {
  if (block.kind !== 'list') return block;
  const facts = block.items.map((item) => {
    const first = item.blocks[0];
    const runs: Run[] = first && first.kind === 'paragraph' ? first.runs : [];
    const [head, ...rest] = runs;
    if (head && !('break' in head) && head.bold) {
      const value = [...rest];
      const firstValue = value[0];
      if (firstValue && !('break' in firstValue)) value[0] = { ...firstValue, text: firstValue.text.replace(/^\s+/, '') };
      return { label: head.text.replace(/:\s*$/, '').trim(), value };
    }
    return { label: '', value: runs };
  });
  return { kind: 'facts', facts, source: block.source };
}

async function convert(output: TemplateOutput, splitSlides: boolean): Promise<{ segments: Segment[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const templateCtx = createContext(output.templateFile, output.contentDir, diagnostics, output.loadImage);
  // The deck's Markdown is long and, in watch, changes one slide at a time: unchanged slides reuse their parse.
  const root = parseMarkdownCached(output.markdown);
  const segments: Segment[] = [{ blocks: [], notes: [] }];
  let pending: 'facts' | 'pullquote' | 'pagebreak' | undefined;
  const current = () => segments[segments.length - 1]!;

  const emit = (blocks: Block[]) => {
    if (!blocks.length) return;
    if (pending === 'facts') blocks = [factsFromList(blocks[0]!), ...blocks.slice(1)];
    else if (pending === 'pullquote') blocks = [{ kind: 'quote', blocks, source: blocks[0]!.source }];
    else if (pending === 'pagebreak') {
      const first = blocks[0]!;
      if (first.kind === 'heading') blocks = [{ ...first, pageBreakBefore: true }, ...blocks.slice(1)];
    }
    pending = undefined;
    current().blocks.push(...blocks);
  };

  for (const node of root.children) {
    output.checkpoint?.();
    if (node.type === 'thematicBreak' && splitSlides) {
      segments.push({ blocks: [], notes: [] });
      continue;
    }
    if (node.type === 'html') {
      const html = node.value.trim();
      const embed = EMBED_PATTERN.exec(html);
      if (embed) {
        emit(await expandEmbed(output.embeds[Number(embed[1])]!, output, diagnostics, current()));
        continue;
      }
      const directive = DIRECTIVE.exec(html);
      if (directive) {
        if (directive[1] === 'layout') {
          current().layout = directive[2];
          current().layoutPosition = templateCtx.position(node.position);
        } else pending = directive[1] as typeof pending;
        continue;
      }
    }
    emit(await nodeToBlocks(node, templateCtx));
  }
  return { segments, diagnostics };
}

async function expandEmbed(embed: Embed, output: TemplateOutput, diagnostics: Diagnostic[], segment: Segment): Promise<Block[]> {
  switch (embed.kind) {
    case 'body': {
      const ctx = createContext(embed.body.file, output.contentDir, diagnostics, output.loadImage);
      const body = parseBody(embed.body, output.notesHeadings, ctx);
      segment.notes.push(...body.notes);
      segment.source ??= { file: embed.body.file, line: embed.body.startLine, column: 1 };
      return nodesToBlocks(body.nodes, ctx);
    }
    case 'images': {
      const blocks: Block[] = [];
      for (const ref of embed.images) {
        const ctx = createContext(ref.position.file, output.contentDir, diagnostics, output.loadImage);
        const image = await ctx.loadImage(ref.path, ref.alt, { start: { line: ref.position.line, column: ref.position.column }, end: { line: ref.position.line, column: ref.position.column } });
        if (image) blocks.push({ ...image, caption: ref.caption, credit: ref.credit });
      }
      return blocks;
    }
    case 'chart':
      return [
        {
          kind: 'chart',
          title: embed.timeline.label,
          labels: embed.timeline.points.map((p) => String(p.year)),
          ...(output.yearLabel ? { categoryLabel: output.yearLabel } : {}),
          series: [{ name: embed.timeline.label, values: embed.timeline.points.map((p) => p.value) }],
        },
      ];
  }
}

function chooseLayout(segment: Segment, diagnostics: Diagnostic[], templateFile: string): SlideLayoutName {
  if (segment.layout) {
    if (LAYOUTS.has(segment.layout)) return segment.layout as SlideLayoutName;
    diagnostics.push(diagnostic('unknown-layout', { name: segment.layout }, segment.layoutPosition ?? { file: templateFile, line: 1, column: 1 }));
  }
  const kinds = new Set(segment.blocks.map((b) => b.kind));
  if (kinds.has('facts') || segment.blocks[0]?.kind === 'heading') return 'partnership';
  if (kinds.has('list')) return 'list';
  return 'statement';
}

function segmentToSlide(segment: Segment, layout: SlideLayoutName): Slide {
  const blocks = [...segment.blocks];
  let title: Run[] = [];
  let subtitle: Run[] = [];
  if (layout === 'title') {
    const texts = blocks.filter((b): b is HeadingBlock | ParagraphBlock => b.kind === 'paragraph' || b.kind === 'heading').slice(0, 2);
    title = texts[0]?.runs ?? [];
    subtitle = texts[1]?.runs ?? [];
    blocks.splice(0, blocks.length, ...blocks.filter((b) => !(texts as Block[]).includes(b)));
  } else {
    const index = blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
    if (index >= 0) {
      const heading = blocks.splice(index, 1)[0]!;
      if (heading.kind === 'heading') title = heading.runs;
    }
  }
  return { layout, title, subtitle, blocks, notes: segment.notes, source: segment.source };
}

export async function markdownToDeck(output: TemplateOutput, meta: DocumentMeta): Promise<{ deck: Deck; diagnostics: Diagnostic[] }> {
  const { segments, diagnostics } = await convert(output, true);
  const slides = segments
    .filter((s) => s.blocks.length || s.layout)
    .map((segment) => segmentToSlide(segment, chooseLayout(segment, diagnostics, output.templateFile)));
  return { deck: { kind: 'deck', meta, slides }, diagnostics };
}

export async function markdownToFlow(output: TemplateOutput, meta: DocumentMeta): Promise<{ doc: FlowDocument; diagnostics: Diagnostic[] }> {
  const { segments, diagnostics } = await convert(output, false);
  return { doc: { kind: 'flow', meta, blocks: segments.flatMap((s) => s.blocks) }, diagnostics };
}
