/**
 * Document-model blocks → the WordprocessingML of a brief's body (wordml.ts), in reading order.
 * Formatting comes from the named styles in styles.ts; direct formatting is used only where Word
 * and LibreOffice disagree on conditional table-style formatting (header rows, the facts label
 * column). What the body refers to outside itself is collected on the way: hyperlink targets,
 * pictures, list instances; package-shell.ts turns them into relationships, media and w:num entries.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { isBreak, type Block, type CellAlign, type ChartBlock, type FactsBlock, type ImageBlock, type ListBlock, type Run } from '../../document/model.js';
import type { Brand } from '../../templates/brand-model.js';
import { stripInvalidXmlChars } from '../ooxml/xml.js';
import { NUMBERING, STYLE } from './styles.js';
import * as w from './wordml.js';

/** A picture in the package: its bytes, and its name under word/media/. */
export interface MediaFile {
  key: string;
  fileName: string;
  data: Uint8Array;
}

/**
 * The package's pictures, once each (a picture used twice is one file), named as docx names them:
 * numbered per extension in the order they are first used, image1.png, image2.png, image1.jpg.
 */
export class MediaFiles {
  readonly files: MediaFile[] = [];
  private readonly byKey = new Map<string, MediaFile>();
  private readonly counts = new Map<string, number>();

  add(data: Uint8Array, extension: 'png' | 'jpg'): MediaFile {
    const key = `${createHash('sha1').update(data).digest('hex')}.${extension}`;
    let file = this.byKey.get(key);
    if (!file) {
      const n = (this.counts.get(extension) ?? 0) + 1;
      this.counts.set(extension, n);
      file = { key, fileName: `image${n}.${extension}`, data };
      this.byKey.set(key, file);
      this.files.push(file);
    }
    return file;
  }
}

export interface BodyContext {
  brand: Brand;
  /** Width of the text column, in twips and in CSS pixels (pictures are sized at 96 px to the inch). */
  textWidthTwips: number;
  textWidthPx: number;
  /** Tallest a picture may be, in pixels, so it fits on a page with its caption. */
  maxImageHeightPx: number;
  langTag: string;
}

/** A list instance the body uses: its numbering definition (reference) and its w:numId. */
export interface ListUse {
  reference: string;
  numId: number;
}

export interface Body {
  /**
   * The body's XML, with each hyperlink's and picture's relationship id left as a mark
   * (`\u0001L<n>\u0001`, `\u0001M<n>\u0001`: U+0001 never survives escaping, so no text can make one).
   */
  xml: string;
  /** Hyperlink targets (without a fragment: that is the w:anchor), one per w:hyperlink, in reading order. */
  links: string[];
  /** The body's pictures, each once, in order of first use. */
  media: MediaFile[];
  /** List instances in order of first use; w:numId 1 is docx's default bullets, so the body's start at 2. */
  lists: ListUse[];
  /** The Title's plain text (the first level-1 heading), for the footer; undefined without one. */
  title?: string;
}

const LINK_MARK = (n: number): string => `\u0001L${n}\u0001`;
const MEDIA_MARK = (n: number): string => `\u0001M${n}\u0001`;

/** The body's XML with its marks replaced by the relationship ids of its n-th link and n-th picture. */
export function withRelationshipIds(body: Body, linkId: (n: number) => string, mediaId: (n: number) => string): string {
  return body.xml.replace(/\u0001([LM])(\d+)\u0001/g, (_, kind: string, n: string) => (kind === 'L' ? linkId(Number(n)) : mediaId(Number(n))));
}

const TABLE_LIKE = new Set<Block['kind']>(['table', 'facts', 'chart']);

interface Writer {
  ctx: BodyContext;
  links: string[];
  media: MediaFiles;
  /** One key per list instance (reference and the document's own instance number) → its use. */
  lists: Map<string, ListUse>;
  nextListInstance: number;
  /** wp:docPr ids: the header's logo has 1, the body's pictures follow. */
  nextDrawingId: number;
  /** Whether the document's first level-1 heading was taken as the Title (then later headings move up one level). */
  titleTaken: boolean;
}

/** The brief's Title: its first level-1 heading (-1: none, and headings keep their levels). */
function titleBlockIndex(blocks: readonly Block[]): number {
  return blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
}

export function bodyXml(blocks: readonly Block[], ctx: BodyContext, media: MediaFiles, firstDrawingId: number): Body {
  const titleIndex = titleBlockIndex(blocks);
  const wr: Writer = { ctx, links: [], media, lists: new Map(), nextListInstance: 0, nextDrawingId: firstDrawingId, titleTaken: titleIndex >= 0 };
  let xml = '';
  let prev: Block | undefined;
  blocks.forEach((block, i) => {
    // A table has no spacing of its own in Word, so text or a list that touches it gets a small
    // spacer paragraph (a heading's own space before/after is enough, and a chart brings its caption).
    if (needsGap(prev, block)) xml += w.paragraph({ spacing: { before: 0, after: 0, line: 200, lineRule: 'exact' } }, '');
    xml += i === titleIndex && block.kind === 'heading' ? w.paragraph({ style: STYLE.title }, runs(wr, block.runs)) : blockXml(wr, block, 0);
    prev = block;
  });
  // The media list is the document's own and the body fills it first (the header's logo comes later).
  const title = blocks[titleIndex];
  return { xml, links: wr.links, media: [...media.files], lists: [...wr.lists.values()], title: title?.kind === 'heading' ? runsToText(title.runs) : undefined };
}

