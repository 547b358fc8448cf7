/**
 * WordprocessingML for a brief's body, written as text. docx@9 builds the same XML through an
 * object per element (a Paragraph, its properties, every run and its properties), formats that tree
 * into another and stringifies it: for a brief's body that was about half of the writer's time.
 * These builders write what docx writes for the options the brief uses — the same elements in the
 * same order, the same attributes in the same order, the same escaping — so the package is the
 * same bytes (test/writers/docx-body.test.ts builds briefs both ways and compares them).
 */
import { stripInvalidXmlChars } from '../ooxml/xml.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/** As docx escapes text and attribute values: the five XML entities, and C0 controls XML forbids dropped. */
export function escapeWordXml(value: string): string {
  return value.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '');
}

export type Align = 'left' | 'center' | 'right';

export interface ParagraphProps {
  style?: string;
  /** true writes `<w:keepNext/>`, false `<w:keepNext w:val="false"/>` (a table row's last line says so). */
  keepNext?: boolean;
  /** w:numPr: the list level and the document's numbering instance (w:numId). */
  numbering?: { level: number; numId: number };
  spacing?: { before: number; after: number; line?: number; lineRule?: 'exact' | 'atLeast' | 'auto' };
  indentLeft?: number;
  align?: Align;
}

function onOff(name: string, value: boolean): string {
  return value ? `<${name}/>` : `<${name} w:val="false"/>`;
}

/** w:pPr, in the schema's order (and docx's): style, keepNext, numPr, spacing, ind, jc. */
function paragraphProperties(p: ParagraphProps): string {
  let xml = '';
  if (p.style !== undefined) xml += `<w:pStyle w:val="${escapeWordXml(p.style)}"/>`;
  if (p.keepNext !== undefined) xml += onOff('w:keepNext', p.keepNext);
  if (p.numbering) xml += `<w:numPr><w:ilvl w:val="${p.numbering.level}"/><w:numId w:val="${p.numbering.numId}"/></w:numPr>`;
  if (p.spacing) {
    const { before, after, line, lineRule } = p.spacing;
    xml += `<w:spacing w:after="${after}" w:before="${before}"${line === undefined ? '' : ` w:line="${line}"`}${lineRule === undefined ? '' : ` w:lineRule="${lineRule}"`}/>`;
  }
  if (p.indentLeft !== undefined) xml += `<w:ind w:left="${p.indentLeft}"/>`;
  if (p.align) xml += `<w:jc w:val="${p.align}"/>`;
  return xml ? `<w:pPr>${xml}</w:pPr>` : '';
}

export function paragraph(props: ParagraphProps, content: string): string {
  const inner = paragraphProperties(props) + content;
  return inner ? `<w:p>${inner}</w:p>` : '<w:p/>';
}

export interface RunProps {
  /** A character style (Hyperlink, the code style). */
  style?: string;
  bold?: boolean;
  italic?: boolean;
  color?: string;
}

/** w:rPr in docx's order: rStyle, b, bCs, i, iCs, color. Bold and italic also set their complex-script twins. */
function runProperties(r: RunProps): string {
  let xml = '';
  if (r.style !== undefined) xml += `<w:rStyle w:val="${escapeWordXml(r.style)}"/>`;
  if (r.bold) xml += '<w:b/><w:bCs/>';
  if (r.italic) xml += '<w:i/><w:iCs/>';
  if (r.color) xml += `<w:color w:val="${r.color}"/>`;
  return xml ? `<w:rPr>${xml}</w:rPr>` : '';
}

/**
 * A run's text: the typograph's soft hyphens (U+00AD) and non-breaking hyphens (U+2011) become
 * w:softHyphen / w:noBreakHyphen, which Word and LibreOffice treat natively, a tab becomes w:tab,
 * and characters XML forbids are dropped rather than breaking the part.
 */
export function runText(raw: string): string {
  const text = stripInvalidXmlChars(raw);
  let xml = '';
  let start = 0;
  const flush = (end: number): void => {
    if (end > start) xml += `<w:t xml:space="preserve">${escapeWordXml(text.slice(start, end))}</w:t>`;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const element = c === 0xad ? '<w:softHyphen/>' : c === 0x2011 ? '<w:noBreakHyphen/>' : c === 0x09 ? '<w:tab/>' : undefined;
    if (element === undefined) continue;
    flush(i);
    xml += element;
    start = i + 1;
  }
  flush(text.length);
  return xml;
}

