// Reading the built artifacts back for the e2e tests: DOCX paragraphs, tables, headers and footers;
// PPTX titles, layouts and runs; the speaker notes written in the content files; a text form of
// any artifact for comparing two builds.
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { REPO_ROOT } from '../support/fontconfig.js';
import { notesTexts, parseXmlStrict, readZip, relationships, resolveTarget, slideParts, slideTexts } from '../support/ooxml.js';
import { pdfText } from '../support/poppler.js';
import { decodeXmlEntities } from '../support/xml-entities.js';

export type Zip = Map<string, Buffer | string>;
type XmlDocument = ReturnType<typeof parseXmlStrict>;
type XmlElement = ReturnType<XmlDocument['getElementsByTagName']>[number];

export function xmlOf(zip: Zip, name: string): string {
  const part = zip.get(name);
  if (typeof part !== 'string') throw new Error(`no XML part ${name}`);
  return part;
}

const els = (root: XmlDocument | XmlElement, tag: string): XmlElement[] => Array.from(root.getElementsByTagName(tag));

/**
 * Text of a WordprocessingML element as a reader sees it: w:t in order, w:tab as a tab, w:br as a
 * newline, a non-breaking hyphen as U+2011; soft hyphens (invisible unless a line breaks there) dropped.
 */
function wText(root: XmlElement): string {
  let text = '';
  const walk = (node: XmlElement): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType !== 1) continue;
      const el = child as XmlElement;
      if (el.nodeName === 'w:t') text += el.textContent ?? '';
      else if (el.nodeName === 'w:tab') text += '\t';
      else if (el.nodeName === 'w:br') text += '\n';
      else if (el.nodeName === 'w:noBreakHyphen') text += '\u2011';
      else if (el.nodeName === 'w:softHyphen') continue;
      else walk(el);
    }
  };
  walk(root);
  return text;
}

export interface DocxParagraph {
  style: string | null;
  text: string;
  inTable: boolean;
}

/** Paragraphs of a WordprocessingML part in document order, with their style ids. */
export function docxParagraphs(zip: Zip, part = 'word/document.xml'): DocxParagraph[] {
  const doc = parseXmlStrict(xmlOf(zip, part), part);
  return els(doc, 'w:p').map((p) => {
    let inTable = false;
    for (let n = p.parentNode; n; n = n.parentNode) if (n.nodeName === 'w:tbl') inTable = true;
    const style = els(p, 'w:pStyle')[0]?.getAttribute('w:val') ?? null;
    return { style, text: wText(p), inTable };
  });
}

/** Tables of the document body: rows of cell texts. */
export function docxTables(zip: Zip): string[][][] {
  const doc = parseXmlStrict(xmlOf(zip, 'word/document.xml'), 'word/document.xml');
  return els(doc, 'w:tbl').map((t) => els(t, 'w:tr').map((tr) => els(tr, 'w:tc').map(wText)));
}

/** Header and footer parts the document body refers to. */
export function docxHeaderFooterParts(zip: Zip): { headers: string[]; footers: string[] } {
  const rels = relationships(zip, 'word/document.xml');
  const target = (r: { target: string }) => resolveTarget('word/_rels/document.xml.rels', r.target);
  return {
    headers: rels.filter((r) => r.type.endsWith('/header')).map(target),
    footers: rels.filter((r) => r.type.endsWith('/footer')).map(target),
  };
}

/** Whole text of a part (w:t or a:t runs), for headers, footers, layouts. */
export function partText(zip: Zip, part: string): string {
  const xml = xmlOf(zip, part);
  const hyphens = xml.replace(/<w:noBreakHyphen\/>/g, '<w:t>\u2011</w:t>').replace(/<w:softHyphen\/>/g, '');
  return [...hyphens.matchAll(/<(?:w|a):t(?:\s[^>]*)?>([^<]*)<\/(?:w|a):t>/g)].map((m) => decodeXmlEntities(m[1]!)).join(' ');
}


