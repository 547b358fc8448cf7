/**
 * The XML pptxgenjs writes for a slide's text boxes and tables, written here instead.
 *
 * Every frame but the title is a text box or a table (pictures and charts aside), and pptxgenjs
 * spent most of a deck's PPTX time on them: at 300 partnerships ~0.8 s of the deck's ~1.4 s,
 * building options objects for every run and one string of XML per run, paragraph and cell. For
 * those frames the writer now hands pptxgenjs only the slide's title (a placeholder, whose options
 * come from the layout) and its notes, and puts this XML into the slide's part in the place
 * pptxgenjs would have written it. The post-processing (post-process.ts) then runs over the whole
 * part as before.
 *
 * The bytes are pptxgenjs 4's, including its quirks, which a reader of this file should not take
 * for design: the text insets taken from `margin` as [left, right, bottom, top]; the end-of-
 * paragraph size of every paragraph of a box taken from its first run; a table's shape id of
 * `table number × slide number + 1`; the extra spaces around a table cell's closing tags. Only
 * the first `<a:pPr>` of each paragraph is written (pptxgenjs writes one before every run, and
 * post-process.ts keeps only the first). Each function names the pptxgenjs function it follows;
 * test/writers/pptx-slide-xml.test.ts compares whole decks written both ways, byte for byte.
 *
 * A slide is written this way only when everything on it is understood here (`ownFrames`):
 * otherwise pptxgenjs writes all of it, as before.
 */
import { isBreak, type Run } from '../../document/model.js';
import type { Frame, LaidSlide, TableFrame, TextFrame } from '../../layout/model.js';
import { EMU_PER_INCH as EMU, escapeXml } from '../ooxml/xml.js';
import { tableOptions, tableRows, textFrameOptions } from './frames.js';
import type { TableCell, TableRow, TextProps, TextPropsOptions } from './pptxgen.js';
import { paragraphsToTextProps, type TextStyle } from './text.js';

/** EMU per point (pptxgenjs ONEPT). */
const ONEPT = EMU / 72;
const HEX_COLOR = /^[0-9a-fA-F]{6}$/;
const DEF_BULLET_MARGIN = 27;
const DEF_CELL_MARGIN_IN = [0.05, 0.1, 0.05, 0.1];
const DEF_FONT_SIZE = 12;
const DEF_CELL_BORDER = { type: 'solid', color: '666666', pt: 1 } as const;

/** pptxgenjs inch2Emu: a number over 100 is taken to be EMU already. */
const inch2Emu = (inches: number): number => (inches > 100 ? inches : Math.round(EMU * inches));
/** pptxgenjs valToPts. */
const valToPts = (pt: unknown): number => {
  const points = Number(pt) || 0;
  return isNaN(points) ? 0 : Math.round(points * ONEPT);
};
/** pptxgenjs getSmartParseNumber, for numbers: under 100 inches, else EMU. */
const smartParse = (size: number): number => (size < 100 ? inch2Emu(size) : size);

/** pptxgenjs createColorElement, for the six-digit colours `ownFrames` admits. */
const colorElement = (color: string): string => `<a:srgbClr val="${color.replace('#', '').toUpperCase()}"/>`;
const solidFill = (color: string): string => `<a:solidFill>${colorElement(color)}</a:solidFill>`;

type Options = TextPropsOptions & { softBreakBefore?: boolean; breakLine?: boolean };

