/**
 * Everything in a brief's package but its body, made by docx once per brand, language, footer
 * words and numbering definitions, and kept: styles, theme, settings, fonts, notes, the running
 * header, the package's relationships and content types. docx formatted all of it again for every
 * brief (its styles alone took more than half of its time), though it is the same in every brief.
 *
 * The few places that change from brief to brief are found in docx's own output and filled in per
 * brief: the footer's title and the document properties (the shell is made with marks there,
 * private-use characters, which each brief's escaped text replaces), the list instances (w:num),
 * the relationships of the body's links and pictures, and the media. So docx stays the author of
 * every part but the body's paragraphs and tables (wordml.ts).
 */
import { statSync } from 'node:fs';
import { convertMillimetersToTwip, Document, Packer, type INumberingOptions } from 'docx';
import { unzipSync } from 'fflate';
import type { Brand } from '../../templates/brand-model.js';
import { pruneContentTypes } from '../ooxml/normalize-zip.js';
import { neverChanges } from '../ooxml/zip-writer.js';
import { fontPlaceholders } from './embedded-fonts.js';
import { pageFooter, runningHeader, type DocxLabels } from './header-footer.js';
import { fixDocxPackage } from './reproducible.js';
import { docxNumbering, docxStyles, rewriteStylesXml } from './styles.js';
import { withRelationshipIds, type Body, type MediaFiles } from './body.js';
import * as w from './wordml.js';

type Entries = Record<string, Uint8Array>;

const TITLE_MARK = '\uE000';
const SUBJECT_MARK = '\uE001';
const AUTHOR_MARK = '\uE002';

export interface PackageShell {
  /**
   * Parts every brief takes as they are, already as they are written (fonts embedded, the
   * application named, content types pruned): the zip writer compresses each once.
   */
  fixedParts: Entries;
  /** Their names, for the normaliser (`finished`). */
  finished: ReadonlySet<string>;
  /** word/document.xml up to and including `<w:body>`, and from the section properties on. */
  documentHead: string;
  documentTail: string;
  /** word/_rels/document.xml.rels up to the font table's relationship (docx's last), and how many come before it. */
  relationshipsHead: string;
  fixedRelationshipCount: number;
  /** The footer around its title run. */
  footer: [before: string, after: string];
  footerPath: string;
  /** docProps/core.xml cut at the marks, and which property goes in each gap. */
  core: { pieces: string[]; gaps: ('title' | 'subject' | 'author')[] };
  /** word/numbering.xml before `</w:numbering>`: the definitions, and docx's default list (w:numId 1). */
  numberingHead: string;
  /** Each numbering definition's w:abstractNumId and its levels' start numbers (for w:lvlOverride). */
  definitions: Map<string, { abstractNumId: number; starts: { level: number; start: number }[] }>;
  /** The header's logo and its relationships part around the logo's file name (none without a logo). */
  logo?: { data: Uint8Array; extension: 'png'; relsPath: string; rels: [before: string, after: string] };
}

export interface ShellOptions {
  brand: Brand;
  langTag: string;
  labels: DocxLabels;
  /** Start numbers of the document's ordered lists, in order of first use (docxNumbering's input). */
  decimalStarts: readonly number[];
  textWidthTwips: number;
  /** docProps/app.xml's application: `council-press x.y.z`. */
  producer: string;
}

const shells = new Map<string, Promise<PackageShell>>();

/** The shell for these options: made on first use, then kept (a brief of another brand or language gets its own). */
export function packageShell(opts: ShellOptions): Promise<PackageShell> {
  // The logo's size and mtime too: a watch session may see it redrawn.
  let logoStamp = '';
  try {
    const st = statSync(opts.brand.logo);
    logoStamp = `${st.size}:${st.mtimeMs}`;
  } catch {
    // no logo: the header has none either
  }
  const key = JSON.stringify([opts.brand, logoStamp, opts.langTag, opts.labels, opts.decimalStarts, opts.textWidthTwips, opts.producer]);
  let shell = shells.get(key);
  if (!shell) {
    if (shells.size >= 64) shells.clear();
    shell = makeShell(opts);
    shells.set(key, shell);
    // A shell that failed is not kept: the next brief tries again and reports the same error.
    shell.catch(() => shells.delete(key));
  }
  return shell;
}

function text(entries: Entries, name: string): string {
  const data = entries[name];
  if (!data) throw new Error(`docx wrote no ${name}`);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
}

function cut(xml: string, at: string, what: string): [string, string] {
  const i = xml.indexOf(at);
  if (i < 0 || xml.indexOf(at, i + 1) >= 0) throw new Error(`docx's ${what} is not where council-press expects it (a docx other than 9.x?)`);
  return [xml.slice(0, i), xml.slice(i + at.length)];
}

