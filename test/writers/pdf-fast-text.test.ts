// drawText (src/writers/pdf/fast-text.ts) writes what pdfkit's own
// doc.text(text, x, y, { lineBreak: false, baseline: 'alphabetic' }) writes: the same PDF, byte for
// byte, and the document left in the same state (cursor, transformation matrix) for what follows.
// Kerned pairs, combining marks, tabs and runs of spaces, a flipped and scaled matrix, every face,
// and the text it leaves to pdfkit (a newline) are all drawn both ways.
import { describe, expect, it } from 'vitest';
import { createPdf, finishPdf, MM } from '../../src/writers/pdf/document.js';
import { drawText } from '../../src/writers/pdf/fast-text.js';
import { FONT_FACES, useFace } from '../../src/writers/pdf/fonts.js';
import { meta, testBrand } from './pdf-fixtures.js';

const LINES = [
  'Совет муниципальных образований Московской области',
  'AVAWAY To Ty Yo — «Кафе» ёлка, 1990–2001 гг.',
  // Combining acute accents (PT Sans sets them by their advance, with no offset).
  'Зе\u0301мля и́ вода\u0301',
  'tabs\tand  two spaces and a trailing space ',
  ' leading space',
  '',
  'Serpukhov–Richmond (Indiana), Chekhov–Saratoga Springs, Dubna–La Crosse',
];

type Draw = (doc: PDFKit.PDFDocument, text: string, x: number, y: number) => void;
const withPdfkit: Draw = (doc, text, x, y) => {
  doc.text(text, x, y, { lineBreak: false, baseline: 'alphabetic' });
};

interface State {
  x: number;
  y: number;
  ctm: number[];
}

async function draw(how: Draw): Promise<{ pdf: Buffer; states: State[] }> {
  const brand = await testBrand();
  const doc = createPdf({ width: 210 * MM, height: 297 * MM, meta, fonts: brand.fonts.files, commonGlyphs: true });
  doc.addPage();
  const states: State[] = [];
  const note = (): void => {
    const d = doc as unknown as { x: number; y: number; _ctm: number[] };
    states.push({ x: d.x, y: d.y, ctm: [...d._ctm] });
  };
  let y = 40;
  for (const face of FONT_FACES) {
    for (const [i, line] of LINES.entries()) {
      useFace(doc, face).fontSize(9 + i * 1.37).fillColor('#1f3864');
      how(doc, line, 30.123456789 + i, (y += 14.7));
      note();
    }
  }
  // Under a transformation of its own (a flipped, scaled and moved matrix), then after it.
  doc.save().transform(0.8, 0.1, -0.2, 1.1, 15.5, -7.25);
  useFace(doc, 'regular').fontSize(11);
  how(doc, LINES[1]!, 50, 600);
  note();
  doc.restore();
  how(doc, LINES[0]!, 50, 700);
  note();
  // A newline is left to pdfkit (which drops it), and then the text goes on as before.
  how(doc, 'one\ntwo', 50, 720);
  note();
  return { pdf: await finishPdf(doc), states };
}

describe('drawText', () => {
  it('writes the same PDF as pdfkit and leaves the document as pdfkit does', async () => {
    const ours = await draw(drawText);
    const theirs = await draw(withPdfkit);
    expect(ours.states).toEqual(theirs.states);
    expect(ours.pdf.equals(theirs.pdf)).toBe(true);
    expect(ours.pdf.length).toBeGreaterThan(10_000);
  });

  it('is not pdfkit drawing twice: a different text or place gives a different PDF', async () => {
    const shifted: Draw = (doc, text, x, y) => drawText(doc, text, x + 0.5, y);
    expect((await draw(shifted)).pdf.equals((await draw(withPdfkit)).pdf)).toBe(false);
  });
});