/** The frames of a slide written here (all but a leading title), or undefined when pptxgenjs must write the slide. */
export function ownFrames(slide: LaidSlide, style: TextStyle): { title?: TextFrame; frames: Frame[] } | undefined {
  const colors = style.brand.colors;
  if (![colors.primary, colors.accent, colors.text, colors.muted, colors.background, colors.panel].every((c) => HEX_COLOR.test(c.replace('#', '')))) return undefined;
  const [first, ...rest] = slide.frames;
  const title = first?.kind === 'text' && first.role === 'title' ? first : undefined;
  const frames = title ? rest : slide.frames;
  for (const frame of frames) {
    if (frame.kind === 'text') {
      if (frame.role === 'title' || frame.paragraphs.length === 0 || !frame.paragraphs.every((p) => plainRuns(p.runs) && sized(p.fontSize))) return undefined;
    } else if (frame.kind === 'table') {
      const columns = frame.table.header.length;
      if (columns === 0 || frame.columnWidths.length !== columns || !sized(frame.fontSize)) return undefined;
      if (![frame.table.header, ...frame.table.rows].every((row) => row.every(plainRuns))) return undefined;
    } else return undefined;
  }
  return { title, frames };
}

/** A type size this XML writes as pptxgenjs does: pptxgenjs replaces a size of 0 by another, in places this does not follow. */
const sized = (points: number): boolean => Number.isFinite(points) && points > 0;

/** No links (they need relationships of the slide) and no line ends inside a run (pptxgenjs splits those). */
function plainRuns(runs: readonly Run[]): boolean {
  return runs.every((run) => isBreak(run) || (!run.href && !/[\r\n]/.test(run.text)));
}

/**
 * The XML of `frames`, which sit at `first`, `first + 1`, … among the slide's frames (pptxgenjs
 * numbers a text box by its place on the slide), on slide `slideNumber`.
 */
export function framesXml(frames: readonly Frame[], first: number, slideNumber: number, style: TextStyle): string {
  let xml = '';
  let tables = 0;
  frames.forEach((frame, i) => {
    if (frame.kind === 'text') xml += textFrameXml(frame, first + i, style);
    else if (frame.kind === 'table') xml += tableXml(frame, ++tables, slideNumber, style);
  });
  return xml;
}

/** pptxgenjs slideObjectToXml, case text (neither placeholder nor line, no rotation or shadow). */
function textFrameXml(frame: TextFrame, index: number, style: TextStyle): string {
  const options = textFrameOptions(frame, style, index);
  const margin = options.margin as number[];
  const valign = String(options.valign ?? '').toLowerCase();
  const anchor = valign.indexOf('b') === 0 ? 'b' : valign.indexOf('m') === 0 ? 'ctr' : valign.indexOf('t') === 0 ? 't' : 'ctr';
  const fill = (options.fill as { color?: string } | undefined)?.color;
  const bodyPr = `<a:bodyPr wrap="square" lIns="${valToPts(margin[0])}" tIns="${valToPts(margin[3])}" rIns="${valToPts(margin[1])}" bIns="${valToPts(margin[2])}" rtlCol="0" anchor="${anchor}"></a:bodyPr>`;
  return (
    `<p:sp><p:nvSpPr><p:cNvPr id="${index + 2}" name="${escapeXml(String(options.objectName))}"></p:cNvPr><p:cNvSpPr/><p:nvPr></p:nvPr></p:nvSpPr><p:spPr>` +
    `<a:xfrm><a:off x="${smartParse(Number(options.x))}" y="${smartParse(Number(options.y))}"/><a:ext cx="${smartParse(Number(options.w))}" cy="${smartParse(Number(options.h))}"/></a:xfrm>` +
    `<a:prstGeom prst="rect"><a:avLst></a:avLst></a:prstGeom>${fill ? solidFill(fill) : '<a:noFill/>'}<a:ln></a:ln></p:spPr>` +
    `<p:txBody>${bodyPr}<a:lstStyle/>${paragraphsXml(paragraphsToTextProps(frame.paragraphs, style), { lang: options.lang })}</p:txBody></p:sp>`
  );
}

/** What a text body's paragraphs read of the box or cell they are in (mutable: see `paragraphsXml`). */
interface BodyOptions {
  lang?: string;
  fontSize?: number;
  /** Table cells only: the font of the end-of-paragraph mark. */
  fontFace?: string;
  align?: string;
}

