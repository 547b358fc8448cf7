/**
 * A table on a slide: the layout gave the column widths, the row height and the font size; cell
 * text is wrapped within its column (the layout measured the rows to fit).
 */
import type { TableFrame } from '../../layout/model.js';
import type { Brand } from '../../templates/brand-model.js';
import { INCH } from './document.js';
import type { Tagger } from './tags.js';
import { breakLines, drawLine, printColor } from './text.js';

export function drawDeckTable(doc: PDFKit.PDFDocument, tagger: Tagger, frame: TableFrame, brand: Brand): void {
  const { table, fontSize: size } = frame;
  const x0 = frame.box.x * INCH;
  let y = frame.box.y * INCH;
  const widths = frame.columnWidths.map((w) => w * INCH);
  const pad = size * 0.45;
  const lh = size * 1.2;
  const c = brand.colors;
  const rows = [table.header, ...table.rows];
  tagger.open('Table');
  rows.forEach((row, ri) => {
    const header = ri === 0;
    const cells = widths.map((w, ci) => breakLines(doc, row[ci] ?? [], { size, width: w - 2 * pad, bold: header }));
    const rowH = Math.max(frame.rowHeight * INCH, ...cells.map((lines) => lines.length * lh + 2 * pad));
    const total = widths.reduce((a, b) => a + b, 0);
    const top = y;
    tagger.artifact(() => {
      if (header) doc.rect(x0, top, total, rowH).fill(`#${c.primary}`);
      else if (ri % 2 === 0) doc.rect(x0, top, total, rowH).fill(`#${c.panel}`);
      doc.save().lineWidth(0.6).strokeColor(`#${c.muted}`).moveTo(x0, top + rowH).lineTo(x0 + total, top + rowH).stroke().restore();
    });
    tagger.open('TR');
    let x = x0;
    cells.forEach((lines, ci) => {
      const cellW = widths[ci]!;
      const cellX = x;
      const textTop = top + (rowH - lines.length * lh) / 2;
      tagger.leaf(header ? 'TH' : 'TD', () => {
        lines.forEach((line, li) => {
          drawLine(doc, line.pieces, line.width, {
            x: cellX + pad,
            baseline: textTop + li * lh + size * 0.95,
            size,
            color: header ? `#${c.background}` : printColor(c.text),
            width: cellW - 2 * pad,
            align: table.align[ci] ?? 'left',
          });
        });
      });
      x += cellW;
    });
    tagger.close();
    y += rowH;
  });
  tagger.close();
}
