/**
 * A pure walk over every piece of text in a Deck or FlowDocument: headings, paragraphs, list items, quotes,
 * table cells, facts, image captions, chart titles, slide titles/subtitles and speaker notes. Shared by the
 * typograph and the hyphenator so both reach exactly the same text.
 */
import type { Block, Deck, FlowDocument, Run, Slide } from '../document/model.js';

export interface TextMappers {
  /** One paragraph's runs (a heading, a paragraph, a table cell, a fact's value, a slide title). */
  runs: (runs: Run[]) => Run[];
  /** A plain string (a caption, a fact's label, a speaker note). */
  text: (text: string) => string;
  /** Headings and slide titles/subtitles, when they need other treatment than body text (default: `runs`). */
  headingRuns?: (runs: Run[]) => Run[];
  /** Called before each slide or top-level block; may throw to abandon the work (RenderEnv.checkpoint). */
  checkpoint?: () => void;
}

export function mapBlock(block: Block, f: TextMappers): Block {
  switch (block.kind) {
    case 'heading':
      return { ...block, runs: (f.headingRuns ?? f.runs)(block.runs) };
    case 'paragraph':
      return { ...block, runs: f.runs(block.runs) };
    case 'list':
      return { ...block, items: block.items.map((item) => ({ ...item, blocks: item.blocks.map((b) => mapBlock(b, f)) })) };
    case 'quote':
      return { ...block, blocks: block.blocks.map((b) => mapBlock(b, f)) };
    case 'table':
      return {
        ...block,
        header: block.header.map((cell) => f.runs(cell)),
        rows: block.rows.map((row) => row.map((cell) => f.runs(cell))),
      };
    case 'facts':
      return { ...block, facts: block.facts.map((fact) => ({ label: f.text(fact.label), value: f.runs(fact.value) })) };
    case 'image':
      // `alt` is left as written: screen readers gain nothing from no-break spaces or soft hyphens.
      return {
        ...block,
        ...(block.caption !== undefined ? { caption: f.text(block.caption) } : {}),
        ...(block.credit !== undefined ? { credit: f.text(block.credit) } : {}),
      };
    case 'chart':
      // Labels are years and series names are legend keys: printed as is.
      return { ...block, title: f.text(block.title) };
  }
}

function mapSlide(slide: Slide, f: TextMappers): Slide {
  const heading = f.headingRuns ?? f.runs;
  return {
    ...slide,
    title: heading(slide.title),
    subtitle: heading(slide.subtitle),
    blocks: slide.blocks.map((b) => mapBlock(b, f)),
    notes: slide.notes.map((n) => f.text(n)),
  };
}

export function mapDocument<D extends Deck | FlowDocument>(doc: D, f: TextMappers): D {
  const each = <T, U>(items: readonly T[], map: (item: T) => U): U[] =>
    items.map((item) => {
      f.checkpoint?.();
      return map(item);
    });
  if (doc.kind === 'deck') return { ...doc, slides: each(doc.slides, (s) => mapSlide(s, f)) };
  return { ...doc, blocks: each(doc.blocks, (b) => mapBlock(b, f)) };
}
