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
import { makeDocxEntriesReproducible } from './reproducible.js';
import { unzipSync } from 'fflate';
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
    // About 7 cm on A4: a brief is one to two pages, and a photo at the full text width would push
    // the council's message onto a page of its own.
    maxImageHeightPx: Math.floor(textHeightMm * 0.28 * PX_PER_MM),
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
  const entries = await packDocxEntries(document);
  const rewrite = (name: string, xml: string): string => (name === 'word/styles.xml' ? rewriteStylesXml(xml, brand) : xml);
  return { data: makeDocxEntriesReproducible(entries, { date: meta.date, producer: meta.producer, fonts: brand.fonts.files, rewrite }), diagnostics: [] };
}

type PackageFiles = Map<string, string | ArrayBufferView | ArrayBuffer>;
interface DocxCompiler {
  compile(file: Document, prettify?: undefined, overrides?: readonly never[]): PackageFiles;
}

/**
 * The package's parts by name. Packer.toBuffer zips them (deflating every part) only for the
 * normaliser to unzip and deflate them again; docx's own compiler hands over the parts as they
 * are (the bytes Packer would have zipped), which saved a third of a brief's time. The compiler
 * is Packer's internal (docx 9); should a docx release move it, the zip round trip is the fallback.
 */
async function packDocxEntries(document: Document): Promise<Record<string, Uint8Array>> {
  const compiler = (Packer as unknown as { compiler?: Partial<DocxCompiler> }).compiler;
  if (typeof compiler?.compile !== 'function') return unzipSync(await Packer.toBuffer(document));
  const entries: Record<string, Uint8Array> = {};
  for (const [path, data] of compiler.compile(document, undefined, [])) {
    // As docx's own zipFiles turns a part into bytes.
    entries[path] = typeof data === 'string' ? Buffer.from(data, 'utf8') : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
  }
  return entries;
}
