/**
 * Measured paragraphs → pptxgenjs text runs.
 *
 * pptxgenjs has no paragraph object: a paragraph is a sequence of runs ending in one with
 * `breakLine`, and its paragraph properties (bullet, spacing, alignment) come from its first
 * run. A run carrying `bullet` starts a new paragraph, and an alignment change does too, so
 * bullets go on the first run only while alignment goes on every run of the paragraph.
 */
import type { BrandColorName, LaidParagraph } from '../../layout/model.js';
import { isBreak, type Run } from '../../document/model.js';
import type { Brand } from '../../templates/brand-model.js';
import { stripInvalidXmlChars } from '../ooxml/xml.js';
import type { TextProps, TextPropsOptions } from './pptxgen.js';

export interface TextStyle {
  brand: Brand;
  /** BCP 47 tag written on every run (`ru-RU`). */
  lang: string;
}

export function brandColor(brand: Brand, name: BrandColorName): string {
  return brand.colors[name];
}

function bulletOptions(p: LaidParagraph): TextPropsOptions['bullet'] {
  if (!p.bullet) return false;
  // pptxgenjs sets marL = indent × (level + 1) with a hanging indent of `indent`; dividing the
  // layout's total left indent back out keeps the text where the layout measured it.
  const hang = p.indent > 0 ? p.indent / (p.bullet.level + 1) : undefined;
  if (p.bullet.ordered) return { type: 'number', numberStartAt: p.bullet.number, indent: hang };
  return hang === undefined ? true : { indent: hang };
}

/** Runs of one paragraph (or a table cell) with the paragraph's look applied to each. */
export function runsToTextProps(runs: readonly Run[], base: TextPropsOptions): TextProps[] {
  const items: TextProps[] = [];
  for (const run of runs) {
    if (isBreak(run)) {
      // pptxgenjs writes `<a:br/>` before a run flagged softBreakBefore, but never before the
      // paragraph's first run: an empty lead run makes a leading break work too.
      if (items.length === 0) items.push({ text: '', options: { ...base } });
      items.push({ text: '', options: { ...base, softBreakBefore: true } });
      continue;
    }
    if (run.text === '') continue;
    const options: TextPropsOptions = { ...base };
    if (run.bold) options.bold = true;
    if (run.italic) options.italic = true;
    if (run.href) options.hyperlink = { url: run.href };
    items.push({ text: stripInvalidXmlChars(run.text), options });
  }
  if (items.length === 0) items.push({ text: '', options: { ...base } });
  return items;
}

export function paragraphsToTextProps(paragraphs: readonly LaidParagraph[], style: TextStyle): TextProps[] {
  const { brand, lang } = style;
  const out: TextProps[] = [];
  for (const p of paragraphs) {
    const base: TextPropsOptions = {
      fontFace: brand.fonts.family,
      fontSize: p.fontSize,
      color: brandColor(brand, p.color),
      lang,
      align: p.align,
      lineSpacing: p.lineHeight,
    };
    if (p.bold) base.bold = true;
    const items = runsToTextProps(p.runs, base);
    const first = items[0]!.options!;
    first.bullet = bulletOptions(p);
    if (p.bullet && p.bullet.level > 0) first.indentLevel = p.bullet.level;
    if (p.spaceBefore > 0) first.paraSpaceBefore = p.spaceBefore;
    items[items.length - 1]!.options!.breakLine = true;
    out.push(...items);
  }
  return out;
}

/** Plain text of runs (slide titles for docProps/app.xml). */
export function runsText(runs: readonly Run[]): string {
  return runs.map((r) => (isBreak(r) ? ' ' : r.text)).join('').replace(/\s+/g, ' ').trim();
}
