/**
 * Fixes to the XML pptxgenjs writes, applied part by part while the package is normalised.
 * Each rule names the quirk it works around; all are plain string rewrites of markup that
 * pptxgenjs generates in one fixed shape.
 */
import type { DocumentMeta } from '../../document/model.js';
import type { Box } from '../../layout/model.js';
import type { Brand } from '../../templates/brand-model.js';
import { w3cdtf } from '../ooxml/normalize-zip.js';
import { escapeXml as escapeOnly, inchesToEmu, stripInvalidXmlChars } from '../ooxml/xml.js';
import { SLIDE_NUMBER_MARKER } from './masters.js';

export interface DeckFacts {
  meta: DocumentMeta;
  brand: Brand;
  lang: string;
  /** Per slide, in order: the title's plain text (for app.xml's list of slide titles). */
  titles: string[];
  /** Per slide: where the layout put the title (pptxgenjs would copy the placeholder's box). */
  titleBoxes: (Box | undefined)[];
  /** Per slide: speaker-note paragraphs. */
  notes: string[][];
}

/** Escaped, and without characters XML 1.0 cannot carry (they would make the part unreadable). */
const escapeXml = (text: string): string => escapeOnly(stripInvalidXmlChars(text));

/** The id PowerPoint itself gives slide-number fields. */
const SLIDE_NUMBER_FIELD_ID = '{F7021451-1387-4CA6-816F-3879F97B5CBC}';

/** One `<a:pPr …/>` or `<a:pPr …>…</a:pPr>` (pPr never nests, so the lazy match is exact). */
const PPR = /<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g;

/**
 * pptxgenjs emits an `<a:pPr>` before *every* run of a multi-run paragraph; the schema allows
 * one, first. PowerPoint may offer to "repair" such a file, so keep only the leading one.
 * (Plain string scanning: this runs over every paragraph of a 300-slide deck.)
 */
export function dropStrayParagraphProperties(xml: string): string {
  return xml.replace(/<a:p>([\s\S]*?)<\/a:p>/g, (whole, inner: string) => {
    const next = inner.indexOf('<a:pPr', inner.startsWith('<a:pPr') ? 1 : 0);
    if (next < 0) return whole;
    return `<a:p>${inner.slice(0, next)}${inner.slice(next).replace(PPR, '')}</a:p>`;
  });
}

/**
 * Bullets in the brand's accent colour and the brand's face (pptxgenjs has no option for either).
 * Without an explicit `<a:buFont>` the master's Arial applies, and LibreOffice substitutes
 * OpenSymbol for the bullet glyph; PT Sans has «•» itself.
 */
function colourBullets(xml: string, colour: string, family: string): string {
  return xml
    .replace(/<a:buSzPct val="100000"\/>/g, `<a:buClr><a:srgbClr val="${colour}"/></a:buClr>$&`)
    .replace(/(<a:buFont [^>]*\/>)?(<a:buChar )/g, `<a:buFont typeface="${escapeXml(family)}"/>$2`);
}

/** The marker run on each layout becomes a slide-number field (see SLIDE_NUMBER_MARKER). */
function slideNumberField(xml: string): string {
  const run = new RegExp(
    `<a:r>(<a:rPr\\b(?:[^>]*/>|(?:(?!</a:rPr>)[\\s\\S])*</a:rPr>))<a:t>${SLIDE_NUMBER_MARKER}</a:t></a:r>`,
    'g',
  );
  return xml.replace(run, `<a:fld id="${SLIDE_NUMBER_FIELD_ID}" type="slidenum">$1<a:t>‹#›</a:t></a:fld>`);
}

function placeTitle(xml: string, box: Box): string {
  return xml.replace(
    /(type="title"[\s\S]*?<p:spPr><a:xfrm>)<a:off x="-?\d+" y="-?\d+"\/><a:ext cx="\d+" cy="\d+"\/>/,
    `$1<a:off x="${inchesToEmu(box.x)}" y="${inchesToEmu(box.y)}"/><a:ext cx="${inchesToEmu(box.w)}" cy="${inchesToEmu(box.h)}"/>`,
  );
}

/**
 * pptxgenjs gives a slide without a title an empty title placeholder, which PowerPoint shows
 * as "Click to add title" on the slide a presenter edits. A slide the layout left untitled
 * (the messaging slide) is meant to be so.
 */
function dropEmptyTitlePlaceholder(xml: string): string {
  return xml.replace(/<p:sp>(?:(?!<\/p:sp>)[\s\S])*<\/p:sp>/g, (sp) =>
    /<p:ph\b[^>]*\btype="title"/.test(sp) && !/<a:t>/.test(sp) ? '' : sp,
  );
}