/** The slide layout part each slide uses, in slide order. */
export function slideLayouts(zip: Zip): string[] {
  return slideParts(zip).map((slide) => {
    const rel = relationships(zip, slide).find((r) => r.type.endsWith('/slideLayout'));
    if (!rel) throw new Error(`${slide} has no slide layout`);
    return resolveTarget(`${posix.dirname(slide)}/_rels/${posix.basename(slide)}.rels`, rel.target);
  });
}

/** Per slide: the text of its title placeholder (`<p:ph type="title"/>` or ctrTitle), or null. */
export function slideTitles(zip: Zip): Array<string | null> {
  return slideParts(zip).map((name) => {
    const doc = parseXmlStrict(xmlOf(zip, name), name);
    const sp = els(doc, 'p:sp').find((s) =>
      els(s, 'p:ph').some((ph) => ['title', 'ctrTitle'].includes(ph.getAttribute('type') ?? '')),
    );
    if (!sp) return null;
    return els(sp, 'a:p')
      .map((p) => els(p, 'a:t').map((t) => t.textContent ?? '').join(''))
      .join(' ')
      .trim();
  });
}

/** The `## Заметки` paragraphs of a content file (speaker notes as the author wrote them). */
export function contentNotes(contentFile: string): string[] {
  const text = readFileSync(join(REPO_ROOT, contentFile), 'utf8');
  const at = text.search(/^## Заметки\s*$/m);
  if (at < 0) return [];
  return text
    .slice(at)
    .replace(/^## Заметки\s*$/m, '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * What a reader would see in an artifact, for comparing two builds: slide and notes text, the
 * text of every DOCX part, the PDF's extracted text.
 */
export function artifactText(file: string): string {
  const data = readFileSync(file);
  if (file.endsWith('.pdf')) return pdfText(file);
  if (file.endsWith('.pptx')) return JSON.stringify({ slides: slideTexts(data), notes: notesTexts(data) });
  if (file.endsWith('.docx')) {
    const zip = readZip(data);
    return [...zip.keys()]
      .filter((n) => /^word\/(document|header\d*|footer\d*|footnotes|numbering)\.xml$/.test(n))
      .sort()
      .map((n) => `${n}: ${partText(zip, n)}`)
      .join('\n');
  }
  throw new Error(`artifactText: unknown kind of file ${file}`);
}

const ISO_DATE = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g;

/**
 * Names of the parts of two packages that differ in anything but ISO dates (and the list of
 * parts each has that the other lacks). Empty when the packages differ only in dates.
 */
export function zipDiffBeyondDates(a: Buffer, b: Buffer): string[] {
  const za = readZip(a);
  const zb = readZip(b);
  const names = new Set([...za.keys(), ...zb.keys()]);
  const differing: string[] = [];
  for (const name of [...names].sort()) {
    const pa = za.get(name);
    const pb = zb.get(name);
    if (pa === undefined || pb === undefined) differing.push(`${name} (only in one)`);
    else if (typeof pa === 'string' && typeof pb === 'string') {
      if (pa.replace(ISO_DATE, 'DATE') !== pb.replace(ISO_DATE, 'DATE')) differing.push(name);
    } else if (!Buffer.from(pa).equals(Buffer.from(pb))) differing.push(name);
  }
  return differing;
}

/**
 * Two PDFs with the dates masked (the info dictionary's `(D:…)` strings, XMP dates, the file
 * identifier pdfkit derives from them) compared byte for byte.
 */
export function pdfSameBeyondDates(a: Buffer, b: Buffer): boolean {
  const mask = (buf: Buffer) =>
    buf
      .toString('latin1')
      .replace(/\(D:[^)]*\)/g, '(D:)')
      .replace(ISO_DATE, 'DATE')
      .replace(/\/ID\s*\[\s*<[0-9a-fA-F]*>\s*<[0-9a-fA-F]*>\s*\]/g, '/ID[]');
  return mask(a) === mask(b);
}
