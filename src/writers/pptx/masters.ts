/**
 * The brand's slide masters. pptxgenjs writes each `defineSlideMaster` as a slide layout under
 * one master, so everything that repeats (header band, running header, slide number, logo)
 * lives on the layout and never on a slide: edit it once in PowerPoint's master view.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { SlideLayoutName } from '../../document/model.js';
import type { Box } from '../../layout/model.js';
import { CHROME, slideGeometry, TEXT_INSET_PT } from '../../layout/slide-geometry.js';
import type { Brand } from '../../templates/brand-model.js';
import type { Pptx, SlideMasterProps } from './pptxgen.js';

export const LAYOUT_NAMES: readonly SlideLayoutName[] = ['title', 'statement', 'list', 'partnership', 'section'];

/** Name of the title placeholder on every layout; slides target it with `placeholder`. */
export const TITLE_PLACEHOLDER = 'title';

/**
 * pptxgenjs's own `slideNumber` master option also pastes a slide-number placeholder onto every
 * slide. Instead the layout gets an ordinary text box holding this marker, which the
 * post-processor turns into a `slidenum` field: a field in a layout shape shows each slide's
 * own number, in PowerPoint and LibreOffice alike.
 */
export const SLIDE_NUMBER_MARKER = 'CP_SLIDE_NUMBER_FIELD';

type MasterObject = NonNullable<SlideMasterProps['objects']>[number];

function boxOf(b: Box): { x: number; y: number; w: number; h: number } {
  return { x: b.x, y: b.y, w: b.w, h: b.h };
}

/** Pixel size from a PNG's IHDR chunk, or undefined for anything else. */
function pngSize(data: Buffer): { w: number; h: number } | undefined {
  if (data.length < 24 || data.readUInt32BE(0) !== 0x89504e47) return undefined;
  return { w: data.readUInt32BE(16), h: data.readUInt32BE(20) };
}

/** Largest box of the image's aspect ratio inside `box`, centred. */
export function containBox(box: Box, wPx: number, hPx: number): Box {
  if (!(wPx > 0 && hPx > 0)) return box;
  const scale = Math.min(box.w / wPx, box.h / hPx);
  const w = wPx * scale;
  const h = hPx * scale;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

function logoObject(brand: Brand, box: Box): MasterObject | undefined {
  // The logo is drawn by the project; a brand whose logo is not there yet still builds.
  if (!brand.logo || !existsSync(brand.logo)) return undefined;
  const data = readFileSync(brand.logo);
  const size = pngSize(data);
  if (!size) return undefined;
  return {
    image: {
      ...boxOf(containBox(box, size.w, size.h)),
      data: `image/png;base64,${data.toString('base64')}`,
      altText: brand.runningHeader,
    },
  };
}

function headerObjects(brand: Brand, lang: string): MasterObject[] {
  const g = slideGeometry(brand);
  const fill = (color: string) => ({ fill: { color }, line: { type: 'none' as const } });
  return [
    { rect: { ...boxOf(g.header), ...fill(brand.colors.primary) } },
    { rect: { ...boxOf(g.headerRule), ...fill(brand.colors.accent) } },
    {
      text: {
        text: brand.runningHeader,
        options: {
          ...boxOf(g.headerText),
          margin: [...TEXT_INSET_PT], // text lines up with the titles and body text below
          valign: 'middle',
          fontFace: brand.fonts.family,
          fontSize: brand.slide.headerSize,
          bold: CHROME.headerBold,
          color: brand.colors.background,
          lang,
          objectName: 'Running header',
        },
      },
    },
    {
      text: {
        text: SLIDE_NUMBER_MARKER,
        options: {
          ...boxOf(g.number),
          margin: [...TEXT_INSET_PT], // text lines up with the titles and body text below
          align: 'right',
          valign: 'middle',
          fontFace: brand.fonts.family,
          fontSize: brand.slide.headerSize,
          bold: CHROME.numberBold,
          color: brand.colors.muted,
          lang,
          objectName: 'Slide number',
        },
      },
    },
  ];
}

function titlePlaceholder(brand: Brand, box: Box, lang: string): MasterObject {
  return {
    placeholder: {
      options: {
        name: TITLE_PLACEHOLDER,
        type: 'title',
        ...boxOf(box),
        margin: [...TEXT_INSET_PT],
        valign: 'middle',
        fontFace: brand.fonts.family,
        fontSize: brand.slide.titleSize,
        color: brand.colors.primary,
        bold: true,
        lang,
      },
      text: '',
    },
  };
}

export function masterProps(name: SlideLayoutName, brand: Brand, lang: string): SlideMasterProps {
  const g = slideGeometry(brand);
  const objects: MasterObject[] = [];
  if (name === 'title') {
    const logo = logoObject(brand, g.cover.logo);
    if (logo) objects.push(logo);
    // A bar down the left edge keeps the cover in the brand without a header band.
    objects.push({ rect: { ...boxOf(g.cover.bar), fill: { color: brand.colors.primary }, line: { type: 'none' } } });
    objects.push(titlePlaceholder(brand, g.cover.name, lang));
  } else {
    objects.push(...headerObjects(brand, lang));
    objects.push(titlePlaceholder(brand, g.title, lang));
  }
  return { title: name, background: { color: brand.colors.background }, objects };
}

export function defineMasters(pptx: Pptx, brand: Brand, lang: string): void {
  for (const name of LAYOUT_NAMES) pptx.defineSlideMaster(masterProps(name, brand, lang));
}
