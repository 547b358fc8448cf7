/**
 * Makes docx's output reproducible: the same document gives the same bytes in any process, at
 * any time. What docx leaves to chance, and what is done about it here:
 *  - relationship ids of hyperlinks (`rId` + nanoid) → the next free `rIdN` of their part, in order;
 *  - the `w:fontKey` GUID of every embedded face, which also changes the .odttf bytes (ECMA-376
 *    Part 1 §17.8.1: the first 32 bytes of the font are XORed with the key) → a key derived from
 *    the sha256 of the font itself, and the face re-obfuscated with it;
 *  - the time in docProps/core.xml and on every zip entry → the document's date.
 * wp:docPr ids come from a process-wide counter in docx; the writer passes its own instead.
 *
 * The zip-level part (entry order, mtimes, core.xml dates) is the shared OOXML normaliser's job
 * once src/writers/ooxml/normalize-zip.ts lands; `zipEntries` below is the seam to swap it in.
 */
import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

export interface ReproducibleOptions {
  date: Date;
  /** Written as docProps/app.xml <Application> (docx has no option for it). */
  producer: string;
  /** Further edits of XML parts by name, e.g. styles docx has no API for. */
  rewrite?: (name: string, xml: string) => string;
}

type Entries = Record<string, Uint8Array>;

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** XOR the first 32 bytes with the key's bytes, last hex pair first: its own inverse. */
export function obfuscateFont(font: Uint8Array, guid: string): Uint8Array {
  const hex = guid.replace(/[{}-]/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a font key GUID: ${guid}`);
  const key = (hex.match(/../g) ?? []).map((h) => parseInt(h, 16)).reverse();
  const out = Uint8Array.from(font);
  for (let i = 0; i < 32 && i < out.length; i++) out[i]! ^= key[i % 16]!;
  return out;
}

/** A GUID (braced, upper case, as w:fontKey is written) from the font's own hash: same font, same key. */
export function fontKeyFor(font: Uint8Array): string {
  const h = createHash('sha256').update(font).digest('hex').toUpperCase();
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}}`;
}

function relsTargets(rels: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) out.set(id, target);
  }
  return out;
}

function rekeyFonts(entries: Entries): void {
  const tableName = 'word/fontTable.xml';
  const relsName = 'word/_rels/fontTable.xml.rels';
  if (!entries[tableName] || !entries[relsName]) return;
  const targets = relsTargets(strFromU8(entries[relsName]));
  const table = strFromU8(entries[tableName]).replace(/<w:embed(\w+)\b[^>]*\/>/g, (element) => {
    const id = /\br:id="([^"]+)"/.exec(element)?.[1];
    const oldKey = /\bw:fontKey="([^"]+)"/.exec(element)?.[1];
    const target = id ? targets.get(id) : undefined;
    const part = target ? `word/${target.replace(/^\//, '').replace(/^word\//, '')}` : undefined;
    const data = part ? entries[part] : undefined;
    if (!oldKey || !part || !data) return element;
    const plain = obfuscateFont(data, oldKey);
    const newKey = fontKeyFor(plain);
    entries[part] = obfuscateFont(plain, newKey);
    return element.replace(oldKey, newKey);
  });
  entries[tableName] = strToU8(table);
}

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

function fixProperties(entries: Entries, opts: ReproducibleOptions): void {
  const app = entries['docProps/app.xml'];
  if (app) {
    let xml = strFromU8(app);
    const application = `<Application>${escapeXml(opts.producer)}</Application>`;
    if (/<Application>[^<]*<\/Application>/.test(xml)) xml = xml.replace(/<Application>[^<]*<\/Application>/, application);
    else if (/<Properties\b[^>]*\/>/.test(xml)) xml = xml.replace(/<Properties\b([^>]*)\/>/, `<Properties$1>${application}</Properties>`);
    else xml = xml.replace(/<\/Properties>/, `${application}</Properties>`);
    entries['docProps/app.xml'] = strToU8(xml);
  }
  const core = entries['docProps/core.xml'];
  if (core) {
    const stamp = opts.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const xml = strFromU8(core).replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
    entries['docProps/core.xml'] = strToU8(xml);
  }
}

/**
 * Zip with a fixed entry order ([Content_Types].xml first, then docx's own order) and fixed
 * times. fflate writes DOS times from the local-time getters, so the date is shifted to make the
 * local fields equal the UTC ones: the bytes then do not depend on the machine's time zone.
 */
function zipEntries(entries: Entries, date: Date): Buffer {
  const d = new Date(Math.max(date.getTime(), Date.UTC(1980, 0, 1, 12)));
  const mtime = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
  const names = Object.keys(entries);
  const ordered = [...names.filter((n) => n === '[Content_Types].xml'), ...names.filter((n) => n !== '[Content_Types].xml')];
  const zippable: Zippable = {};
  for (const name of ordered) zippable[name] = [entries[name]!, { mtime, level: 6 }];
  return Buffer.from(zipSync(zippable));
}

export function makeDocxReproducible(data: Buffer, opts: ReproducibleOptions): Buffer {
  const entries: Entries = unzipSync(data);
  rekeyFonts(entries);
  renumberRandomRelIds(entries);
  fixProperties(entries, opts);
  if (opts.rewrite) {
    for (const name of Object.keys(entries)) {
      if (name.endsWith('.xml') || name.endsWith('.rels')) {
        const xml = strFromU8(entries[name]!);
        const out = opts.rewrite(name, xml);
        if (out !== xml) entries[name] = strToU8(out);
      }
    }
  }
  return zipEntries(entries, opts.date);
}
