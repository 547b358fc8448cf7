/**
 * One laid-out frame → one pptxgenjs object on a slide. The layout stage already measured and
 * placed everything; here we only translate, writing the same text and cell insets the layout
 * measured against (TEXT_INSET, TABLE_CELL_INSET), so PowerPoint wraps where the layout did.
 */
import type { ChartFrame, Frame, ImageFrame, TableFrame, TextFrame } from '../../layout/model.js';
import { TABLE_CELL_INSET, TEXT_INSET_PT } from '../../layout/slide-geometry.js';
import { stripInvalidXmlChars as clean } from '../ooxml/xml.js';
import { containBox, TITLE_PLACEHOLDER } from './masters.js';
import type { PptxSlide, TableCell, TableProps, TableRow, TextPropsOptions } from './pptxgen.js';
import { paragraphsToTextProps, runsToTextProps, type TextStyle } from './text.js';

const POINTS_PER_INCH = 72;

/**
 * pptxgenjs table-cell margins: [top, right, bottom, left]; read as points when the first is
 * at least 1, else as inches. TABLE_CELL_INSET.top (0.04 in) is 2.88 pt, so points it is.
 */
const CELL_MARGIN_PT: [number, number, number, number] = [
  TABLE_CELL_INSET.top * POINTS_PER_INCH,
  TABLE_CELL_INSET.right * POINTS_PER_INCH,
  TABLE_CELL_INSET.bottom * POINTS_PER_INCH,
  TABLE_CELL_INSET.left * POINTS_PER_INCH,
];

const ROLE_NAMES: Record<TextFrame['role'], string> = {
  title: 'Title',
  subtitle: 'Subtitle',
  body: 'Body',
  facts: 'Facts',
  caption: 'Caption',
  statement: 'Statement',
};

function addTextFrame(slide: PptxSlide, frame: TextFrame, style: TextStyle, index: number): void {
  slide.addText(paragraphsToTextProps(frame.paragraphs, style), textFrameOptions(frame, style, index));
}

/** The shape's options of a text frame, as pptxgenjs's addText takes them (slide-xml.ts reads the same). */
export function textFrameOptions(frame: TextFrame, style: TextStyle, index: number): TextPropsOptions {
  const { brand, lang } = style;
  const options: TextPropsOptions = {
    x: frame.box.x,
    y: frame.box.y,
    w: frame.box.w,
    h: frame.box.h,
    margin: [...TEXT_INSET_PT],
    valign: frame.valign,
    fontFace: brand.fonts.family,
    lang,
    objectName: `${ROLE_NAMES[frame.role]} ${index + 1}`,
  };
  if (frame.fill === 'panel') options.fill = { color: brand.colors.panel };
  // Titles go into the layout's title placeholder so PowerPoint's outline view lists them.
  if (frame.role === 'title') options.placeholder = TITLE_PLACEHOLDER;
  return options;
}

function addImageFrame(slide: PptxSlide, frame: ImageFrame): void {
  const { image } = frame;
  const box = containBox(frame.box, image.widthPx, image.heightPx);
  slide.addImage({
    data: `image/${image.format};base64,${image.data.toString('base64')}`,
    x: box.x,
    y: box.y,
    w: box.w,
    h: box.h,
    altText: clean(image.alt),
  });
}

/** Up to a dozen categories read best as columns; longer series (many years) as a line. */
const MAX_BAR_CATEGORIES = 12;

function addChartFrame(slide: PptxSlide, frame: ChartFrame, style: TextStyle, chartTypes: ChartTypes): void {
  const { brand } = style;
  const { chart } = frame;
  const c = brand.colors;
  const palette = [c.primary, c.accent, c.muted, c.text];
  // pptxgenjs picks a *random* palette colour for series beyond the palette: give one per series.
  const chartColors = chart.series.map((_s, i) => palette[i % palette.length]!);
  const integers = chart.series.every((s) => s.values.every((v) => Number.isInteger(v)));
  const line = chart.labels.length > MAX_BAR_CATEGORIES;
  const font = brand.fonts.family;
  const size = Math.max(brand.slide.minBodySize - 2, 12);
  // Category labels that would run into each other are turned 45° (PT Sans figures are about
  // 0.55 em wide, the value axis takes about 3 em). c:tickLblSkip would be neater, but LibreOffice
  // ignores it and draws the years into one another.
  const plotW = frame.box.w * 72 - size * 3;
  const widest = Math.max(0, ...chart.labels.map((l) => clean(l).length * 0.55 * size));
  const labelEvery = Math.max(1, Math.ceil((widest + size) / (plotW / Math.max(1, chart.labels.length))));
  slide.addChart(
    line ? chartTypes.line : chartTypes.bar,
    chart.series.map((s) => ({ name: clean(s.name), labels: chart.labels.map(clean), values: s.values })),
    {
      x: frame.box.x,
      y: frame.box.y,
      w: frame.box.w,
      h: frame.box.h,
      barDir: 'col',
      chartColors,
      showTitle: chart.title !== '',
      title: clean(chart.title),
      titleFontFace: font,
      titleFontSize: brand.slide.minBodySize,
      titleColor: c.primary,
      showLegend: chart.series.length > 1,
      legendPos: 'b',
      legendFontFace: font,
      legendFontSize: size,
      catAxisLabelFontFace: font,
      catAxisLabelFontSize: size,
      catAxisLabelColor: c.text,
      ...(labelEvery > 1 ? { catAxisLabelRotate: -45 } : {}),
      valAxisLabelFontFace: font,
      valAxisLabelFontSize: size,
      valAxisLabelColor: c.muted,
      valAxisLabelFormatCode: integers ? '0' : '#,##0.0',
      showValue: !line && chart.series.length === 1,
      dataLabelFontFace: font,
      dataLabelFontSize: size,
      dataLabelColor: c.text,
      dataLabelFormatCode: integers ? '0' : '#,##0.0',
      dataLabelPosition: 'outEnd',
      lineSize: 3,
      lineDataSymbolSize: 8,
      altText: clean(chart.title),
    },
  );
}

