/**
 * Makes an OOXML package (PPTX, DOCX, XLSX) reproducible after a library has written it.
 *
 * pptxgenjs and docx stamp the wall-clock time into docProps/core.xml and into every zip entry,
 * write folder entries in whatever order their zip library keeps, and embed further packages
 * (a chart's workbook) with the same problems. Rather than mocking `Date` globally we rewrite the
 * finished bytes: one date everywhere, entries in a fixed order, one compression level. Any
 * format-specific fix (random ids, producer name) goes through `rewrite`.
 */
import { unzipSync, strFromU8, strToU8 } from 'fflate';
import { writeZip, type ZipEntry } from './zip-writer.js';

export interface NormalizeOptions {
  /** The one date written into core properties and every zip entry. */
  date: Date;
  /** Called for every XML part (`*.xml`, `*.rels`, `*.vml`) with its name inside the package. */
  rewrite?: (name: string, xml: string) => string;
  /** Names the package for the zip writer's memory of its last version (zip-writer.ts `sameAs`). */
  sameAs?: string;
  /** Parts already as they must be written (made so by an earlier call): taken as they are. */
  finished?: ReadonlySet<string>;
  /** Called with each part's bytes as written. */
  onPart?: (name: string, data: Uint8Array) => void;
}

/** Deflate level used for every compressed entry; fixed so the bytes never depend on a default. */
export const DEFLATE_LEVEL = 6 as const;
/** Already-compressed media gain nothing from deflate: store them (faster, same bytes every time). */
const STORED = /\.(png|jpe?g|gif|jpeg|emf\.gz|wdp)$/i;
const XML_PART = /\.(xml|rels|vml)$/i;
/** Packages inside the package (a chart's workbook): normalised the same way, recursively. */
const NESTED_PACKAGE = /\.(xlsx|xlsm|docx|pptx)$/i;


/** `2001-04-12T00:00:00Z`: W3CDTF without milliseconds, as Office writes it. */
export function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}


/** Sets dcterms:created / dcterms:modified, whatever the library wrote (with or without ms). */
export function pinCoreDates(xml: string, date: Date): string {
  const stamp = w3cdtf(date);
  return xml.replace(
    /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g,
    (_m, open: string, _tag: string, close: string) => `${open}${stamp}${close}`,
  );
}

/** Content types first and package relationships second (as Office writes them), then by name. */
export function entryOrder(a: string, b: string): number {
  const rank = (n: string): number => (n === '[Content_Types].xml' ? 0 : n === '_rels/.rels' ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isZip(data: Uint8Array): boolean {
  return data.length > 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

/**
 * Drops `<Override>`s for parts the package does not hold. pptxgenjs declares one slide master
 * per layout although it writes a single master; a content type for a missing part is an error
 * to strict consumers.
 */
export function pruneContentTypes(xml: string, names: ReadonlySet<string>): string {
  return xml.replace(/\s*<Override\b[^>]*\bPartName="([^"]*)"[^>]*\/>/g, (m, part: string) =>
    names.has(part.replace(/^\//, '').toLowerCase()) ? m : '',
  );
}

export function normalizeOoxmlZip(data: Buffer | Uint8Array, opts: NormalizeOptions): Buffer {
  return normalizeOoxmlEntries(unzipSync(data), opts);
}

/** The same, for a package already unzipped (saves a zip round trip for writers that edit parts). */
export function normalizeOoxmlEntries(entries: Record<string, Uint8Array>, opts: NormalizeOptions): Buffer {
  const out: ZipEntry[] = [];
  const names = Object.keys(entries)
    // Folder entries are not parts: OPC has no use for them and they would need a content type.
    .filter((name) => !name.endsWith('/'))
    .sort(entryOrder);
  // Part names are case-insensitive in OPC.
  const lowerNames = new Set(names.map((n) => n.toLowerCase()));
  for (const name of names) {
    let bytes: Uint8Array = entries[name]!;
    if (opts.finished?.has(name)) {
      // As written before.
    } else if (XML_PART.test(name)) {
      let xml = strFromU8(bytes);
      if (name === 'docProps/core.xml') xml = pinCoreDates(xml, opts.date);
      if (name === '[Content_Types].xml') xml = pruneContentTypes(xml, lowerNames);
      if (opts.rewrite) xml = opts.rewrite(name, xml);
      bytes = strToU8(xml);
    } else if (NESTED_PACKAGE.test(name) && isZip(bytes)) {
      bytes = normalizeOoxmlZip(bytes, { date: opts.date });
    }
    out.push({ name, data: bytes, level: STORED.test(name) ? 0 : DEFLATE_LEVEL });
    opts.onPart?.(name, bytes);
  }
  return writeZip(out, opts.date, { sameAs: opts.sameAs });
}
