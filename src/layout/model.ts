/**
 * The laid-out deck: slides whose text has been measured with the brand font and placed in boxes.
 * The PPTX writer and the deck-PDF writer both draw from this, so they break lines the same way.
 * Units: inches for geometry (PowerPoint's native unit via pptxgenjs), points for type sizes.
 */
import type { ChartBlock, DocumentMeta, ImageBlock, Run, SlideLayoutName, TableBlock, TextRun } from '../document/model.js';
import type { SourcePosition } from '../diagnostics/diagnostic.js';
import type { Brand } from '../templates/brand-model.js';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type BrandColorName = 'primary' | 'accent' | 'text' | 'muted' | 'background';

/** One measured line: the runs that fit on it, as the layout broke them. */
export interface LaidLine {
  runs: TextRun[];
  /** Width in points at the paragraph's font size. */
  width: number;
}

export interface LaidParagraph {
  /** The paragraph's runs, unbroken (what PPTX writes; PowerPoint re-wraps identically within the box). */
  runs: Run[];
  /** The line breaks the layout measured (what deck.pdf draws). */
  lines: LaidLine[];
  fontSize: number;
  /** Distance between baselines, points. */
  lineHeight: number;
  /** Space above the paragraph, points. */
  spaceBefore: number;
  bold?: boolean;
  color: BrandColorName;
  align: 'left' | 'center' | 'right';
  /** Bullet or number; `level` 0 is top level. */
  bullet?: { ordered: boolean; number: number; level: number };
  /** Left indent in points (lists). */
  indent: number;
}

export interface TextFrame {
  kind: 'text';
  /** `title` frames go into the slide's title placeholder. */
  role: 'title' | 'subtitle' | 'body' | 'facts' | 'caption' | 'statement';
  box: Box;
  valign: 'top' | 'middle' | 'bottom';
  paragraphs: LaidParagraph[];
  /** Optional panel fill behind the frame (facts panel). */
  fill?: 'panel';
}

export interface ImageFrame {
  kind: 'image';
  box: Box;
  image: ImageBlock;
}

export interface ChartFrame {
  kind: 'chart';
  box: Box;
  chart: ChartBlock;
}

export interface TableFrame {
  kind: 'table';
  box: Box;
  table: TableBlock;
  fontSize: number;
  /** Column widths in inches, summing to box.w. */
  columnWidths: number[];
  rowHeight: number;
  /**
   * Height of each row in inches (index 0 = header), as measured; `rowHeight` is their maximum.
   * Optional so older producers stay valid; the layout stage always sets it.
   */
  rowHeights?: number[];
}

export type Frame = TextFrame | ImageFrame | ChartFrame | TableFrame;

export interface LaidSlide {
  /** Name of the master (slide layout) this slide uses. */
  layout: SlideLayoutName;
  frames: Frame[];
  notes: string[];
  /** 1-based slide number. */
  number: number;
  /** True for the slide-after of a partnership too long for one slide (title ends with «(продолжение)»). */
  continued: boolean;
  source?: SourcePosition;
}

export interface LaidDeck {
  meta: DocumentMeta;
  brand: Brand;
  slides: LaidSlide[];
}
