/**
 * The brand as data: everything a writer needs to look like the council's deck.
 * Loaded from `templates/brand.yaml` (see `loadBrand`); writers read this and hold no colours,
 * fonts or sizes of their own.
 */

/** Colours are 6-digit hex without `#` (the form pptxgenjs and docx take). */
export interface BrandColors {
  /** Main brand colour: header bands, title text. */
  primary: string;
  /** Accent: rules, bullets, highlights. */
  accent: string;
  /** Body text. Pure black for print. */
  text: string;
  /** Secondary text: running header, captions, page numbers. */
  muted: string;
  /** Slide/page background. */
  background: string;
  /** Soft fill for panels (facts panel, pull quote). */
  panel: string;
}

export interface BrandFontFiles {
  regular: string;
  bold: string;
  italic: string;
  boldItalic: string;
}

export interface BrandFonts {
  /** Family name as the TTF's name table says it, written into PPTX/DOCX (e.g. `PT Sans`). */
  family: string;
  /** Absolute paths of the TTF files (resolved from `templates/` or from node_modules). */
  files: BrandFontFiles;
}

export interface BrandSlide {
  /** Inches. 13.333 × 7.5 is PowerPoint's widescreen 16:9. */
  width: number;
  height: number;
  /** Inches from each edge to the text area. */
  margin: number;
  /** Point sizes. */
  titleSize: number;
  bodySize: number;
  /** Text never shrinks below this (16 pt on the 13.333-in slide). */
  minBodySize: number;
  headerSize: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
}

export interface BrandPage {
  /** Millimetres. A4 = 210 × 297. */
  width: number;
  height: number;
  margins: { top: number; right: number; bottom: number; left: number };
  /** Point sizes. */
  bodySize: number;
  titleSize: number;
  heading1Size: number;
  heading2Size: number;
  smallSize: number;
  lineHeight: number;
}

export interface Brand {
  /** Absolute path of the brand file, for diagnostics and cache keys. */
  file: string;
  colors: BrandColors;
  fonts: BrandFonts;
  /** Absolute path of the logo PNG. */
  logo: string;
  /** Text of the running header on every slide after the title and on every page. */
  runningHeader: string;
  slide: BrandSlide;
  page: BrandPage;
}
