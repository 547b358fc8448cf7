/**
 * Reading OOXML packages (PPTX, DOCX) back in tests: unzip, check the package is valid the way
 * an Office application would (well-formed parts, relationships that resolve, content types for
 * every part), and pull out the text a reader would see.
 */
import { DOMParser } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';
import { posix } from 'node:path';

type XmlDocument = ReturnType<DOMParser['parseFromString']>;
type XmlElement = ReturnType<XmlDocument['getElementsByTagName']>[number];

const XML_PART = /\.(xml|rels|vml)$/i;

/** Entries by name; XML parts as strings, everything else as bytes. Folder entries are skipped. */
export function readZip(buf: Uint8Array): Map<string, Buffer | string> {
  const out = new Map<string, Buffer | string>();
  for (const [name, data] of Object.entries(unzipSync(buf))) {
    if (name.endsWith('/')) continue;
    out.set(name, XML_PART.test(name) ? strFromU8(data) : Buffer.from(data));
  }
  return out;
}

/** Parses XML and throws on anything the parser reports: errors, fatal errors and warnings. */
export function parseXmlStrict(xml: string, name = 'XML'): XmlDocument {
  // Collected rather than thrown from the callback: xmldom wraps callback errors in its own text.
  const reports: string[] = [];
  const parser = new DOMParser({ onError: (level, message) => void reports.push(`${level}: ${message}`) });
  let doc: XmlDocument | undefined;
  try {
    doc = parser.parseFromString(xml, 'text/xml');
  } catch (e) {
    if (reports.length === 0) reports.push((e as Error).message);
  }
  // xmldom lets a bare `&` through (`a & b`); XML does not, and neither does Office.
  const bare = /&(?!(?:[A-Za-z_][\w.-]*|#\d+|#x[0-9A-Fa-f]+);)/.exec(
    xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, ''),
  );
  if (bare) reports.push(`error: "&" not starting an entity or character reference, near ${JSON.stringify(xml.slice(Math.max(0, bare.index - 20), bare.index + 20))}`);
  if (reports.length) throw new Error(`${name}: ${reports.join('; ')}`);
  if (!doc?.documentElement) throw new Error(`${name}: no root element`);
  return doc;
}

function xmlPart(zip: Map<string, Buffer | string>, name: string): string {
  const part = zip.get(name);
  if (typeof part !== 'string') throw new Error(`missing XML part ${name}`);
  return part;
}

/** `ppt/slides/_rels/slide1.xml.rels` → `ppt/slides/slide1.xml`; `_rels/.rels` → '' (the package). */
export function relsSource(relsName: string): string {
  const dir = posix.dirname(posix.dirname(relsName));
  const file = posix.basename(relsName).replace(/\.rels$/, '');
  return dir === '.' ? file : `${dir}/${file}`;
}