/**
 * pptxgenjs genXmlTextBody, steps 4–6: the runs grouped into paragraphs (a new one after a run
 * with `breakLine`, or where the alignment changes), each paragraph's properties from its first
 * run, and an end-of-paragraph mark. `box.fontSize` is set by the first run that has a size and
 * then holds for every paragraph of the body, as in pptxgenjs.
 */
function paragraphsXml(items: readonly TextProps[], box: BodyOptions, cell = false): string {
  const runs = items.map((item) => ({ text: item.text ?? '', options: { ...item.options } as Options }));
  const lines: (typeof runs)[] = [];
  let line: typeof runs = [];
  runs.forEach((run, i) => {
    if (line.length > 0 && (run.options.align || box.align)) {
      if (run.options.align !== runs[i - 1]!.options.align) {
        lines.push(line);
        line = [];
      }
    } else if (line.length > 0 && run.options.bullet) {
      lines.push(line);
      line = [];
      run.options.breakLine = false;
    }
    line.push(run);
    if (run.options.breakLine && i + 1 < runs.length) {
      lines.push(line);
      line = [];
    }
    if (i + 1 === runs.length) lines.push(line);
  });
  let xml = '';
  for (const paragraph of lines) {
    xml += '<a:p>';
    let closingSize = false;
    paragraph.forEach((run, i) => {
      if (i > 0 && run.options.softBreakBefore) xml += '<a:br/>';
      if (i === 0) xml += paragraphProperties(run.options.align ? run.options : { ...run.options, align: box.align as Options['align'] });
      if (run.text) xml += `<a:r>${runProperties(run.options)}<a:t>${escapeXml(run.text)}</a:t></a:r>`;
      if ((!run.text && box.fontSize) || run.options.fontSize) {
        closingSize = true;
        box.fontSize = box.fontSize || run.options.fontSize;
      }
    });
    const lang = box.lang || 'en-US';
    const size = box.fontSize ? ` sz="${Math.round(box.fontSize * 100)}"` : '';
    if (cell && (box.fontSize || box.fontFace)) {
      xml += box.fontFace
        ? `<a:endParaRPr lang="${lang}"${size} dirty="0"><a:latin typeface="${box.fontFace}" charset="0"/><a:ea typeface="${box.fontFace}" charset="0"/><a:cs typeface="${box.fontFace}" charset="0"/></a:endParaRPr>`
        : `<a:endParaRPr lang="${lang}"${size} dirty="0"/>`;
    } else if (!cell && closingSize) xml += `<a:endParaRPr lang="${lang}"${size} dirty="0"/>`;
    else xml += `<a:endParaRPr lang="${lang}" dirty="0"/>`;
    xml += '</a:p>';
  }
  return xml.includes('<a:p>') ? xml : `${xml}<a:p><a:endParaRPr/></a:p>`;
}

const ALIGN: Record<string, string> = { left: ' algn="l"', right: ' algn="r"', center: ' algn="ctr"', justify: ' algn="just"' };

