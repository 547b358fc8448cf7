// Reading PDFs back with poppler-utils and qpdf: text, fonts, metadata, page images, word boxes,
// structural validity. Each function throws ToolMissingError when its program is absent; tests
// call requirePopplerOrSkip(ctx) first so a missing tool skips (or fails under CI=true).
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { projectFontconfig } from './fontconfig.js';
import { requireToolsOrSkip, run, type SkipContext } from './tools.js';
import { decodeXmlEntities } from './xml-entities.js';

export const POPPLER_TOOLS = ['pdftotext', 'pdffonts', 'pdfinfo', 'pdftoppm'] as const;

/** Skips (or fails under CI=true) unless poppler-utils, and qpdf when asked, are installed. */
export function requirePopplerOrSkip(ctx: SkipContext, opts: { qpdf?: boolean } = {}): void {
  requireToolsOrSkip(ctx, opts.qpdf ? [...POPPLER_TOOLS, 'qpdf'] : [...POPPLER_TOOLS]);
}

const pageArgs = (o: { firstPage?: number; lastPage?: number }): string[] => [
  ...(o.firstPage !== undefined ? ['-f', String(o.firstPage)] : []),
  ...(o.lastPage !== undefined ? ['-l', String(o.lastPage)] : []),
];

export interface PdfTextOptions {
  /** Keep the physical layout (columns, line positions); default is reading order. */
  layout?: boolean;
  firstPage?: number;
  lastPage?: number;
}

/** The PDF's text as UTF-8 (pages separated by form feeds). */
export function pdfText(pdfFile: string, opts: PdfTextOptions = {}): string {
  const args = ['-enc', 'UTF-8', ...(opts.layout ? ['-layout'] : []), ...pageArgs(opts)];
  return run('pdftotext', [...args, pdfFile, '-']).stdout;
}

export interface PdfFont {
  /** As the PDF names it, subset prefix included: `BAAAAA+PTSans-Regular`. */
  name: string;
  /** Without the six-letter subset prefix: `PTSans-Regular`. */
  baseName: string;
  type: string;
  encoding: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** `pdffonts`: one entry per font resource of the document. */
export function pdfFonts(pdfFile: string): PdfFont[] {
  const lines = run('pdffonts', [pdfFile]).stdout.split('\n');
  const rule = lines.findIndex((l) => /^-+ -+/.test(l));
  if (rule < 0) throw new Error(`pdffonts: unexpected output for ${pdfFile}:\n${lines.join('\n')}`);
  // Columns are fixed-width, but a long name pushes the rest right, so split on blanks instead:
  // name (no blanks in a PDF name), type (may have blanks: "CID TrueType"), encoding, then
  // emb sub uni object-number generation.
  return lines
    .slice(rule + 1)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const t = line.trim().split(/\s+/);
      if (t.length < 8) throw new Error(`pdffonts: cannot read the line ${JSON.stringify(line)}`);
      const [emb, sub, uni] = t.slice(-5, -2);
      const name = t[0]!;
      return {
        name,
        baseName: name.replace(/^[A-Z]{6}\+/, ''),
        type: t.slice(1, -6).join(' '),
        encoding: t[t.length - 6]!,
        embedded: emb === 'yes',
        subset: sub === 'yes',
        unicode: uni === 'yes',
      };
    });
}

/** `pdfinfo` as key → value (Title, Author, Creator, Producer, Pages, Page size, Tagged, …). */
export function pdfInfo(pdfFile: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of run('pdfinfo', ['-enc', 'UTF-8', pdfFile]).stdout.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1]!.trim()] = m[2]!.trim();
  }
  return info;
}

export function pdfPageCount(pdfFile: string): number {
  const pages = Number(pdfInfo(pdfFile)['Pages']);
  if (!Number.isInteger(pages)) throw new Error(`pdfinfo gave no page count for ${pdfFile}`);
  return pages;
}

/**
 * Renders every page to PNG: `<outPrefix>-<n>.png` (pdftoppm pads n to the page count's width).
 * Returns the files in page order. Runs with the project's fonts.conf, for PDFs with unembedded fonts.
 */
export function pdfToPngs(pdfFile: string, outPrefix: string, dpi = 60): string[] {
  const prefix = resolve(outPrefix);
  const dir = dirname(prefix);
  const stem = basename(prefix);
  const pageFile = new RegExp(`^${escapeRegExp(stem)}-(\\d+)\\.png$`);
  const pages = (): Array<{ f: string; n: number }> =>
    readdirSync(dir)
      .map((f) => ({ f, m: pageFile.exec(f) }))
      .filter((x): x is { f: string; m: RegExpExecArray } => x.m !== null)
      .map((x) => ({ f: x.f, n: Number(x.m[1]) }));
  mkdirSync(dir, { recursive: true });
  // Pages of an earlier, longer render must not pass for pages of this one.
  for (const p of pages()) rmSync(join(dir, p.f));
  run('pdftoppm', ['-png', '-r', String(dpi), pdfFile, prefix], { env: projectFontconfig().env });
  return pages()
    .sort((a, b) => a.n - b.n)
    .map((p) => join(dir, p.f));
}

export interface BBoxWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
export interface BBoxPage {
  /** In PDF points; y grows downwards from the page's top edge, as in pdftotext's output. */
  width: number;
  height: number;
  words: BBoxWord[];
}

/** Every word with its box, page by page (`pdftotext -bbox`), for layout checks. */
export function pdfBBoxWords(pdfFile: string, opts: { firstPage?: number; lastPage?: number } = {}): BBoxPage[] {
  const xhtml = run('pdftotext', ['-bbox', '-enc', 'UTF-8', ...pageArgs(opts), pdfFile, '-']).stdout;
  return parseBBoxXhtml(xhtml);
}

/** Parses pdftotext's -bbox XHTML (a fixed, machine-written format: <page> and <word> elements). */
export function parseBBoxXhtml(xhtml: string): BBoxPage[] {
  const pages: BBoxPage[] = [];
  const pageRe = /<page\s+width="([\d.]+)"\s+height="([\d.]+)">([\s\S]*?)<\/page>/g;
  const wordRe =
    /<word\s+xMin="([-\d.]+)"\s+yMin="([-\d.]+)"\s+xMax="([-\d.]+)"\s+yMax="([-\d.]+)">([\s\S]*?)<\/word>/g;
  for (const p of xhtml.matchAll(pageRe)) {
    const words: BBoxWord[] = [];
    for (const w of p[3]!.matchAll(wordRe)) {
      words.push({
        text: decodeXmlEntities(w[5]!),
        xMin: Number(w[1]),
        yMin: Number(w[2]),
        xMax: Number(w[3]),
        yMax: Number(w[4]),
      });
    }
    pages.push({ width: Number(p[1]), height: Number(p[2]), words });
  }
  return pages;
}

export interface QpdfCheck {
  /** No errors (warnings allowed). */
  ok: boolean;
  warnings: boolean;
  output: string;
}

/** `qpdf --check`: exit 0 clean, 3 warnings only, 2 errors. */
export function qpdfCheck(pdfFile: string): QpdfCheck {
  const r = run('qpdf', ['--check', pdfFile], { okCodes: [0, 2, 3] });
  return { ok: r.status !== 2, warnings: r.status === 3, output: `${r.stdout}${r.stderr}` };
}


function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
