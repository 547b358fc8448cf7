/**
 * Word styles and numbering definitions built from the brand. Everything a brief looks like is
 * here, as real named styles (Title, Heading 1–3, Normal, List Paragraph, Quote, Caption, a table
 * style), so Word's navigation pane, a table of contents and "select all text with this style"
 * work, and a reader can restyle the document in Word without touching direct formatting.
 */
import {
  AlignmentType,
  BorderStyle,
  LevelFormat,
  LineRuleType,
  type ILevelsOptions,
  type INumberingOptions,
  type IStylesOptions,
} from 'docx';
import type { Brand } from '../../templates/brand-model.js';

/** Style ids used by the block converters (they must match the ids defined below). */
export const STYLE = {
  title: 'Title',
  heading: ['Heading1', 'Heading2', 'Heading3'] as const,
  quote: 'Quote',
  caption: 'Caption',
  header: 'Header',
  footer: 'Footer',
  tableText: 'TableText',
  code: 'CouncilCode',
  hyperlink: 'Hyperlink',
  table: 'CouncilTable',
  facts: 'CouncilFacts',
} as const;

export const NUMBERING = { bullet: 'cp-bullet', decimal: (start: number) => `cp-decimal-${start}` };

/** Half-points, the unit of w:sz. */
const hp = (pt: number): number => Math.round(pt * 2);
/** Twips (1/20 pt), the unit of spacing and indents. */
const tw = (pt: number): number => Math.round(pt * 20);
/**
 * Line pitch as a multiple of the font size, the way the brand means it (and the PDF writer sets
 * it). Word's "auto" rule would multiply the font's own line height instead (1.3 em for PT Sans),
 * which makes 1.35 look double-spaced. "At least" keeps pictures in a line from being clipped.
 */
const pitch = (sizePt: number, multiple: number): { line: number; lineRule: typeof LineRuleType.AT_LEAST } => ({
  line: Math.round(sizePt * multiple * 20),
  lineRule: LineRuleType.AT_LEAST,
});

export function fontSlots(brand: Brand): { ascii: string; hAnsi: string; cs: string; eastAsia: string } {
  const f = brand.fonts.family;
  return { ascii: f, hAnsi: f, cs: f, eastAsia: f };
}

export function docxStyles(brand: Brand, langTag: string): IStylesOptions {
  const { colors: c, page: p } = brand;
  const font = fontSlots(brand);
  const tableSize = Math.max(p.smallSize, p.bodySize - 1);
  return {
    default: {
      document: {
        run: {
          font,
          size: hp(p.bodySize),
          sizeComplexScript: hp(p.bodySize),
          color: c.text,
          language: { value: langTag, eastAsia: langTag, bidirectional: langTag },
        },
        paragraph: { spacing: { after: tw(6), ...pitch(p.bodySize, p.lineHeight) } },
      },
      title: {
        run: { font, size: hp(p.titleSize), bold: true, color: c.primary },
        paragraph: {
          spacing: { before: 0, after: tw(14), ...pitch(p.titleSize, 1.1) },
          border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: c.accent, space: 6 } },
          keepNext: true,
        },
      },
      heading1: {
        run: { font, size: hp(p.heading1Size), bold: true, color: c.primary },
        paragraph: { spacing: { before: tw(16), after: tw(6), ...pitch(p.heading1Size, 1.15) }, keepNext: true, keepLines: true, outlineLevel: 0 },
      },
      heading2: {
        run: { font, size: hp(p.heading2Size), bold: true, color: c.primary },
        paragraph: { spacing: { before: tw(12), after: tw(4), ...pitch(p.heading2Size, 1.15) }, keepNext: true, keepLines: true, outlineLevel: 1 },
      },
      heading3: {
        run: { font, size: hp(p.bodySize), bold: true, color: c.text },
        paragraph: { spacing: { before: tw(10), after: tw(3) }, keepNext: true, keepLines: true, outlineLevel: 2 },
      },
      listParagraph: { paragraph: { spacing: { after: tw(3) } } },
      caption: {
        run: { font, size: hp(p.smallSize), italics: false, color: c.muted },
        paragraph: { spacing: { before: tw(3), after: tw(10) } },
      },
      hyperlink: { run: { color: c.primary, underline: {} } },
    },
    paragraphStyles: [
      {
        id: STYLE.quote,
        name: 'Quote',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { italics: true, color: c.primary, size: hp(p.bodySize + 1) },
        paragraph: {
          indent: { left: tw(18), right: tw(18) },
          spacing: { before: tw(6), after: tw(8) },
          border: { left: { style: BorderStyle.SINGLE, size: 24, color: c.accent, space: 10 } },
        },
      },
      {
        id: STYLE.header,
        name: 'header',
        basedOn: 'Normal',
        run: { size: hp(p.smallSize), color: c.muted },
        paragraph: { spacing: { after: 0, ...pitch(p.smallSize, 1) } },
      },
      {
        id: STYLE.footer,
        name: 'footer',
        basedOn: 'Normal',
        run: { size: hp(p.smallSize), color: c.muted },
        paragraph: { spacing: { after: 0, ...pitch(p.smallSize, 1) } },
      },
      {
        id: STYLE.tableText,
        name: 'Table Text',
        basedOn: 'Normal',
        run: { size: hp(tableSize) },
        paragraph: { spacing: { before: tw(2), after: tw(2), ...pitch(tableSize, 1.15) } },
      },
    ],
    characterStyles: [
      {
        id: STYLE.code,
        name: 'Code',
        basedOn: 'DefaultParagraphFont',
        // The brand has one family; code is set apart by a panel shading rather than a monospace font
        // the brand does not ship (and a PC might not have).
        run: { shading: { fill: c.panel }, noProof: true },
      },
    ],
  };
}