/** The brand's page: size and margins, the header and footer halfway into the top and bottom margins. */
export function sectionPage(brand: Brand) {
  const page = brand.page;
  return {
    size: { width: convertMillimetersToTwip(page.width), height: convertMillimetersToTwip(page.height) },
    margin: {
      top: convertMillimetersToTwip(page.margins.top),
      right: convertMillimetersToTwip(page.margins.right),
      bottom: convertMillimetersToTwip(page.margins.bottom),
      left: convertMillimetersToTwip(page.margins.left),
      header: convertMillimetersToTwip(page.margins.top * 0.4),
      footer: convertMillimetersToTwip(page.margins.bottom * 0.45),
    },
  };
}

async function makeShell(opts: ShellOptions): Promise<PackageShell> {
  const { brand, labels, textWidthTwips } = opts;
  const numbering: INumberingOptions = docxNumbering(brand, opts.decimalStarts);
  const document = new Document({
    title: TITLE_MARK,
    subject: SUBJECT_MARK,
    description: SUBJECT_MARK,
    creator: AUTHOR_MARK,
    lastModifiedBy: AUTHOR_MARK,
    revision: 1,
    styles: docxStyles(brand, opts.langTag),
    numbering,
    // Placeholders: the real faces go in after packing (embedded-fonts.ts explains why).
    fonts: [{ name: brand.fonts.family, ...fontPlaceholders() }],
    sections: [
      {
        properties: { page: sectionPage(brand) },
        // The header's logo is drawing 1; the body's pictures follow.
        headers: { default: runningHeader(brand, textWidthTwips, 1) },
        footers: { default: pageFooter(TITLE_MARK, textWidthTwips, labels) },
        children: [],
      },
    ],
  });
  const entries = await compile(document);

  const documentXml = text(entries, 'word/document.xml');
  const bodyStart = documentXml.indexOf('<w:body>') + '<w:body>'.length;
  const sectionStart = documentXml.indexOf('<w:sectPr', bodyStart);
  if (bodyStart < '<w:body>'.length || sectionStart < 0) throw new Error("docx's document.xml has no body to fill");

  const rels = text(entries, 'word/_rels/document.xml.rels');
  const fontTableRel = /<Relationship [^>]*relationships\/fontTable"[^>]*\/>/.exec(rels);
  if (!fontTableRel) throw new Error("docx's document relationships have no font table");
  const fixedRelationshipCount = (rels.slice(0, fontTableRel.index).match(/<Relationship /g) ?? []).length;

  const footerPath = Object.keys(entries).find((name) => /^word\/footer\d+\.xml$/.test(name));
  if (!footerPath) throw new Error('docx wrote no footer');
  const footer = cut(text(entries, footerPath), w.run({}, w.runText(TITLE_MARK)), 'footer title');

  const coreXml = text(entries, 'docProps/core.xml');
  const marks = { [TITLE_MARK]: 'title', [SUBJECT_MARK]: 'subject', [AUTHOR_MARK]: 'author' } as const;
  const pieces = coreXml.split(/[\uE000-\uE002]/);
  const gaps = [...coreXml.matchAll(/[\uE000-\uE002]/g)].map((m) => marks[m[0] as keyof typeof marks]);

  const numberingXml = text(entries, 'word/numbering.xml');
  const [numberingHead] = cut(numberingXml, '</w:numbering>', 'numbering part');
  const definitions = new Map<string, { abstractNumId: number; starts: { level: number; start: number }[] }>();
  // docx numbers its default bullets 1 and the document's definitions after them, in order.
  numbering.config.forEach((definition, i) =>
    definitions.set(definition.reference, {
      abstractNumId: i + 2,
      starts: definition.levels.map((l) => ({ level: l.level, start: l.start ?? 1 })),
    }),
  );
  for (const { abstractNumId } of definitions.values()) {
    if (!numberingXml.includes(`<w:abstractNum w:abstractNumId="${abstractNumId}"`)) throw new Error(`docx's numbering has no definition ${abstractNumId}`);
  }

  const headerRelsPath = Object.keys(entries).find((name) => /^word\/_rels\/header\d+\.xml\.rels$/.test(name));
  const logoData = entries['word/media/image1.png'];
  const logo =
    logoData && headerRelsPath
      ? { data: logoData, extension: 'png' as const, relsPath: headerRelsPath, rels: cut(text(entries, headerRelsPath), 'media/image1.png', 'header logo') }
      : undefined;

  // What a brief's package needs done once: the brand's fonts in place of the placeholders, the
  // application named, the styles docx has no API for; and no content type for a part not written.
  fixDocxPackage(entries, { producer: opts.producer, fonts: brand.fonts.files });
  entries['word/styles.xml'] = Buffer.from(rewriteStylesXml(text(entries, 'word/styles.xml'), brand), 'utf8');
  const partNames = new Set(Object.keys(entries).filter((name) => !name.startsWith('word/media/')).map((name) => name.toLowerCase()));
  entries['[Content_Types].xml'] = Buffer.from(pruneContentTypes(text(entries, '[Content_Types].xml'), partNames), 'utf8');

  const variable = new Set(['word/document.xml', 'word/_rels/document.xml.rels', footerPath, 'docProps/core.xml', 'word/numbering.xml']);
  if (logo) variable.add(logo.relsPath);
  const fixedParts: Entries = {};
  for (const [name, data] of Object.entries(entries)) {
    if (variable.has(name) || name.startsWith('word/media/') || name.endsWith('/')) continue;
    fixedParts[name] = neverChanges(data);
  }

  return {
    fixedParts,
    finished: new Set(Object.keys(fixedParts)),
    documentHead: documentXml.slice(0, bodyStart),
    documentTail: documentXml.slice(sectionStart),
    relationshipsHead: rels.slice(0, fontTableRel.index),
    fixedRelationshipCount,
    footer,
    footerPath,
    core: { pieces, gaps },
    numberingHead,
    definitions,
    logo,
  };
}

