// The text of every artifact in an output folder, as a reader's program sees it: every <a:t> of a
// PPTX (slides, notes, masters), every <w:t> of a DOCX (body, headers, footers), pdftotext of a PDF.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readZip } from '../support/ooxml.js';
import { pdfText } from '../support/poppler.js';

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return XML_ENTITIES[e] ?? m;
  });
}

/** Text runs of one OOXML package: `<a:t>` (DrawingML) and `<w:t>` (WordprocessingML) in every XML part. */
export function ooxmlRuns(data: Buffer): { part: string; text: string }[] {
  const out: { part: string; text: string }[] = [];
  for (const [name, body] of readZip(data)) {
    if (!/\.xml$/.test(name)) continue;
    const xml = typeof body === 'string' ? body : body.toString('utf8');
    for (const m of xml.matchAll(/<(a|w):t(?:\s[^>]*)?>([^<]*)<\/\1:t>/g)) out.push({ part: name, text: unescapeXml(m[2]!) });
  }
  return out;
}

/** All XML of a package, raw (for "this string never reaches the file", escaped or not). */
export function ooxmlXml(data: Buffer): string {
  return [...readZip(data)].filter(([n]) => /\.(xml|rels)$/.test(n)).map(([, b]) => (typeof b === 'string' ? b : b.toString('utf8'))).join('\n');
}

export function artifactText(outDir: string, rel: string): string {
  const file = join(outDir, rel);
  if (rel.endsWith('.pdf')) return pdfText(file);
  return ooxmlRuns(readFileSync(file)).map((r) => r.text).join('\n');
}