/** pptxgenjs genXmlParagraphProperties (not as a list style's default). */
function paragraphProperties(o: Options): string {
  let xml = '<a:pPr' + (o.align ? ALIGN[o.align] ?? '' : '');
  let spacing = '';
  if (o.lineSpacing) spacing = `<a:lnSpc><a:spcPts val="${Math.round(o.lineSpacing * 100)}"/></a:lnSpc>`;
  else if (o.lineSpacingMultiple) spacing = `<a:lnSpc><a:spcPct val="${Math.round(o.lineSpacingMultiple * 100000)}"/></a:lnSpc>`;
  const level = o.indentLevel && !isNaN(Number(o.indentLevel)) && o.indentLevel > 0 ? o.indentLevel : 0;
  if (level) xml += ` lvl="${level}"`;
  let before = '';
  if (o.paraSpaceBefore && !isNaN(Number(o.paraSpaceBefore)) && o.paraSpaceBefore > 0) before += `<a:spcBef><a:spcPts val="${Math.round(o.paraSpaceBefore * 100)}"/></a:spcBef>`;
  if (o.paraSpaceAfter && !isNaN(Number(o.paraSpaceAfter)) && o.paraSpaceAfter > 0) before += `<a:spcAft><a:spcPts val="${Math.round(o.paraSpaceAfter * 100)}"/></a:spcAft>`;
  let bullet = '';
  const marL = (indent: number): string => ` marL="${level ? indent + indent * level : indent}" indent="-${indent}"`;
  if (typeof o.bullet === 'object' && o.bullet) {
    const b = o.bullet as { indent?: number; type?: string; numberStartAt?: number; startAt?: number; style?: string };
    const indent = b.indent ? valToPts(b.indent) : valToPts(DEF_BULLET_MARGIN);
    if (b.type) {
      if (b.type.toString().toLowerCase() === 'number') {
        xml += marL(indent);
        bullet = `<a:buSzPct val="100000"/><a:buFont typeface="+mj-lt"/><a:buAutoNum type="${b.style || 'arabicPeriod'}" startAt="${b.numberStartAt || b.startAt || '1'}"/>`;
      }
    } else {
      xml += marL(indent);
      bullet = '<a:buSzPct val="100000"/><a:buChar char="&#x2022;"/>';
    }
  } else if (o.bullet) {
    xml += marL(valToPts(DEF_BULLET_MARGIN));
    bullet = '<a:buSzPct val="100000"/><a:buChar char="&#x2022;"/>';
  } else {
    xml += ' indent="0" marL="0"';
    bullet = '<a:buNone/>';
  }
  return `${xml}>${spacing}${before}${bullet}</a:pPr>`;
}

/** pptxgenjs genXmlTextRunProperties, for the options our runs carry (no links: `ownFrames`). */
function runProperties(o: Options): string {
  let xml = `<a:rPr lang="${o.lang ? o.lang : 'en-US'}"${o.lang ? ' altLang="en-US"' : ''}`;
  if (o.fontSize) xml += ` sz="${Math.round(o.fontSize * 100)}"`;
  if (o.bold) xml += ' b="1"';
  if (o.italic) xml += ' i="1"';
  xml += ' dirty="0">';
  if (o.color) xml += solidFill(String(o.color));
  if (o.fontFace) xml += `<a:latin typeface="${o.fontFace}" pitchFamily="34" charset="0"/><a:ea typeface="${o.fontFace}" pitchFamily="34" charset="-122"/><a:cs typeface="${o.fontFace}" pitchFamily="34" charset="-120"/>`;
  return `${xml}</a:rPr>`;
}

