/**
 * The running header (logo, the council's name, a rule in the accent colour) and the footer
 * (document title, «Стр. N из M» as PAGE / NUMPAGES fields, so Word and LibreOffice fill them in).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { BorderStyle, Footer, Header, ImageRun, NoBreakHyphen, PageNumber, Paragraph, SoftHyphen, Tab, TabStopType, TextRun } from 'docx';
import type { Brand } from '../../templates/brand-model.js';
import { stripInvalidXmlChars } from '../ooxml/xml.js';
import { STYLE } from './styles.js';

/** Text as docx children, as wordml.ts's runText writes it: soft and non-breaking hyphens and tabs as elements. */
function textChildren(text: string): (string | SoftHyphen | NoBreakHyphen | Tab)[] {
  return stripInvalidXmlChars(text)
    .split(/([\u00AD\u2011\t])/)
    .filter((piece) => piece !== '')
    .map((piece) => (piece === '\u00AD' ? new SoftHyphen() : piece === '\u2011' ? new NoBreakHyphen() : piece === '\t' ? new Tab() : piece));
}

export interface DocxLabels {
  /** Word before the page number: «Стр.» / "Page". */
  page: string;
  /** Word between the page number and the page count: «из» / "of". */
  of: string;
}

export const DEFAULT_LABELS: DocxLabels = { page: 'Стр.', of: 'из' };

/** Height of the logo in the header, in millimetres. */
const LOGO_HEIGHT_MM = 9;
const PX_PER_MM = 96 / 25.4;

interface Png {
  data: Buffer;
  width: number;
  height: number;
}

/** PNG size from its IHDR chunk; undefined for anything that is not a PNG (the logo is then left out). */
function readPng(path: string): Png | undefined {
  if (!path || !existsSync(path)) return undefined;
  const data = readFileSync(path);
  const signature = '89504e470d0a1a0a';
  if (data.length < 24 || data.subarray(0, 8).toString('hex') !== signature) return undefined;
  return { data, width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

function logoRun(brand: Brand, drawingId: number): ImageRun | null {
  const logo = readPng(brand.logo);
  if (!logo) return null;
  return new ImageRun({
    type: 'png',
    data: logo.data,
    transformation: {
      width: Math.round((LOGO_HEIGHT_MM * PX_PER_MM * logo.width) / logo.height),
      height: Math.round(LOGO_HEIGHT_MM * PX_PER_MM),
    },
    altText: { id: String(drawingId), name: basename(brand.logo), title: brand.runningHeader, description: brand.runningHeader },
  });
}

export function runningHeader(brand: Brand, textWidthTwips: number, drawingId: number): Header {
  // The logo is optional here: a brand whose logo is not drawn yet still gets its header text.
  const logo = logoRun(brand, drawingId);
  const logoChildren = logo ? [logo] : [];
  return new Header({
    children: [
      new Paragraph({
        style: STYLE.header,
        tabStops: [{ type: TabStopType.RIGHT, position: textWidthTwips }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: brand.colors.accent, space: 4 } },
        children: [...logoChildren, new TextRun({ children: [new Tab(), ...textChildren(brand.runningHeader)], bold: true, color: brand.colors.primary })],
      }),
    ],
  });
}

export function pageFooter(title: string, textWidthTwips: number, labels: DocxLabels): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        tabStops: [{ type: TabStopType.RIGHT, position: textWidthTwips }],
        children: [
          new TextRun({ children: textChildren(title) }),
          // No-break spaces keep «Стр. 1 из 2» on one line, as the typograph would.
          new TextRun({ children: [new Tab(), `${labels.page}\u00a0`, PageNumber.CURRENT, `\u00a0${labels.of}\u00a0`, PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}