function needsGap(a: Block | undefined, b: Block): boolean {
  return a !== undefined && a.kind !== 'heading' && b.kind !== 'heading' && (TABLE_LIKE.has(b.kind) ? b.kind !== 'chart' : TABLE_LIKE.has(a.kind));
}

function blockXml(wr: Writer, block: Block, listLevel: number): string {
  switch (block.kind) {
    case 'heading': {
      const level = Math.min(3, Math.max(1, block.level - (wr.titleTaken ? 1 : 0)));
      return w.paragraph({ style: STYLE.heading[level - 1] }, runs(wr, block.runs));
    }
    case 'paragraph':
      return w.paragraph({}, runs(wr, block.runs));
    case 'list':
      return list(wr, block, listLevel);
    case 'table': {
      const columns = Math.max(block.header.length, ...block.rows.map((r) => r.length));
      const widths = equalWidths(columns, wr.ctx.textWidthTwips);
      const row = (cells: Run[][], header: boolean): string =>
        w.tableRow(header, widths.map((width, i) => textCell(wr, cells[i] ?? [], width, { header, align: block.align[i] ?? null })).join(''));
      return w.table({ style: STYLE.table, widths, headerRow: true }, row(block.header, true) + block.rows.map((r) => row(r, false)).join(''));
    }
    case 'image':
      return image(wr, block);
    case 'quote':
      return block.blocks.map((inner) => (inner.kind === 'paragraph' ? w.paragraph({ style: STYLE.quote }, runs(wr, inner.runs)) : blockXml(wr, inner, 0))).join('');
    case 'chart':
      return chart(wr, block);
    case 'facts':
      return facts(wr, block);
  }
}

/** The numbering instance of a list: docx numbers instances in the order paragraphs first use them. */
function listNumId(wr: Writer, reference: string, instance: number): number {
  const key = `${reference}\u0000${instance}`;
  let use = wr.lists.get(key);
  if (!use) wr.lists.set(key, (use = { reference, numId: wr.lists.size + 2 }));
  return use.numId;
}

/**
 * A list item's first paragraph carries the number; its later paragraphs are indented to the
 * text of the item; a nested list goes one level deeper. Each list is its own numbering
 * instance, so the second ordered list of a document starts again at its own first number.
 */
function list(wr: Writer, block: ListBlock, level: number): string {
  const reference = block.ordered ? NUMBERING.decimal(block.start) : NUMBERING.bullet;
  const instance = ++wr.nextListInstance;
  const numbered = (lvl: number): w.ParagraphProps => ({ style: 'ListParagraph', numbering: { level: lvl, numId: listNumId(wr, reference, instance) } });
  let xml = '';
  for (const item of block.items) {
    let hasNumber = false;
    for (const inner of item.blocks) {
      if (inner.kind === 'paragraph' || (inner.kind === 'heading' && !hasNumber)) {
        xml += w.paragraph(hasNumber ? { style: 'ListParagraph', indentLeft: 360 + level * 360 } : numbered(Math.min(level, 8)), runs(wr, inner.runs));
        hasNumber = true;
      } else {
        xml += inner.kind === 'list' ? list(wr, inner, level + 1) : blockXml(wr, inner, level + 1);
      }
    }
    if (!hasNumber) xml += w.paragraph(numbered(Math.min(level, 8)), '');
  }
  return xml;
}

function equalWidths(columns: number, total: number): number[] {
  const each = Math.floor(total / Math.max(1, columns));
  return Array.from({ length: columns }, (_, i) => (i === columns - 1 ? total - each * (columns - 1) : each));
}

function textCell(
  wr: Writer,
  cellRuns: readonly Run[],
  widthTwips: number,
  opts: { header?: boolean; align?: CellAlign; fill?: string; keepNext?: boolean },
): string {
  const { brand } = wr.ctx;
  const para = w.paragraph(
    { style: STYLE.tableText, keepNext: opts.header ? true : opts.keepNext, align: opts.align ?? undefined },
    runs(wr, cellRuns, opts.header ? { bold: true, color: brand.colors.background } : {}),
  );
  return w.tableCell(widthTwips, opts.header ? brand.colors.primary : opts.fill, para);
}

