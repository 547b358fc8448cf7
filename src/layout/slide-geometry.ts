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
  /** Title placeholder. */
  title: Box;
  /** The text area below the title. */
  body: Box;
  /** Slide number, bottom right. */
  number: Box;
  /** Title slide: the council's name block and the director block. */
  cover: { name: Box; person: Box; logo: Box };
}

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
    title: { x: m, y: titleY, w: w - 2 * m, h: titleH },
    body: { x: m, y: bodyY, w: w - 2 * m, h: bodyBottom - bodyY },
    number: { x: w - m - 1.2, y: h - numberH - 0.1, w: 1.2, h: numberH },
    cover: {
      logo: { x: m, y: 0.9, w: 1.6, h: 1.6 },
      name: { x: m, y: 2.7, w: w * 0.62, h: 2.6 },
      person: { x: m, y: h - 1.9, w: w * 0.62, h: 1.1 },
    },
  };
}