type PackageFiles = Map<string, string | ArrayBufferView | ArrayBuffer>;
interface DocxCompiler {
  compile(file: Document, prettify?: undefined, overrides?: readonly never[]): PackageFiles;
}

/**
 * The package's parts by name. Packer.toBuffer zips them only for us to unzip them; docx's own
 * compiler hands over the parts as they are (the bytes Packer would have zipped). The compiler is
 * Packer's internal (docx 9); should a docx release move it, the zip round trip is the fallback.
 */
async function compile(document: Document): Promise<Entries> {
  const compiler = (Packer as unknown as { compiler?: Partial<DocxCompiler> }).compiler;
  if (typeof compiler?.compile !== 'function') return unzipSync(await Packer.toBuffer(document));
  const entries: Entries = {};
  for (const [path, data] of compiler.compile(document, undefined, [])) {
    // As docx's own zipFiles turns a part into bytes.
    entries[path] = typeof data === 'string' ? Buffer.from(data, 'utf8') : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
  }
  return entries;
}

const RELATIONSHIP_TYPES = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface BriefProperties {
  title: string;
  subject: string;
  author: string;
}

/**
 * One brief's parts: the shell's, with its body, the body's links and pictures, its list
 * instances, the footer's title and the document properties filled in. Relationship ids follow
 * docx's numbering (its own parts, then the pictures after a slot per link, the font table, then
 * the links, which docx draws at random and reproducible.ts numbers on), so the bytes are docx's.
 */
export function fillShell(shell: PackageShell, body: Body, media: MediaFiles, footerTitle: string, properties: BriefProperties): Entries {
  const entries: Entries = { ...shell.fixedParts };
  const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');

  const fixed = shell.fixedRelationshipCount;
  const links = body.links.length;
  const mediaId = (k: number): string => `rId${fixed + links + 1 + k}`;
  const fontTableId = fixed + links + body.media.length + 1;
  const linkId = (j: number): string => `rId${fontTableId + 1 + j}`;
  entries['word/document.xml'] = utf8(shell.documentHead + withRelationshipIds(body, linkId, mediaId) + shell.documentTail);

  let rels = shell.relationshipsHead;
  body.links.forEach((target, j) => {
    rels += `<Relationship Id="${linkId(j)}" Type="${RELATIONSHIP_TYPES}/hyperlink" Target="${w.escapeWordXml(target)}" TargetMode="External"/>`;
  });
  body.media.forEach((file, k) => {
    rels += `<Relationship Id="${mediaId(k)}" Type="${RELATIONSHIP_TYPES}/image" Target="media/${file.fileName}"/>`;
  });
  rels += `<Relationship Id="rId${fontTableId}" Type="${RELATIONSHIP_TYPES}/fontTable" Target="fontTable.xml"/></Relationships>`;
  entries['word/_rels/document.xml.rels'] = utf8(rels);

  entries[shell.footerPath] = utf8(shell.footer[0] + w.run({}, w.runText(footerTitle)) + shell.footer[1]);

  const { pieces, gaps } = shell.core;
  entries['docProps/core.xml'] = utf8(pieces.map((piece, i) => (i < gaps.length ? piece + w.escapeWordXml(properties[gaps[i]!]) : piece)).join(''));

  let numbering = shell.numberingHead;
  for (const { reference, numId } of body.lists) {
    const definition = shell.definitions.get(reference);
    if (!definition) throw new Error(`no numbering definition ${reference}`);
    numbering += `<w:num w:numId="${numId}"><w:abstractNumId w:val="${definition.abstractNumId}"/>`;
    for (const { level, start } of definition.starts) numbering += `<w:lvlOverride w:ilvl="${level}"><w:startOverride w:val="${start}"/></w:lvlOverride>`;
    numbering += '</w:num>';
  }
  entries['word/numbering.xml'] = utf8(`${numbering}</w:numbering>`);

  // The header's logo is docx's last picture: after the body's, or the body's own file if it is the same picture.
  if (shell.logo) {
    const logo = media.add(shell.logo.data, shell.logo.extension);
    entries[shell.logo.relsPath] = utf8(`${shell.logo.rels[0]}media/${logo.fileName}${shell.logo.rels[1]}`);
  }
  for (const file of media.files) entries[`word/media/${file.fileName}`] = file.data;
  return entries;
}
