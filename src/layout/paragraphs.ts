/**
 * From document blocks to paragraph specs (what to set, not yet at which size), and from a spec
 * to a measured LaidParagraph at a given size and width.
 */
import { isBreak, type Block, type ChartBlock, type ImageBlock, type Run, type TableBlock } from '../document/model.js';
import type { SourcePosition } from '../diagnostics/diagnostic.js';
import type { BrandColorName, LaidParagraph } from './model.js';
import type { BrandFontSet } from './fonts.js';
import { breakLines, type BrokenParagraph } from './break-lines.js';

export interface ParaSpec {
  kind: 'para';
  runs: Run[];
  /** Size relative to the frame's base size (headings are a little larger). */
  scale: number;
  bold?: boolean;
  italic?: boolean;
  color: BrandColorName;
  align: 'left' | 'center' | 'right';
  bullet?: { ordered: boolean; number: number; level: number };
  /** Indent level: 1 per list nesting or quote; the bullet hangs inside the last step. */
  level: number;
  /** Width of one indent step in ems (default INDENT_EM); wider for numbers such as «40.». */
  hangEm?: number;
  /** Space above, as a multiple of the size; dropped at the top of a frame. */
  gapBefore: number;
  /** Headings stay with the paragraph after them. */
  keepWithNext?: boolean;
  source?: SourcePosition;
}

export type VisualItem =
  | { kind: 'image'; image: ImageBlock; source?: SourcePosition }
  | { kind: 'chart'; chart: ChartBlock; source?: SourcePosition }
  | { kind: 'table'; table: TableBlock; source?: SourcePosition; /** First body row still to place. */ from?: number };

export type FlowItem = ParaSpec | VisualItem;

/** Indent per level, in ems of the paragraph's size. */
export const INDENT_EM = 1.2;
export const PARAGRAPH_GAP = 0.5;
export const ITEM_GAP = 0.25;

export interface FlattenContext {
  level: number;
  italic?: boolean;
  color?: BrandColorName;
  align?: 'left' | 'center' | 'right';
}

/** Reading-order items; facts blocks are not flow content and are left to the caller. */
export function blocksToItems(blocks: readonly Block[], ctx: FlattenContext = { level: 0 }): FlowItem[] {
  const out: FlowItem[] = [];
  const base = { color: ctx.color ?? 'text', align: ctx.align ?? 'left', level: ctx.level, italic: ctx.italic } as const;
  for (const block of blocks) {
    switch (block.kind) {
      case 'paragraph':
        out.push({ kind: 'para', runs: block.runs, scale: 1, gapBefore: PARAGRAPH_GAP, source: block.source, ...base });
        break;
      case 'heading':
        out.push({
          kind: 'para',
          runs: block.runs,
          scale: block.level <= 2 ? 1.15 : 1,
          bold: true,
          gapBefore: PARAGRAPH_GAP * 1.5,
          keepWithNext: true,
          source: block.source,
          ...base,
          color: 'primary',
        });
        break;
      case 'list': {
        // A number such as «40.» needs about 0.55 em a digit plus the dot and a gap.
        const digits = String(block.start + block.items.length - 1).length;
        const hangEm = block.ordered ? Math.max(INDENT_EM, 0.55 * digits + 0.75) : INDENT_EM;
        block.items.forEach((item, i) => {
          const inner = blocksToItems(item.blocks, { ...ctx, level: ctx.level + 1 });
          const first = inner[0];
          const bullet = { ordered: block.ordered, number: block.start + i, level: ctx.level };
          if (first && first.kind === 'para' && !first.bullet) {
            first.bullet = bullet;

            first.gapBefore = i === 0 ? PARAGRAPH_GAP : ITEM_GAP;
            first.source ??= block.source;
          } else {
            inner.unshift({ kind: 'para', runs: [], scale: 1, gapBefore: ITEM_GAP, bullet, source: block.source, ...base, level: ctx.level + 1 });
          }
          // The item's own paragraphs share the number's indent so continuation text lines up.
          if (hangEm !== INDENT_EM) for (const p of inner) if (p.kind === 'para' && p.level === ctx.level + 1) p.hangEm = hangEm;
          out.push(...inner);
        });
        break;
      }
      case 'quote':
        out.push(...blocksToItems(block.blocks, { ...ctx, level: ctx.level + 1, italic: true }));
        break;
      case 'image':
      case 'chart':
      case 'table':
        out.push({ kind: block.kind, [block.kind]: block, source: block.source } as VisualItem);
        break;
      case 'facts':
        break;
    }
  }
  return out;
}

export interface LaidPara {
  para: LaidParagraph;
  broken: BrokenParagraph;
  /** Height of the lines alone (points), without the gap above. */
  linesHeight: number;
}

/** Sets a spec at `size` (before `scale`) in a frame whose inner width is `innerWidth` points. */
export function layPara(spec: ParaSpec, size: number, innerWidth: number, lineHeightFactor: number, fonts: BrandFontSet): LaidPara {
  const fontSize = round2(size * spec.scale);
  const indent = spec.level * (spec.hangEm ?? INDENT_EM) * fontSize;
  const runs = styleRuns(spec.runs, spec.bold, spec.italic);
  // Break the spec's own runs (cached words) with the paragraph style as an option; the cursors match `runs` too.
  const broken = breakLines(spec.runs, Math.max(innerWidth - indent, fontSize), fontSize, fonts, { bold: spec.bold, italic: spec.italic });
  const lineHeight = round2(fontSize * lineHeightFactor);
  const para: LaidParagraph = {
    runs,
    lines: broken.lines,
    fontSize,
    lineHeight,
    spaceBefore: round2(spec.gapBefore * fontSize),
    ...(spec.bold ? { bold: true } : {}),
    color: spec.color,
    align: spec.align,
    ...(spec.bullet ? { bullet: spec.bullet } : {}),
    indent: round2(indent),
  };
  return { para, broken, linesHeight: broken.lines.length * lineHeight };
}

/** Bakes paragraph-wide bold/italic into the runs, so every writer sees them whatever it reads. */
export function styleRuns(runs: readonly Run[], bold?: boolean, italic?: boolean): Run[] {
  if (!bold && !italic) return [...runs];
  return runs.map((r) => (isBreak(r) ? r : { ...r, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) }));
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
