/**
 * FlowDocument → DOCX bytes (a brief). The body's paragraphs and tables are written as
 * WordprocessingML text (body.ts, wordml.ts); every other part comes from docx@9, made once per
 * brand and language (package-shell.ts), with everything docx draws at random made fixed
 * (reproducible.ts); the normaliser gives every part the document's date, so two builds give the
 * same bytes.
 */
import { convertMillimetersToTwip } from 'docx';
import type { Block, FlowDocument, ListBlock } from '../../document/model.js';
import type { Brand } from '../../templates/brand-model.js';
import type { WriterResult } from '../writer.js';
import { bodyXml, MediaFiles } from './body.js';
import { prepareBrandFonts } from './embedded-fonts.js';
import { DEFAULT_LABELS, type DocxLabels } from './header-footer.js';
import { fillShell, packageShell } from './package-shell.js';
import { normalizeOoxmlEntries } from '../ooxml/normalize-zip.js';

const PX_PER_MM = 96 / 25.4;

/** Start numbers of the document's ordered lists, in order of first use: one numbering definition each. */
export function orderedListStarts(blocks: readonly Block[], into = new Set<number>()): Set<number> {
  for (const b of blocks) {
    if (b.kind === 'list') {
      if (b.ordered) into.add((b as ListBlock).start);
      for (const item of b.items) orderedListStarts(item.blocks, into);
    } else if (b.kind === 'quote') orderedListStarts(b.blocks, into);
  }
  return into;
}

/** The text column of a brief's page: its width in twips and CSS pixels, and the tallest a picture may be. */
export function textColumn(brand: Brand): { textWidthTwips: number; textWidthPx: number; maxImageHeightPx: number } {
  const page = brand.page;
  const textWidthMm = page.width - page.margins.left - page.margins.right;
  const textHeightMm = page.height - page.margins.top - page.margins.bottom;
  return {
    textWidthTwips: convertMillimetersToTwip(textWidthMm),
    textWidthPx: Math.floor(textWidthMm * PX_PER_MM),
    // About 7 cm on A4: a brief is one to two pages, and a photo at the full text width would push
    // the council's message onto a page of its own.
    maxImageHeightPx: Math.floor(textHeightMm * 0.28 * PX_PER_MM),
  };
}

export async function flowToDocx(doc: FlowDocument, brand: Brand, labels: DocxLabels = DEFAULT_LABELS): Promise<WriterResult> {
  const { meta } = doc;
  // The faces compress on other threads while this one writes the document.
  const fonts = prepareBrandFonts(brand.fonts.files);
  const column = textColumn(brand);
  const shell = await packageShell({ brand, langTag: meta.langTag, labels, decimalStarts: [...orderedListStarts(doc.blocks)], textWidthTwips: column.textWidthTwips, producer: meta.producer });
  const media = new MediaFiles();
  const body = bodyXml(
    doc.blocks,
    { brand, langTag: meta.langTag, ...column },
    media,
    // The header's logo is drawing 1; the body's pictures follow.
    2,
  );
  const entries = fillShell(shell, body, media, body.title ?? meta.title, {
    title: meta.title,
    subject: meta.subject ?? meta.title,
    author: meta.author,
  });
  await fonts;
  // The shell's parts are finished already; the brief's own get the normaliser's date, order and compression.
  return { data: normalizeOoxmlEntries(entries, { date: meta.date, finished: shell.finished }), diagnostics: [] };
}