/**
 * What docx cannot say through its options, added to word/styles.xml after packing: the table
 * styles (docx has no table-style API, and its `importedStyles` option replaces its default
 * styles rather than adding to them) and widow/orphan control for every paragraph.
 */
export function rewriteStylesXml(xml: string, brand: Brand): string {
  const tables = tableStyle(STYLE.table, 'Council Table', brand, true) + tableStyle(STYLE.facts, 'Council Facts', brand, false);
  return xml
    .replace(/<w:pPrDefault>\s*<w:pPr>/, (m) => `${m}<w:widowControl/>`)
    .replace(/<\/w:styles>\s*$/, `${tables}</w:styles>`);
}

/**
 * docx has no API for table styles, so the w:style is written as XML. A header row in the brand's
 * primary colour with white bold text (conditional `firstRow` formatting, which Word applies when
 * the table's tblLook has firstRow on), hairlines between rows in the panel colour.
 */
function tableStyle(id: string, name: string, brand: Brand, headerRow: boolean): string {
  const c = brand.colors;
  const rule = (side: string, colour: string, size = 4): string => `<w:${side} w:val="single" w:sz="${size}" w:space="0" w:color="${colour}"/>`;
  const firstRow = headerRow
    ? `<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>` +
      `<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${c.primary}"/></w:tcPr></w:tblStylePr>`
    : '';
  return (
    `<w:style w:type="table" w:customStyle="1" w:styleId="${id}">` +
    `<w:name w:val="${name}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>` +
    `<w:pPr><w:spacing w:before="40" w:after="40" w:line="264" w:lineRule="auto"/></w:pPr>` +
    `<w:tblPr><w:tblBorders>${rule('top', c.primary, 8)}${rule('bottom', c.primary, 8)}${rule('insideH', c.panel, 6)}</w:tblBorders>` +
    `<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
    firstRow +
    `</w:style>`
  );
}

const BULLETS = ['•', '–', '•', '–', '•', '–', '•', '–', '•'];

function levels(make: (level: number) => Pick<ILevelsOptions, 'format' | 'text'>, brand: Brand, start = 1): ILevelsOptions[] {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    // Only the outer level continues from the Markdown list's start number; nested lists start at 1.
    start: level === 0 ? start : 1,
    alignment: AlignmentType.LEFT,
    ...make(level),
    style: {
      paragraph: { indent: { left: tw(18 + level * 18), hanging: tw(14) } },
      run: { color: brand.colors.accent, bold: true },
    },
  }));
}

/** One bullet definition and one decimal definition per distinct start number used by the document. */
export function docxNumbering(brand: Brand, decimalStarts: Iterable<number>): INumberingOptions {
  const starts = [...new Set([1, ...decimalStarts])].sort((a, b) => a - b);
  return {
    config: [
      { reference: NUMBERING.bullet, levels: levels((l) => ({ format: LevelFormat.BULLET, text: BULLETS[l] }), brand) },
      ...starts.map((start) => ({
        reference: NUMBERING.decimal(start),
        levels: levels((l) => ({ format: LevelFormat.DECIMAL, text: `%${l + 1}.` }), brand, start),
      })),
    ],
  };
}
