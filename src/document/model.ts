/**
 * The format-neutral document model: what every writer and the layout stage consume.
 * Produced from the templates' Markdown by `markdownToDocument`; knows nothing about
 * PPTX, DOCX or PDF. Every block keeps the source position it came from so later stages
 * (layout overflow, missing glyphs) can still say file:line:col.
 */
import type { SourcePosition } from '../diagnostics/diagnostic.js';

export type Lang = 'ru' | 'en';

/** A run of text with uniform formatting. `\n` inside `text` never occurs: line breaks are `{ break: true }`. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Inline code: printed as is, never touched by the typograph. */
  code?: boolean;
  /** An http(s), mailto or tel URL (anything else was refused earlier). */
  href?: string;
}
export interface LineBreakRun {
  break: true;
}
export type Run = TextRun | LineBreakRun;

export const isBreak = (run: Run): run is LineBreakRun => 'break' in run;

interface BlockBase {
  source?: SourcePosition;
}

export interface HeadingBlock extends BlockBase {
  kind: 'heading';
  level: 1 | 2 | 3 | 4 | 5 | 6;
  runs: Run[];
  /** Start a new page before this heading (flowing documents; from `<!-- pagebreak -->`). */
  pageBreakBefore?: boolean;
}

export interface ParagraphBlock extends BlockBase {
  kind: 'paragraph';
  runs: Run[];
}

export interface ListItem {
  blocks: Block[];
}

export interface ListBlock extends BlockBase {
  kind: 'list';
  ordered: boolean;
  /** First number of an ordered list. */
  start: number;
  items: ListItem[];
}

export type CellAlign = 'left' | 'center' | 'right' | null;

export interface TableBlock extends BlockBase {
  kind: 'table';
  align: CellAlign[];
  /** First row is the header row. Each cell is a list of runs. */
  header: Run[][];
  rows: Run[][][];
}

export interface ImageBlock extends BlockBase {
  kind: 'image';
  /** Absolute path of the image file, already checked to be inside the content folder. */
  path: string;
  /** Alternative text for accessibility (from Markdown `![alt](...)` or front matter). */
  alt: string;
  caption?: string;
  credit?: string;
  /** Pixel size of the image as stored (after any downscaling the build did). */
  widthPx: number;
  heightPx: number;
  /** The bytes to embed (PNG or JPEG). */
  data: Buffer;
  format: 'png' | 'jpeg';
}

export interface QuoteBlock extends BlockBase {
  kind: 'quote';
  blocks: Block[];
}

/** Numeric series from front matter (e.g. delegations per year), drawn as a native chart where the format allows. */
export interface ChartBlock extends BlockBase {
  kind: 'chart';
  title: string;
  /** Category labels (years, as strings: years are never formatted as numbers). */
  labels: string[];
  /** What the categories are («Год», "Year"): the heading of the label column where a chart is shown as a table. */
  categoryLabel?: string;
  series: { name: string; values: number[] }[];
}

/** A key/value panel: «С года: 1990». Rendered as a facts table / panel. */
export interface FactsBlock extends BlockBase {
  kind: 'facts';
  facts: { label: string; value: Run[] }[];
}

export type Block =
  | HeadingBlock
  | ParagraphBlock
  | ListBlock
  | TableBlock
  | ImageBlock
  | QuoteBlock
  | ChartBlock
  | FactsBlock;

/** Document properties written into every format's metadata. */
export interface DocumentMeta {
  title: string;
  author: string;
  subject?: string;
  lang: Lang;
  /** BCP 47 tag for the text, e.g. `ru-RU`. */
  langTag: string;
  /** Fixed creation/modification date (from SOURCE_DATE_EPOCH or a default) so builds are reproducible. */
  date: Date;
  /** `council-press x.y.z`, written as producer/application. */
  producer: string;
}

/** Named slide layouts (masters) the brand defines. */
export type SlideLayoutName = 'title' | 'statement' | 'list' | 'partnership' | 'section';

export interface Slide {
  layout: SlideLayoutName;
  /** Shown in the title placeholder (so PowerPoint's outline shows it). May be empty for the title slide. */
  title: Run[];
  /** Secondary title lines (the title slide's director line). */
  subtitle: Run[];
  blocks: Block[];
  /** Speaker notes, one entry per paragraph. */
  notes: string[];
  source?: SourcePosition;
}

export interface Deck {
  kind: 'deck';
  meta: DocumentMeta;
  slides: Slide[];
}

/**
 * A flowing document: a brief (DOCX) or a handout (PDF). The first heading of level 1 is the
 * document title; the rest is blocks in reading order.
 */
export interface FlowDocument {
  kind: 'flow';
  meta: DocumentMeta;
  blocks: Block[];
}
