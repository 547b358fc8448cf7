/**
 * FlowDocument → DOCX bytes (a brief). docx@9 builds the package; reproducible.ts then removes
 * everything docx draws at random or from the clock, so two builds give the same bytes.
 */
import { convertMillimetersToTwip, Document, Packer, Paragraph, type IPropertiesOptions } from 'docx';
import type { Block, FlowDocument, ListBlock } from '../../document/model.js';
import type { Brand } from '../../templates/brand-model.js';
import type { WriterResult } from '../writer.js';
import { fontPlaceholders } from './embedded-fonts.js';
import { blocksToDocx, type BlockContext } from './blocks.js';
import { DEFAULT_LABELS, pageFooter, runningHeader, type DocxLabels } from './header-footer.js';
import { makeDocxReproducible } from './reproducible.js';
import { runsToChildren, runsToText } from './runs.js';
import { docxNumbering, docxStyles, rewriteStylesXml, STYLE } from './styles.js';

const PX_PER_MM = 96 / 25.4;

function embeddedFonts(brand: Brand): IPropertiesOptions['fonts'] {
  // Placeholders: the real faces go in after packing (embedded-fonts.ts explains why).
  return [{ name: brand.fonts.family, ...fontPlaceholders() }];
}

function orderedListStarts(blocks: readonly Block[], into = new Set<number>()): Set<number> {
  for (const b of blocks) {
    if (b.kind === 'list') {
      if (b.ordered) into.add((b as ListBlock).start);
      for (const item of b.items) orderedListStarts(item.blocks, into);
    } else if (b.kind === 'quote') orderedListStarts(b.blocks, into);
  }
  return into;
}

export async function flowToDocx(doc: FlowDocument, brand: Brand, labels: DocxLabels = DEFAULT_LABELS): Promise<WriterResult> {
  const { meta } = doc;
  const page = brand.page;
  const textWidthMm = page.width - page.margins.left - page.margins.right;
  const textHeightMm = page.height - page.margins.top - page.margins.bottom;
  const textWidthTwips = convertMillimetersToTwip(textWidthMm);

  let drawingId = 0;
  let listInstance = 0;
  const titleIndex = doc.blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  const ctx: BlockContext = {
    brand,
    langTag: meta.langTag,
    textWidthTwips,
    textWidthPx: Math.floor(textWidthMm * PX_PER_MM),
    maxImageHeightPx: Math.floor(textHeightMm * 0.55 * PX_PER_MM),
    titleTaken: titleIndex >= 0,
    nextDrawingId: () => ++drawingId,
    nextListInstance: () => ++listInstance,
  };
  // The header's logo takes drawing id 1; the body's pictures follow.
  const header = runningHeader(brand, textWidthTwips, ctx.nextDrawingId());

  const titleBlock = doc.blocks[titleIndex];
  const children = doc.blocks.flatMap((block, i) => {
    if (block === titleBlock && block.kind === 'heading') return [new Paragraph({ style: STYLE.title, children: runsToChildren(block.runs) })];
    return blocksToDocx([block], ctx, doc.blocks[i - 1]);
  });
  const title = titleBlock?.kind === 'heading' ? runsToText(titleBlock.runs) : meta.title;

  const document = new Document({
    title: meta.title,
    subject: meta.subject ?? meta.title,
    description: meta.subject ?? meta.title,
    creator: meta.author,
    lastModifiedBy: meta.author,
    revision: 1,
    styles: docxStyles(brand, meta.langTag),
    numbering: docxNumbering(brand, orderedListStarts(doc.blocks)),
    fonts: embeddedFonts(brand),
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(page.width), height: convertMillimetersToTwip(page.height) },
            margin: {
              top: convertMillimetersToTwip(page.margins.top),
              right: convertMillimetersToTwip(page.margins.right),
              bottom: convertMillimetersToTwip(page.margins.bottom),
              left: convertMillimetersToTwip(page.margins.left),
              // Header and footer sit halfway into the top and bottom margins.
              header: convertMillimetersToTwip(page.margins.top * 0.4),
              footer: convertMillimetersToTwip(page.margins.bottom * 0.45),
            },
          },
        },
        headers: { default: header },
        footers: { default: pageFooter(title, textWidthTwips, labels) },
        children,
      },
    ],
  });
  const packed = await Packer.toBuffer(document);
  const rewrite = (name: string, xml: string): string => (name === 'word/styles.xml' ? rewriteStylesXml(xml, brand) : xml);
  return { data: makeDocxReproducible(packed, { date: meta.date, producer: meta.producer, fonts: brand.fonts.files, rewrite }), diagnostics: [] };
}