/** pptxgenjs addTableDefinition (steps 2–4) and slideObjectToXml, case table, for our tables (no spans). */
function tableXml(frame: TableFrame, tableNumber: number, slideNumber: number, style: TextStyle): string {
  const rows: TableRow[] = tableRows(frame, style);
  const opt = tableOptions(frame, style);
  const columns = rows[0]!.length;
  const border = opt.border as { type?: string; pt?: number; color?: string };
  const side = { type: border.type || DEF_CELL_BORDER.type, color: border.color || DEF_CELL_BORDER.color, pt: typeof border.pt === 'number' ? border.pt : DEF_CELL_BORDER.pt };
  const fontSize = opt.fontSize || DEF_FONT_SIZE;
  const place = (v: number | undefined): number => {
    let emu = smartParse(Number(v || (v === 0 ? 0 : EMU / 2)));
    if (emu && emu < 20) emu = inch2Emu(emu);
    return smartParse(emu);
  };
  const x = place(opt.x as number);
  const y = place(opt.y as number);
  let w = opt.w as number;
  if (w && w < 20) w = inch2Emu(w);
  const cx = smartParse(w);
  const colW = opt.colW as number[];
  const rowH = opt.rowH as number | number[];
  let xml = `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="${tableNumber * slideNumber + 1}" name="Table ${tableNumber - 1}"/>`;
  xml +=
    '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr>' +
    '  <p:nvPr><p:extLst><p:ext uri="{D42A27DB-BD31-4B8C-83A1-F6EECF244321}"><p14:modId xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main" val="1579011935"/></p:ext></p:extLst></p:nvPr>' +
    '</p:nvGraphicFramePr>';
  xml += `<p:xfrm><a:off x="${x || (x === 0 ? 0 : EMU)}" y="${y || (y === 0 ? 0 : EMU)}"/><a:ext cx="${cx || (cx === 0 ? 0 : EMU)}" cy="${EMU}"/></p:xfrm>`;
  xml += '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr/><a:tblGrid>';
  for (let col = 0; col < columns; col++) {
    let width = inch2Emu(colW[col]!);
    if (width == null || isNaN(width)) width = (typeof w === 'number' ? w : 1) / columns;
    xml += `<a:gridCol w="${Math.round(width)}"/>`;
  }
  xml += '</a:tblGrid>';
  rows.forEach((cells, r) => {
    let height = 0;
    if (Array.isArray(rowH) && rowH[r]) height = inch2Emu(Number(rowH[r]));
    else if (rowH && !isNaN(Number(rowH))) height = inch2Emu(Number(rowH));
    xml += `<a:tr h="${height}">`;
    for (const cell of cells as TableCell[]) xml += cellXml(cell, side, fontSize, String(opt.fontFace ?? ''));
    xml += '</a:tr>';
  });
  return `${xml}      </a:tbl>    </a:graphicData>  </a:graphic></p:graphicFrame>`;
}

/** One table cell: its text body, insets, anchor, four borders and fill. */
function cellXml(cell: TableCell, side: { type: string; color: string; pt: number }, fontSize: number, fontFace: string): string {
  const o = cell.options as TextPropsOptions & { margin?: number[]; valign?: string; fill?: { color?: string } };
  const anchor = o.valign
    ? ` anchor="${o.valign.replace(/^c$/i, 'ctr').replace(/^m$/i, 'ctr').replace('center', 'ctr').replace('middle', 'ctr').replace('top', 't').replace('btm', 'b').replace('bottom', 'b')}"`
    : '';
  const m = o.margin ?? DEF_CELL_MARGIN_IN;
  const margin = m[0]! >= 1
    ? ` marL="${valToPts(m[3])}" marR="${valToPts(m[1])}" marT="${valToPts(m[0])}" marB="${valToPts(m[2])}"`
    : ` marL="${inch2Emu(m[3]!)}" marR="${inch2Emu(m[1]!)}" marT="${inch2Emu(m[0]!)}" marB="${inch2Emu(m[2]!)}"`;
  const body: BodyOptions = { lang: o.lang, fontSize: o.fontSize || fontSize, fontFace: o.fontFace || fontFace || undefined, align: o.align };
  let xml = `<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>${paragraphsXml(cell.text as TextProps[], body, true)}</a:txBody><a:tcPr${margin}${anchor}>`;
  for (const name of ['lnL', 'lnR', 'lnT', 'lnB']) {
    xml +=
      side.type !== 'none'
        ? `<a:${name} w="${valToPts(side.pt)}" cap="flat" cmpd="sng" algn="ctr">${solidFill(side.color)}<a:prstDash val="${side.type === 'dash' ? 'sysDash' : 'solid'}"/><a:round/><a:headEnd type="none" w="med" len="med"/><a:tailEnd type="none" w="med" len="med"/></a:${name}>`
        : `<a:${name} w="0" cap="flat" cmpd="sng" algn="ctr"><a:noFill/></a:${name}>`;
  }
  if (o.fill?.color) xml += solidFill(o.fill.color);
  return `${xml}  </a:tcPr> </a:tc>`;
}