function addTableFrame(slide: PptxSlide, frame: TableFrame, style: TextStyle): void {
  slide.addTable(tableRows(frame, style), tableOptions(frame, style));
}

/** A table frame's rows, as pptxgenjs's addTable takes them (slide-xml.ts reads the same). */
export function tableRows(frame: TableFrame, style: TextStyle): TableRow[] {
  const { brand, lang } = style;
  const { table } = frame;
  const c = brand.colors;
  const align = (i: number): 'left' | 'center' | 'right' => table.align[i] ?? 'left';
  const cell = (runs: TableFrame['table']['header'][number], i: number, header: boolean, shade: boolean): TableCell => {
    const base: TextPropsOptions = {
      fontFace: brand.fonts.family,
      fontSize: frame.fontSize,
      color: header ? c.background : c.text,
      lang,
      align: align(i),
      ...(header ? { bold: true } : {}),
    };
    return {
      text: runsToTextProps(runs, base) as TableCell[],
      options: {
        fill: { color: header ? c.primary : shade ? c.panel : c.background },
        align: align(i),
        valign: 'middle',
        margin: CELL_MARGIN_PT,
        lang, // pptxgenjs takes the cell's end-of-paragraph language from here
      },
    };
  };
  return [
    table.header.map((runs, i) => cell(runs, i, true, false)),
    ...table.rows.map((row, r) => row.map((runs, i) => cell(runs, i, false, r % 2 === 1))),
  ];
}

/** A table frame's options, as pptxgenjs's addTable takes them. */
export function tableOptions(frame: TableFrame, style: TextStyle): TableProps {
  const { brand } = style;
  const c = brand.colors;
  const rows = 1 + frame.table.rows.length;
  return {
    x: frame.box.x,
    y: frame.box.y,
    w: frame.box.w,
    colW: frame.columnWidths,
    rowH: frame.rowHeights && frame.rowHeights.length === rows ? frame.rowHeights : frame.rowHeight,
    fontFace: brand.fonts.family,
    fontSize: frame.fontSize,
    border: { type: 'solid', pt: 0.75, color: c.muted },
    margin: CELL_MARGIN_PT,
    autoPage: false,
  };
}

/** pptxgenjs's chart-type enum lives on the instance; passed in so this module needs no instance. */
export interface ChartTypes {
  bar: Parameters<PptxSlide['addChart']>[0];
  line: Parameters<PptxSlide['addChart']>[0];
}

export function addFrame(slide: PptxSlide, frame: Frame, style: TextStyle, index: number, chartTypes: ChartTypes): void {
  switch (frame.kind) {
    case 'text':
      return addTextFrame(slide, frame, style, index);
    case 'image':
      return addImageFrame(slide, frame);
    case 'chart':
      return addChartFrame(slide, frame, style, chartTypes);
    case 'table':
      return addTableFrame(slide, frame, style);
  }
}

interface ChartRel {
  globalId: number;
  fileName: string;
  Target: string;
}

/**
 * pptxgenjs numbers charts (and their workbooks) from a module-level counter shared by every
 * presentation built in the process, so the same deck would get `chart1.xml` in one build and
 * `chart7.xml` in a watch rebuild. Renumber each deck's charts from 1, in slide order.
 */
export function renumberCharts(slide: PptxSlide, nextId: () => number): void {
  const rels = (slide as unknown as { _relsChart?: ChartRel[] })._relsChart;
  for (const rel of rels ?? []) {
    const id = nextId();
    rel.globalId = id;
    rel.fileName = `chart${id}.xml`;
    rel.Target = `/ppt/charts/chart${id}.xml`;
  }
}
