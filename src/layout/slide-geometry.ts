/**
 * Where things sit on a slide, derived from the brand alone. Used both by the slide masters the
 * PPTX writer defines and by the layout stage, so a placeholder and the text measured for it
 * always have the same box.
 */
import type { Brand } from '../templates/brand-model.js';
import type { Box } from './model.js';

export interface SlideGeometry {
  slide: { w: number; h: number };
  /** Running header band at the top (every slide but the title slide). */
  header: Box;
  /** The accent rule under the header band. */
  headerRule: Box;
  /** The running header's text box inside the band (text inset as every frame, vertically centred). */
  headerText: Box;
  /** Title placeholder. */
  title: Box;
  /** The text area below the title. */
  body: Box;
  /** Slide number, bottom right. */
  number: Box;
  /** Title slide: the council's name block, the director block, the logo and the bar down the left edge. */
  cover: { name: Box; person: Box; logo: Box; bar: Box };
}

/**
 * The slide chrome (header band, rule, running header, slide number, cover bar) is drawn by two
 * writers: the PPTX slide masters and deck.pdf. Both take every box, weight and colour from here
 * so the two decks look the same.
 */
export const CHROME = {
  /** The running header is bold: white on the dark band must read from the back of the room. */
  headerBold: true,
  /** The slide number is quiet: regular weight in the muted colour. */
  numberBold: false,
} as const;

/**
 * Inner margins of every text frame, inches. The layout measures lines against `box.w - left - right`
 * and heights against `box.h - top - bottom`; the PPTX writer must write the same numbers (pptxgenjs:
 * `margin: [left, right, bottom, top]` in POINTS, see TEXT_INSET_PT) and the deck-PDF writer must
 * draw text at the same offsets. These equal the OOXML defaults (91440 and 45720 EMU), so a
 * renderer that ignores the attributes still agrees.
 */
export const TEXT_INSET = { left: 0.1, right: 0.1, top: 0.05, bottom: 0.05 } as const;

/** TEXT_INSET in points, in pptxgenjs' `margin` order: [left, right, bottom, top]. */
export const TEXT_INSET_PT: [number, number, number, number] = [
  TEXT_INSET.left * 72,
  TEXT_INSET.right * 72,
  TEXT_INSET.bottom * 72,
  TEXT_INSET.top * 72,
];

/** Inner margins of table cells, inches (pptxgenjs table `margin`, also in points: × 72). */
export const TABLE_CELL_INSET = { left: 0.08, right: 0.08, top: 0.04, bottom: 0.04 } as const;

/**
 * Lines are broken this much narrower than the frame's inner width: PowerPoint and LibreOffice
 * round glyph advances to device units and may apply kerning differently, and a line that fits
 * for us by a hair must not wrap for them (an extra line could push text out of the box).
 */
export const WIDTH_SAFETY = 0.97;

export function slideGeometry(brand: Brand): SlideGeometry {
  const { width: w, height: h, margin: m } = brand.slide;
  const headerH = 0.55;
  const titleY = headerH + 0.25;
  const titleH = 0.95;
  const numberH = 0.4;
  const bodyY = titleY + titleH + 0.15;
  const bodyBottom = h - numberH - 0.2;
  return {
    slide: { w, h },
    header: { x: 0, y: 0, w, h: headerH },
    headerRule: { x: 0, y: headerH, w, h: 0.05 },
    headerText: { x: m, y: 0, w: w - 2 * m, h: headerH },
    title: { x: m, y: titleY, w: w - 2 * m, h: titleH },
    body: { x: m, y: bodyY, w: w - 2 * m, h: bodyBottom - bodyY },
    number: { x: w - m - 1.2, y: h - numberH - 0.1, w: 1.2, h: numberH },
    cover: {
      logo: { x: m, y: 0.9, w: 1.6, h: 1.6 },
      name: { x: m, y: 2.65, w: w * 0.62, h: 2.85 },
      person: { x: m, y: h - 1.85, w: w * 0.62, h: 1.15 },
      bar: { x: 0, y: 0, w: 0.18, h },
    },
  };
}