/** One w:r: its properties, a line break before the text when asked, then the text's elements. */
export function run(props: RunProps, content: string, lineBreak = false): string {
  const inner = runProperties(props) + (lineBreak ? '<w:br/>' : '') + content;
  return inner ? `<w:r>${inner}</w:r>` : '<w:r/>';
}

/** An external link: its relationship carries the address; a fragment (#…) goes in w:anchor, as docx puts it. */
export function hyperlink(relationshipId: string, anchor: string | undefined, runs: string): string {
  const anchorAttribute = anchor ? ` w:anchor="${escapeWordXml(anchor)}"` : '';
  return `<w:hyperlink w:history="1"${anchorAttribute} r:id="${relationshipId}">${runs}</w:hyperlink>`;
}

/** Splits a link as docx does: the address, and a fragment of 1–255 characters after a '#' that is not the first character. */
export function linkTarget(link: string): { target: string; anchor?: string } {
  const index = link.indexOf('#');
  const fragmentLength = link.length - index - 1;
  return index > 0 && fragmentLength > 0 && fragmentLength <= 255 ? { target: link.slice(0, index), anchor: link.slice(index + 1) } : { target: link };
}

export interface TableProps {
  style: string;
  /** Column widths in twips: the grid, and the table's width as their sum. */
  widths: readonly number[];
  headerRow: boolean;
}

export function table(props: TableProps, rows: string): string {
  const width = props.widths.reduce((a, b) => a + b, 0);
  return (
    `<w:tbl><w:tblPr><w:tblStyle w:val="${escapeWordXml(props.style)}"/><w:tblW w:type="dxa" w:w="${width}"/><w:tblLayout w:type="fixed"/>` +
    `<w:tblLook w:firstRow="${props.headerRow}" w:lastRow="false" w:firstColumn="false" w:lastColumn="false" w:noHBand="true" w:noVBand="true"/></w:tblPr>` +
    `<w:tblGrid>${props.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${rows}</w:tbl>`
  );
}

/** A row that never splits across pages; a header row repeats on every page. */
export function tableRow(header: boolean, cells: string): string {
  return `<w:tr><w:trPr><w:cantSplit/>${header ? '<w:tblHeader/>' : ''}</w:trPr>${cells}</w:tr>`;
}

export function tableCell(widthTwips: number, fill: string | undefined, content: string): string {
  const shading = fill ? `<w:shd w:fill="${fill}" w:color="auto" w:val="clear"/>` : '';
  return `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${widthTwips}"/>${shading}<w:vAlign w:val="top"/></w:tcPr>${content}</w:tc>`;
}

export const EMU_PER_PIXEL = 9525;

export interface PictureProps {
  /** wp:docPr id: unique in the document. */
  drawingId: number;
  name: string;
  description: string;
  title: string;
  widthPx: number;
  heightPx: number;
  relationshipId: string;
}

/** An inline picture: the w:drawing docx writes for an ImageRun with no offset, flip or rotation. */
export function picture(p: PictureProps): string {
  const cx = Math.round(p.widthPx * EMU_PER_PIXEL);
  const cy = Math.round(p.heightPx * EMU_PER_PIXEL);
  const descr = p.description ? ` descr="${escapeWordXml(p.description)}"` : '';
  const title = p.title ? ` title="${escapeWordXml(p.title)}"` : '';
  const a = 'http://schemas.openxmlformats.org/drawingml/2006/main';
  return (
    `<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent t="0" r="0" b="0" l="0"/>` +
    `<wp:docPr id="${p.drawingId}" name="${escapeWordXml(p.name)}"${descr}${title}/>` +
    `<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="${a}" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic xmlns:a="${a}"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
    `<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="" descr=""/>` +
    `<pic:cNvPicPr><a:picLocks noChangeAspect="1" noChangeArrowheads="1"/></pic:cNvPicPr></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${p.relationshipId}" cstate="none"/><a:srcRect/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    `</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>`
  );
}