/** Word charts are out of scope: a chart is its data as a table, labels down, one column per series. */
function chart(wr: Writer, block: ChartBlock): string {
  const number = new Intl.NumberFormat(wr.ctx.langTag);
  const widths = equalWidths(block.series.length + 1, wr.ctx.textWidthTwips);
  const text = (s: string): Run[] => [{ text: s }];
  const header = w.tableRow(
    true,
    [text(block.categoryLabel ?? ''), ...block.series.map((s) => text(s.name))].map((c, i) => textCell(wr, c, widths[i]!, { header: true, align: i ? 'right' : null })).join(''),
  );
  const rows = block.labels.map((label, r) =>
    w.tableRow(
      false,
      textCell(wr, text(label), widths[0]!, {}) +
        block.series
          .map((s, i) => {
            const v = s.values[r];
            return textCell(wr, text(v === undefined ? '' : number.format(v)), widths[i + 1]!, { align: 'right' });
          })
          .join(''),
    ),
  );
  const caption = w.paragraph({ style: STYLE.caption, keepNext: true }, w.run({ bold: true }, w.runText(block.title)));
  return caption + w.table({ style: STYLE.table, widths, headerRow: true }, header + rows.join(''));
}

function facts(wr: Writer, block: FactsBlock): string {
  const labelWidth = Math.round(wr.ctx.textWidthTwips * 0.32);
  const widths = [labelWidth, wr.ctx.textWidthTwips - labelWidth];
  const rows = block.facts.map((f, i) => {
    // The facts panel is short: keep it whole on one page.
    const keepNext = i < block.facts.length - 1;
    return w.tableRow(
      false,
      textCell(wr, [{ text: f.label, bold: true }], widths[0]!, { fill: wr.ctx.brand.colors.panel, keepNext }) + textCell(wr, f.value, widths[1]!, { keepNext }),
    );
  });
  return w.table({ style: STYLE.facts, widths, headerRow: false }, rows.join(''));
}

/** Fit the text width, keep the aspect ratio, never upscale, and leave room on the page for the caption. */
function image(wr: Writer, block: ImageBlock): string {
  const { ctx } = wr;
  const scale = Math.min(1, ctx.textWidthPx / block.widthPx, ctx.maxImageHeightPx / block.heightPx);
  const file = wr.media.add(block.data, block.format === 'jpeg' ? 'jpg' : 'png');
  const drawing = w.picture({
    drawingId: wr.nextDrawingId++,
    name: basename(block.path),
    title: altText(block.caption ?? block.alt),
    description: altText(block.alt),
    widthPx: Math.max(1, Math.round(block.widthPx * scale)),
    heightPx: Math.max(1, Math.round(block.heightPx * scale)),
    relationshipId: MEDIA_MARK(wr.media.files.indexOf(file)),
  });
  const picture = w.paragraph({ keepNext: Boolean(block.caption || block.credit), spacing: { before: 120, after: 60 }, align: 'center' }, w.run({}, drawing));
  if (!block.caption && !block.credit) return picture;
  const caption = block.caption ? w.run({}, w.runText(block.caption)) : '';
  const credit = block.credit ? w.run({ italic: true }, w.runText(block.caption ? ` · ${block.credit}` : block.credit)) : '';
  return picture + w.paragraph({ style: STYLE.caption, align: 'center' }, caption + credit);
}

/**
 * A picture's title and description as a screen reader gets them: plain text, without the soft
 * hyphens the typograph put into the caption for the page's line breaks.
 */
export function altText(text: string): string {
  return stripInvalidXmlChars(text).replace(/\u00AD/g, '');
}

export interface RunFormat {
  bold?: boolean;
  color?: string;
}

/**
 * Runs → w:r elements. Consecutive runs with the same link become one w:hyperlink, so a link with
 * a bold word inside stays one clickable link in Word. A line break goes at the start of the run
 * after it (a break with nothing after it gets a run of its own).
 */
function runs(wr: Writer, list: readonly Run[], format: RunFormat = {}): string {
  let xml = '';
  let pendingBreak = false;
  let link: { href: string; runs: string } | undefined;
  const flush = (): void => {
    if (link) {
      const { target, anchor } = w.linkTarget(link.href);
      wr.links.push(target);
      xml += w.hyperlink(LINK_MARK(wr.links.length - 1), anchor, link.runs);
    }
    link = undefined;
  };
  for (const r of list) {
    if (isBreak(r)) {
      if (pendingBreak) {
        flush();
        xml += w.run({}, '', true);
      }
      pendingBreak = true;
      continue;
    }
    const child = w.run(
      {
        // A forced colour (white on a header row) wins over the link style, or a link there would vanish.
        style: r.href ? STYLE.hyperlink : r.code ? STYLE.code : undefined,
        bold: r.bold || format.bold,
        italic: r.italic,
        color: format.color,
      },
      w.runText(r.text),
      pendingBreak,
    );
    pendingBreak = false;
    if (r.href) {
      if (link && link.href !== r.href) flush();
      link ??= { href: r.href, runs: '' };
      link.runs += child;
    } else {
      flush();
      xml += child;
    }
  }
  flush();
  if (pendingBreak) xml += w.run({}, '', true);
  return xml;
}

/** Plain text of runs (the footer's title). */
function runsToText(list: readonly Run[]): string {
  return list.map((r) => (isBreak(r) ? ' ' : r.text)).join('');
}
