/**
 * A table on a slide: the layout gave the column widths, the row height and the font size; cell
 * text is wrapped within its column (the layout measured the rows to fit).
 */
import type { TableFrame } from '../../layout/model.js';
import type { Brand } from '../../templates/brand-model.js';
import { TABLE_CELL_INSET } from '../../layout/slide-geometry.js';
import { INCH } from './document.js';
import type { Tagger } from './tags.js';
import { breakLines, drawLine, printColor } from './text.js';

export function drawDeckTable(doc: PDFKit.PDFDocument, tagger: Tagger, frame: TableFrame, brand: Brand): void {
  const { table, fontSize: size } = frame;
  const x0 = frame.box.x * INCH;
  let y = frame.box.y * INCH;
  const widths = frame.columnWidths.map((w) => w * INCH);
  const padX = TABLE_CELL_INSET.left * INCH;
  const padY = TABLE_CELL_INSET.top * INCH;
  const lh = size * 1.2;
  const c = brand.colors;
  const rows = [table.header, ...table.rows];
  tagger.open('Table');
  rows.forEach((row, ri) => {
    const header = ri === 0;
    const cells = widths.map((w, ci) => breakLines(doc, row[ci] ?? [], { size, width: w - 2 * padX, bold: header }));
    const measured = frame.rowHeights?.length === rows.length ? frame.rowHeights[ri]! : frame.rowHeight;
    const rowH = Math.max(measured * INCH, ...cells.map((lines) => lines.length * lh + 2 * padY));
    const total = widths.reduce((a, b) => a + b, 0);
    const top = y;
    tagger.artifact(() => {
      if (header) doc.rect(x0, top, total, rowH).fill(`#${c.primary}`);
      else if (ri % 2 === 0) doc.rect(x0, top, total, rowH).fill(`#${c.panel}`);
      // Cell borders as the PPTX writes them: 0.75 pt, muted, all round.
      doc.save().lineWidth(0.75).strokeColor(`#${c.muted}`);
      let bx = x0;
      for (const w of widths) {
        doc.rect(bx, top, w, rowH).stroke();
        bx += w;
      }
      doc.restore();
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
            x: cellX + padX,
            baseline: textTop + li * lh + size * 0.95,
            size,
            color: header ? `#${c.background}` : printColor(c.text),
            width: cellW - 2 * padX,
            align: table.align[ci] ?? 'left',
            tagger,
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
