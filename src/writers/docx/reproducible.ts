/**
 * Makes what docx leaves to chance fixed, so the same brief gives the same bytes in any process:
 *  - relationship ids of hyperlinks (`rId` + nanoid) → the next free `rIdN` of their part, in order;
 *  - the `w:fontKey` GUID of every embedded face, which also changes the .odttf bytes → a key
 *    derived from the font's own sha256 (embedded-fonts.ts);
 *  - docProps/app.xml's application → council-press's name and version.
 * The time in docProps/core.xml and on every zip entry is the shared OOXML normaliser's to fix;
 * wp:docPr ids and list instances are the body writer's own (body.ts), not docx's process-wide counters.
 */
import { strFromU8, strToU8 } from 'fflate';
import { escapeXml } from '../ooxml/xml.js';
import type { BrandFontFiles } from '../../templates/brand-model.js';
import { embedBrandFonts, relsTargets } from './embedded-fonts.js';

export interface ReproducibleOptions {
  /** Written as docProps/app.xml <Application> (docx has no option for it). */
  producer: string;
  /** The brand's font files, put in place of the placeholders docx was given (see embedded-fonts.ts). */
  fonts?: BrandFontFiles;
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

function setApplication(entries: Entries, opts: ReproducibleOptions): void {
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
export function fixDocxPackage(entries: Entries, opts: ReproducibleOptions): void {
  embedBrandFonts(entries, opts.fonts);
  renumberRandomRelIds(entries);
  setApplication(entries, opts);
}