/** pptxgenjs writes all notes as one run with raw newlines; PowerPoint wants a paragraph each. */
function notesParagraphs(xml: string, notes: readonly string[], lang: string): string {
  const paras = notes
    .map((n) => n.replace(/\s+/g, ' ').trim())
    .filter((n) => n !== '')
    .map((n) => `<a:p><a:r><a:rPr lang="${lang}" dirty="0"/><a:t>${escapeXml(n)}</a:t></a:r></a:p>`);
  const body = paras.length ? paras.join('') : `<a:p><a:endParaRPr lang="${lang}" dirty="0"/></a:p>`;
  return xml.replace(
    /(name="Notes Placeholder 2"[\s\S]*?<p:txBody>)[\s\S]*?(<\/p:txBody>)/,
    `$1<a:bodyPr/><a:lstStyle/>${body}$2`,
  );
}

/** app.xml rewritten whole: pptxgenjs hard-codes "Microsoft Office PowerPoint", Arial and Calibri. */
function appXml(f: DeckFacts): string {
  const n = f.titles.length;
  const lpstr = (s: string): string => `<vt:lpstr>${escapeXml(s)}</vt:lpstr>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    `<TotalTime>0</TotalTime><Application>${escapeXml(f.meta.producer)}</Application>` +
    `<PresentationFormat>Widescreen</PresentationFormat><Slides>${n}</Slides>` +
    `<Notes>${f.notes.filter((x) => x.length > 0).length}</Notes><HiddenSlides>0</HiddenSlides>` +
    '<MMClips>0</MMClips><ScaleCrop>false</ScaleCrop>' +
    '<HeadingPairs><vt:vector size="6" baseType="variant">' +
    '<vt:variant><vt:lpstr>Fonts Used</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant>' +
    '<vt:variant><vt:lpstr>Theme</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant>' +
    `<vt:variant><vt:lpstr>Slide Titles</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant>` +
    '</vt:vector></HeadingPairs>' +
    `<TitlesOfParts><vt:vector size="${n + 2}" baseType="lpstr">` +
    lpstr(f.brand.fonts.family) +
    lpstr('Office Theme') +
    f.titles.map(lpstr).join('') +
    '</vt:vector></TitlesOfParts>' +
    `<Company>${escapeXml(f.meta.author)}</Company>` +
    '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>' +
    '</Properties>'
  );
}

/** core.xml rewritten whole: adds dc:language, escapes every value, one fixed date. */
function coreXml(f: DeckFacts): string {
  const m = f.meta;
  const date = w3cdtf(m.date);
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(m.title)}</dc:title>` +
    (m.subject ? `<dc:subject>${escapeXml(m.subject)}</dc:subject>` : '') +
    `<dc:creator>${escapeXml(m.author)}</dc:creator>` +
    `<dc:language>${escapeXml(f.lang)}</dc:language>` +
    `<cp:lastModifiedBy>${escapeXml(m.author)}</cp:lastModifiedBy>` +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

const SLIDE = /^ppt\/slides\/slide(\d+)\.xml$/;
const NOTES = /^ppt\/notesSlides\/notesSlide(\d+)\.xml$/;
const DRAWING = /^ppt\/(slides|slideLayouts|slideMasters)\/[^/]+\.xml$/;

export function pptxPartRewriter(f: DeckFacts): (name: string, xml: string) => string {
  return (name, xml) => {
    if (name === 'docProps/app.xml') return appXml(f);
    if (name === 'docProps/core.xml') return coreXml(f);
    if (name === 'ppt/presentation.xml') {
      // Text typed into a new box in PowerPoint should be Russian too, not en-US.
      return xml.replace(/<a:defRPr (?!lang=)/g, `<a:defRPr lang="${f.lang}" `);
    }
    let out = xml;
    if (DRAWING.test(name)) out = colourBullets(dropStrayParagraphProperties(out), f.brand.colors.accent, f.brand.fonts.family);
    if (name.startsWith('ppt/slideLayouts/')) out = slideNumberField(out);
    const slide = SLIDE.exec(name);
    if (slide) {
      const box = f.titleBoxes[Number(slide[1]) - 1];
      out = box ? placeTitle(out, box) : dropEmptyTitlePlaceholder(out);
    }
    const notes = NOTES.exec(name);
    if (notes) out = notesParagraphs(out, f.notes[Number(notes[1]) - 1] ?? [], f.lang);
    return out;
  };
}
