/**
 * The reference for the DOCX writer's body (test/writers/docx-body.test.ts): the brief as docx's
 * own objects write it, as council-press wrote it before it wrote the body's XML itself
 * (src/writers/docx/wordml.ts). Both must give the same bytes.
 *
 * FlowDocument → DOCX bytes (a brief). docx@9 builds the package; reproducible.ts then removes
 * everything docx draws at random or from the clock, so two builds give the same bytes.
 */
import { Document, Packer, Paragraph, type IPropertiesOptions } from 'docx';
import type { FlowDocument } from '../../../../src/document/model.js';
import type { Brand } from '../../../../src/templates/brand-model.js';
import type { WriterResult } from '../../../../src/writers/writer.js';
import { fontPlaceholders } from '../../../../src/writers/docx/embedded-fonts.js';
import { blocksToDocx, type BlockContext } from './blocks.js';
import { DEFAULT_LABELS, pageFooter, runningHeader, type DocxLabels } from '../../../../src/writers/docx/header-footer.js';
import { fixDocxPackage } from '../../../../src/writers/docx/reproducible.js';
import { normalizeOoxmlEntries } from '../../../../src/writers/ooxml/normalize-zip.js';
import { unzipSync } from 'fflate';
import { runsToChildren, runsToText } from './runs.js';
import { docxNumbering, docxStyles, rewriteStylesXml, STYLE } from '../../../../src/writers/docx/styles.js';
// What the brief is made from (list starts, the page) is shared; how it is written is what differs.
import { orderedListStarts, textColumn } from '../../../../src/writers/docx/flow-to-docx.js';
import { sectionPage } from '../../../../src/writers/docx/package-shell.js';


function embeddedFonts(brand: Brand): IPropertiesOptions['fonts'] {
  // Placeholders: the real faces go in after packing (embedded-fonts.ts explains why).
  return [{ name: brand.fonts.family, ...fontPlaceholders() }];
}

export async function flowToDocx(doc: FlowDocument, brand: Brand, labels: DocxLabels = DEFAULT_LABELS): Promise<WriterResult> {
  const { meta } = doc;
  const column = textColumn(brand);
  const { textWidthTwips } = column;

  let drawingId = 0;
  let listInstance = 0;
  const titleIndex = doc.blocks.findIndex((b) => b.kind === 'heading' && b.level === 1);
  const ctx: BlockContext = {
    brand,
    langTag: meta.langTag,
    ...column,
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
        properties: { page: sectionPage(brand) },
        headers: { default: header },
        footers: { default: pageFooter(title, textWidthTwips, labels) },
        children,
      },
    ],
  });
  const entries = await packDocxEntries(document, JSON.stringify([brand, meta.langTag]));
  const rewrite = (name: string, xml: string): string => (name === 'word/styles.xml' ? rewriteStylesXml(xml, brand) : xml);
  fixDocxPackage(entries, { producer: meta.producer, fonts: brand.fonts.files });
  return { data: normalizeOoxmlEntries(entries, { date: meta.date, rewrite }), diagnostics: [] };
}

/*
 * docx formats every part of every brief from scratch, and the styles part alone (the brand's
 * styles and docx's latent styles) took more than half of docx's time per brief, though it is the
 * same in every brief of a brand and language; the theme likewise. Their formatted trees are
 * remembered here by a key of what they are made from, and docx stringifies the remembered tree.
 * So are the numbering part's list definitions (w:abstractNum: docx's default bullets and ours,
 * made from the brand and the list's start, numbered in the order they are made), while its list
 * instances (w:num), which depend on the document's lists, are formatted each time.
 * The header and footer are formatted twice per brief by docx (once to find their pictures for
 * their relationships, once for the part): the second time reuses the first tree.
 */
type Formatter = { format(input: unknown, context: unknown): unknown };
interface Preppable {
  prepForXml(context: unknown): unknown;
}
const partKeys = new WeakMap<object, string>();
const formattedParts = new Map<string, unknown>();
const formattedOnce = new WeakMap<object, unknown>();
const patchedFormatters = new WeakSet<object>();

function remember<T>(key: string, make: () => T): T {
  if (!formattedParts.has(key)) {
    if (formattedParts.size > 256) formattedParts.clear();
    formattedParts.set(key, make());
  }
  return formattedParts.get(key) as T;
}

/** docx's internals this relies on (docx 9); anything missing simply formats as before. */
interface FileInternals {
  Styles?: object;
  Theme?: object;
  Headers?: { View?: object }[];
  Footers?: { View?: object }[];
  Numbering?: { abstractNumberingMap?: Map<string, Partial<Preppable> & { id?: number }> };
}

function rememberFormattedParts(compiler: Partial<DocxCompiler> & { formatter?: Formatter }, document: Document, stylesKey: string): void {
  const formatter = compiler.formatter;
  if (!formatter || typeof formatter.format !== 'function') return;
  const file = document as unknown as FileInternals;
  if (file.Styles) partKeys.set(file.Styles, `styles:${stylesKey}`);
  if (file.Theme) partKeys.set(file.Theme, 'theme');
  for (const wrapper of [...(file.Headers ?? []), ...(file.Footers ?? [])]) if (wrapper.View) formattedOnce.set(wrapper.View, undefined);
  for (const [reference, abstract] of file.Numbering?.abstractNumberingMap ?? []) {
    const prep = abstract.prepForXml;
    if (typeof prep !== 'function' || typeof abstract.id !== 'number') continue;
    const key = `abstractNum:${stylesKey}:${reference}:${abstract.id}`;
    abstract.prepForXml = (context: unknown): unknown => remember(key, () => prep.call(abstract, context));
  }
  if (patchedFormatters.has(formatter)) return;
  const format = formatter.format.bind(formatter);
  formatter.format = (input: unknown, context: unknown): unknown => {
    if (!input || typeof input !== 'object') return format(input, context);
    const key = partKeys.get(input);
    if (key !== undefined) return remember(key, () => format(input, context));
    if (formattedOnce.has(input)) {
      let tree = formattedOnce.get(input);
      if (tree === undefined) formattedOnce.set(input, (tree = format(input, context)));
      return tree;
    }
    return format(input, context);
  };
  patchedFormatters.add(formatter);
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
async function packDocxEntries(document: Document, stylesKey: string): Promise<Record<string, Uint8Array>> {
  const compiler = (Packer as unknown as { compiler?: Partial<DocxCompiler> }).compiler;
  if (typeof compiler?.compile !== 'function') return unzipSync(await Packer.toBuffer(document));
  rememberFormattedParts(compiler, document, stylesKey);
  const entries: Record<string, Uint8Array> = {};
  for (const [path, data] of compiler.compile(document, undefined, [])) {
    // As docx's own zipFiles turns a part into bytes.
    entries[path] = typeof data === 'string' ? Buffer.from(data, 'utf8') : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
  }
  return entries;
}
