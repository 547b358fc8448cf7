/**
 * Makes docx's output reproducible: the same document gives the same bytes in any process, at
 * any time. What docx leaves to chance, and what is done about it here:
 *  - relationship ids of hyperlinks (`rId` + nanoid) → the next free `rIdN` of their part, in order;
 *  - the `w:fontKey` GUID of every embedded face, which also changes the .odttf bytes → a key
 *    derived from the font's own sha256 (embedded-fonts.ts);
 *  - the time in docProps/core.xml and on every zip entry → the document's date (the shared
 *    OOXML normaliser does this, with the entry order).
 * wp:docPr ids and numbering instances come from process-wide counters in docx; the writer passes
 * its own per-document ones instead.
 */
import { strFromU8, strToU8 } from 'fflate';
import { normalizeOoxmlEntries } from '../ooxml/normalize-zip.js';
import { escapeXml } from '../ooxml/xml.js';
import type { BrandFontFiles } from '../../templates/brand-model.js';
import { embedBrandFonts, relsTargets } from './embedded-fonts.js';

export interface ReproducibleOptions {
  date: Date;
  /** Written as docProps/app.xml <Application> (docx has no option for it). */
  producer: string;
  /** The brand's font files, put in place of the placeholders docx was given (see embedded-fonts.ts). */
  fonts?: BrandFontFiles;
  /** Further edits of XML parts by name, e.g. styles docx has no API for. */
  rewrite?: (name: string, xml: string) => string;
}

type Entries = Record<string, Uint8Array>;

/** Ids that are not `rId<number>` were drawn at random; number them after the part's fixed ids. */
function renumberRandomRelIds(entries: Entries): void {
  for (const relsName of Object.keys(entries)) {
    const m = /^(.*)_rels\/([^/]+)\.rels$/.exec(relsName);
    if (!m) continue;
    const owner = `${m[1]}${m[2]}`;
    let rels = strFromU8(entries[relsName]!);
    const ids = [...relsTargets(rels).keys()];
    const random = ids.filter((id) => !/^rId\d+$/.test(id));
    if (!random.length) continue;
    let next = Math.max(0, ...ids.filter((id) => /^rId\d+$/.test(id)).map((id) => Number(id.slice(3)))) + 1;
    let ownerXml = entries[owner] ? strFromU8(entries[owner]) : undefined;
    for (const id of random) {
      const fresh = `rId${next++}`;
      // Quoted, so one id can never match inside another.
      rels = rels.split(`"${id}"`).join(`"${fresh}"`);
      if (ownerXml !== undefined) ownerXml = ownerXml.split(`"${id}"`).join(`"${fresh}"`);
    }
    entries[relsName] = strToU8(rels);
    if (ownerXml !== undefined) entries[owner] = strToU8(ownerXml);
  }
}

function setApplication(entries: Entries, opts: { producer: string }): void {
  const app = entries['docProps/app.xml'];
  if (app) {
    let xml = strFromU8(app);
    const application = `<Application>${escapeXml(opts.producer)}</Application>`;
    if (/<Application>[^<]*<\/Application>/.test(xml)) xml = xml.replace(/<Application>[^<]*<\/Application>/, application);
    else if (/<Properties\b[^>]*\/>/.test(xml)) xml = xml.replace(/<Properties\b([^>]*)\/>/, `<Properties$1>${application}</Properties>`);
    else xml = xml.replace(/<\/Properties>/, `${application}</Properties>`);
    entries['docProps/app.xml'] = strToU8(xml);
  }
}

/**
 * The DOCX-specific fixes, which need the whole package at once (a font's key lives in
 * fontTable.xml, its bytes in an .odttf; a hyperlink's id in a .rels and in its part).
 */
export function fixDocxPackage(entries: Entries, opts: Omit<ReproducibleOptions, 'date' | 'rewrite'>): void {
  embedBrandFonts(entries, opts.fonts);
  renumberRandomRelIds(entries);
  setApplication(entries, opts);
}

/**
 * The package's parts as docx made them → the DOCX's bytes: the fixes above, then the shared
 * normaliser for entry order, times, core.xml dates and the final compression.
 */
export function makeDocxEntriesReproducible(entries: Entries, opts: ReproducibleOptions): Buffer {
  fixDocxPackage(entries, opts);
  return normalizeOoxmlEntries(entries, { date: opts.date, rewrite: opts.rewrite });
}