/** Target of a relationship, as a part name inside the zip. */
export function resolveTarget(relsName: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const base = posix.dirname(relsSource(relsName) || '_');
  return posix.normalize(posix.join(base === '.' ? '' : base, target)).replace(/^\.\//, '');
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function relationships(zip: Map<string, Buffer | string>, partName: string): Relationship[] {
  const dir = posix.dirname(partName);
  const relsName = `${dir === '.' ? '' : `${dir}/`}_rels/${posix.basename(partName)}.rels`;
  const xml = zip.get(relsName);
  if (typeof xml !== 'string') return [];
  return elements(parseXmlStrict(xml, relsName), 'Relationship').map((r) => ({
    id: r.getAttribute('Id') ?? '',
    type: r.getAttribute('Type') ?? '',
    target: r.getAttribute('Target') ?? '',
    external: r.getAttribute('TargetMode') === 'External',
  }));
}

function elements(doc: XmlDocument | XmlElement, tag: string): XmlElement[] {
  return Array.from(doc.getElementsByTagName(tag));
}

/**
 * Throws one error listing every problem: malformed XML parts, relationship targets missing
 * from the package, duplicate relationship ids, `r:id` references with no relationship, parts
 * without a content type.
 */
export function assertValidOoxmlPackage(buf: Uint8Array): void {
  const zip = readZip(buf);
  const problems: string[] = [];
  const docs = new Map<string, XmlDocument>();
  for (const [name, part] of zip) {
    if (typeof part !== 'string') continue;
    try {
      docs.set(name, parseXmlStrict(part, name));
    } catch (e) {
      problems.push(`not well-formed: ${(e as Error).message}`);
    }
  }

  const types = docs.get('[Content_Types].xml');
  if (!types) problems.push('no [Content_Types].xml');
  const defaults = new Set<string>();
  const overrides = new Set<string>();
  if (types) {
    for (const d of elements(types, 'Default')) defaults.add((d.getAttribute('Extension') ?? '').toLowerCase());
    for (const o of elements(types, 'Override')) overrides.add((o.getAttribute('PartName') ?? '').toLowerCase());
  }
  for (const name of zip.keys()) {
    if (name === '[Content_Types].xml') continue;
    // Not posix.extname: it gives '' for `_rels/.rels`, whose extension is `rels`.
    const base = posix.basename(name);
    const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1).toLowerCase() : '';
    if (!overrides.has(`/${name}`.toLowerCase()) && !defaults.has(ext)) problems.push(`no content type: ${name}`);
  }
  for (const o of overrides) {
    const exists = [...zip.keys()].some((n) => `/${n}`.toLowerCase() === o);
    if (!exists) problems.push(`content-type override for a missing part: ${o}`);
  }

  for (const [name, doc] of docs) {
    if (!name.endsWith('.rels')) continue;
    const source = relsSource(name);
    if (source && !zip.has(source)) problems.push(`${name}: relationships of a missing part ${source}`);
    const ids = new Set<string>();
    for (const r of elements(doc, 'Relationship')) {
      const id = r.getAttribute('Id') ?? '';
      if (ids.has(id)) problems.push(`${name}: duplicate relationship id ${id}`);
      ids.add(id);
      if (r.getAttribute('TargetMode') === 'External') continue;
      const target = resolveTarget(name, r.getAttribute('Target') ?? '');
      if (!zip.has(target)) problems.push(`${name}: ${id} → ${target} is not in the package`);
    }
  }

  for (const [name, part] of zip) {
    if (typeof part !== 'string' || name.endsWith('.rels') || name === '[Content_Types].xml') continue;
    const ids = new Set(relationships(zip, name).map((r) => r.id));
    for (const m of part.matchAll(/\br:(?:id|embed|link|pict)="([^"]*)"/g)) {
      if (m[1] !== '' && !ids.has(m[1]!)) problems.push(`${name}: r:id ${m[1]} has no relationship`);
    }
  }

  if (problems.length) throw new Error(`invalid OOXML package:\n  ${problems.join('\n  ')}`);
}

/** Text of a DrawingML paragraph: its `<a:t>` in order, `<a:br/>` as a newline. */
function paragraphText(p: XmlElement): string {
  let text = '';
  const walk = (node: XmlElement): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType !== 1) continue;
      const el = child as XmlElement;
      if (el.nodeName === 'a:t') text += el.textContent ?? '';
      else if (el.nodeName === 'a:br') text += '\n';
      else walk(el);
    }
  };
  walk(p);
  return text;
}

/** Slide part names in presentation order (presentation.xml's sldIdLst). */
export function slideParts(zip: Map<string, Buffer | string>): string[] {
  const pres = parseXmlStrict(xmlPart(zip, 'ppt/presentation.xml'), 'ppt/presentation.xml');
  const rels = new Map(relationships(zip, 'ppt/presentation.xml').map((r) => [r.id, r.target]));
  return elements(pres, 'p:sldId').map((s) => {
    const target = rels.get(s.getAttribute('r:id') ?? '');
    if (!target) throw new Error(`slide ${s.getAttribute('id')} has no relationship`);
    return resolveTarget('ppt/_rels/presentation.xml.rels', target);
  });
}

function nonEmptyParagraphs(root: XmlDocument | XmlElement): string[] {
  return elements(root, 'a:p')
    .map(paragraphText)
    .filter((t) => t.trim() !== '');
}

/** Per slide, in order: its non-empty paragraphs (shapes, tables; not charts). */
export function slideTexts(buf: Uint8Array): string[][] {
  const zip = readZip(buf);
  return slideParts(zip).map((name) => nonEmptyParagraphs(parseXmlStrict(xmlPart(zip, name), name)));
}

/** Per slide, in order: the paragraphs of its speaker notes (the notes body, not the slide number). */
export function notesTexts(buf: Uint8Array): string[][] {
  const zip = readZip(buf);
  return slideParts(zip).map((slide) => {
    const rel = relationships(zip, slide).find((r) => r.type.endsWith('/notesSlide'));
    if (!rel) return [];
    const name = resolveTarget(`${posix.dirname(slide)}/_rels/${posix.basename(slide)}.rels`, rel.target);
    const doc = parseXmlStrict(xmlPart(zip, name), name);
    const bodies = elements(doc, 'p:sp').filter((sp) =>
      elements(sp, 'p:ph').some((ph) => (ph.getAttribute('type') ?? 'body') === 'body'),
    );
    return bodies.flatMap((sp) => nonEmptyParagraphs(sp));
  });
}
