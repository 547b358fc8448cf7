/**
 * OPC package checks for the DOCX tests (until a shared test/support/ooxml.ts exists): every
 * XML part well-formed, every internal relationship target present, every part with a content
 * type. Returns the problems found, so a failing test lists all of them.
 */
import { posix } from 'node:path';
import { strFromU8 } from 'fflate';

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

/** A small well-formedness check: balanced tags, quoted attributes, known entities, one root. */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const body = xml.replace(/^\uFEFF?<\?xml[^?]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const stack: string[] = [];
  let roots = 0;
  let last = 0;
  const tag = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g;
  for (const m of body.matchAll(tag)) {
    const between = body.slice(last, m.index);
    if (between.includes('<')) problems.push(`malformed markup near ${JSON.stringify(between.slice(between.indexOf('<'), between.indexOf('<') + 40))}`);
    if (between.replace(ENTITY, '').includes('&')) problems.push(`bad entity near ${JSON.stringify(between.slice(0, 40))}`);
    if (stack.length === 0 && between.trim() !== '') problems.push('text outside the root element');
    last = m.index + m[0].length;
    const [, close, name, attrs, selfClose] = m as unknown as [string, string, string, string, string];
    if (attrs.replace(/"[^"]*"|'[^']*'/g, '').includes('&')) problems.push(`bad entity in attributes of <${name}>`);
    if (close) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClose) stack.push(name);
    }
  }
  if (body.slice(last).trim() !== '') problems.push('trailing text after the root element');
  if (stack.length) problems.push(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

export function checkPackage(parts: Record<string, Uint8Array>): string[] {
  const problems: string[] = [];
  const names = Object.keys(parts).filter((n) => !n.endsWith('/'));
  for (const name of names) {
    if (/\.(xml|rels)$/.test(name)) for (const p of xmlProblems(strFromU8(parts[name]!))) problems.push(`${name}: ${p}`);
  }
  const types = parts['[Content_Types].xml'] ? strFromU8(parts['[Content_Types].xml']) : '';
  if (!types) problems.push('no [Content_Types].xml');
  const attr = (element: string, name: string): string => new RegExp(`\\b${name}="([^"]+)"`).exec(element)?.[1] ?? '';
  const defaults = new Set([...types.matchAll(/<Default\b[^>]*>/g)].map((m) => attr(m[0], 'Extension').toLowerCase()));
  const overrides = new Set([...types.matchAll(/<Override\b[^>]*>/g)].map((m) => attr(m[0], 'PartName')));
  for (const name of names) {
    if (name === '[Content_Types].xml') continue;
    const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase(); // extname('.rels') is ''
    if (!overrides.has(`/${name}`) && !defaults.has(ext)) problems.push(`${name}: no content type`);
  }
  for (const override of overrides) if (!parts[override.slice(1)]) problems.push(`content type for missing part ${override}`);
  for (const rels of names.filter((n) => n.endsWith('.rels'))) {
    const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(rels);
    const base = m ? m[1]! : '';
    const ids = new Set<string>();
    for (const r of strFromU8(parts[rels]!).matchAll(/<Relationship\b([^>]*)\/?>/g)) {
      const attrs = r[1]!;
      const id = /\bId="([^"]+)"/.exec(attrs)?.[1] ?? '';
      if (ids.has(id)) problems.push(`${rels}: duplicate id ${id}`);
      ids.add(id);
      if (/TargetMode="External"/.test(attrs)) continue;
      const target = /\bTarget="([^"]+)"/.exec(attrs)?.[1] ?? '';
      const resolved = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(base, target));
      if (!parts[resolved]) problems.push(`${rels}: ${id} → missing ${resolved}`);
    }
  }
  return problems;
}

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');

/** The text of the w:t elements of a WordprocessingML part, in document order. */
export function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join('');
}
