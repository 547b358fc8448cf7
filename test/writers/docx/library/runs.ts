/**
 * Document-model runs → docx inline children. Consecutive runs with the same link become one
 * ExternalHyperlink, so a link with a bold word inside stays one clickable link in Word.
 */
import { ExternalHyperlink, NoBreakHyphen, SoftHyphen, Tab, TextRun, type ParagraphChild } from 'docx';
import { isBreak, type Run, type TextRun as ModelTextRun } from '../../../../src/document/model.js';
import { stripInvalidXmlChars } from '../../../../src/writers/ooxml/xml.js';
import { STYLE } from '../../../../src/writers/docx/styles.js';

type TextChild = string | SoftHyphen | NoBreakHyphen | Tab;

/**
 * Text as Word wants it: the typograph's soft hyphens (U+00AD) and non-breaking hyphens (U+2011)
 * become w:softHyphen / w:noBreakHyphen, which Word and LibreOffice treat natively, and a tab
 * becomes w:tab; characters XML forbids are dropped rather than breaking the part.
 */
export function textChildren(text: string): TextChild[] {
  const out: TextChild[] = [];
  for (const piece of stripInvalidXmlChars(text).split(/([\u00AD\u2011\t])/)) {
    if (piece === '\u00AD') out.push(new SoftHyphen());
    else if (piece === '\u2011') out.push(new NoBreakHyphen());
    else if (piece === '\t') out.push(new Tab());
    else if (piece !== '') out.push(piece);
  }
  return out;
}

export interface RunFormat {
  bold?: boolean;
  color?: string;
}

function textRun(run: ModelTextRun, format: RunFormat, pendingBreak: boolean): TextRun {
  return new TextRun({
    children: textChildren(run.text),
    break: pendingBreak ? 1 : undefined,
    bold: run.bold || format.bold || undefined,
    boldComplexScript: run.bold || format.bold || undefined,
    italics: run.italic || undefined,
    italicsComplexScript: run.italic || undefined,
    // A forced colour (white on a header row) wins over the link style, or a link there would vanish.
    color: format.color,
    style: run.href ? STYLE.hyperlink : run.code ? STYLE.code : undefined,
  });
}

export function runsToChildren(runs: readonly Run[], format: RunFormat = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  let pendingBreak = false;
  let link: { href: string; children: TextRun[] } | undefined;
  const flush = (): void => {
    if (link) out.push(new ExternalHyperlink({ link: link.href, children: link.children }));
    link = undefined;
  };
  for (const run of runs) {
    if (isBreak(run)) {
      // A break with no text after it still needs its own w:br.
      if (pendingBreak) {
        flush();
        out.push(new TextRun({ break: 1 }));
      }
      pendingBreak = true;
      continue;
    }
    const child = textRun(run, format, pendingBreak);
    pendingBreak = false;
    if (run.href) {
      if (link && link.href !== run.href) flush();
      link ??= { href: run.href, children: [] };
      link.children.push(child);
    } else {
      flush();
      out.push(child);
    }
  }
  flush();
  if (pendingBreak) out.push(new TextRun({ break: 1 }));
  return out;
}

/** Plain text of runs, for alt text and document properties. */
export function runsToText(runs: readonly Run[]): string {
  return runs.map((r) => (isBreak(r) ? ' ' : r.text)).join('');
}
