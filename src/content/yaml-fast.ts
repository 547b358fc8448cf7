/**
 * Issue 6: the yaml package is most of a cold load (300 front matters: ~150 ms before its code is
 * optimised, ~40 ms after), yet nearly every front matter is the same plain shape: `key: value`
 * lines, block lists, maps nested by indentation. This reads exactly that shape in one pass over
 * the lines and gives up (returns undefined) on anything else (quotes, flow collections, anchors,
 * tags, multi-line scalars, empty values, tabs, duplicate keys, an odd indent), which then goes
 * to the yaml package as before. What it accepts, it reads as yaml does: the values come from the
 * yaml package's own core-schema tests, the positions are the node starts yaml reports (a scalar's
 * first character, a block map's first key, a block list's first `-`), and there are no
 * diagnostics, since yaml finds none in this shape (test/content/yaml-fast.test.ts checks both on
 * generated documents).
 */
import { Schema } from 'yaml';

export interface FastPosition {
  /** 0-based line within the YAML text. */
  line: number;
  /** 1-based column, UTF-16 units (as yaml's LineCounter). */
  col: number;
}

export type FastNode =
  | { kind: 'scalar'; start: FastPosition; value: string | number }
  | { kind: 'map'; start: FastPosition; pairs: Map<string, { key: FastPosition; node: FastNode }> }
  | { kind: 'seq'; start: FastPosition; items: FastNode[] };

/** The tags a plain scalar is tested against, in the order yaml tries them (core schema, YAML 1.2). */
let coreTags: Schema['tags'] | undefined;
const tags = () => (coreTags ??= new Schema({ schema: 'core', customTags: [] }).tags);

/** Characters yaml may treat specially or that the simple reading below does not model. */
const REFUSED_CHARS = /[\t\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]/;
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?$/;
const PLAIN_START = /^[\p{L}\p{N}«]/u;
const SIMPLE_INT = /^(?:0|[1-9][0-9]{0,14})$/;

/** A plain scalar's text → its value as yaml resolves it; undefined for anything but a string or a small integer. */
function resolvePlain(text: string): string | number | undefined {
  const tag = tags().find((t) => t.default === true && t.test?.test(text));
  if (!tag) return text;
  if (tag.tag === 'tag:yaml.org,2002:int' && !tag.format && SIMPLE_INT.test(text)) return Number(text);
  return undefined;
}

/** Cuts a trailing comment and spaces; undefined when what is left is not a plain scalar this reads. */
function plainText(rest: string): string | undefined {
  const comment = rest.search(/ #/);
  const text = (comment >= 0 ? rest.slice(0, comment) : rest).replace(/ +$/, '');
  if (!text || !PLAIN_START.test(text) || text.includes(': ') || text.endsWith(':')) return undefined;
  return text;
}

interface Line {
  indent: number;
  /** The line without its indent. */
  content: string;
}

export function parseFastYaml(text: string): { value: Record<string, unknown>; root: FastNode } | undefined {
  if (REFUSED_CHARS.test(text)) return undefined;
  const lines: (Line | undefined)[] = text.split('\n').map((raw) => {
    const content = raw.replace(/^ +/, '');
    // Blank and comment-only lines carry no structure.
    if (content === '' || content.startsWith('#')) return undefined;
    return { indent: raw.length - content.length, content };
  });
  let i = 0;
  const next = (): number => {
    while (i < lines.length && !lines[i]) i++;
    return i;
  };
  const failed = Symbol('failed');
  const fail = (): never => {
    throw failed;
  };

  const scalar = (rest: string, line: number, col: number): FastNode => {
    const text = plainText(rest) ?? fail();
    const value = resolvePlain(text) ?? fail();
    return { kind: 'scalar', start: { line, col }, value };
  };

  /** A block map whose keys sit at `indent`, starting at line i (which is a key line at that indent). */
  const map = (indent: number): FastNode => {
    const pairs = new Map<string, { key: FastPosition; node: FastNode }>();
    const start = { line: i, col: indent + 1 };
    while (next() < lines.length && lines[i]!.indent === indent) {
      const { content } = lines[i]!;
      const m = KEY_LINE.exec(content) ?? fail();
      const key = m[1]!;
      if (pairs.has(key) || key === '__proto__' || resolvePlain(key) !== key) fail();
      const keyAt = { line: i, col: indent + 1 };
      const rest = m[2] === undefined ? '' : m[2];
      const restText = rest.startsWith('#') ? '' : rest;
      let node: FastNode;
      if (restText.replace(/ +$/, '') !== '') {
        node = scalar(restText, i, indent + 1 + content.length - rest.length);
        i++;
      } else {
        // `key:` then a block: more indented, or a list at the same indent; nothing (null) is left to yaml.
        i++;
        if (next() >= lines.length) fail();
        const child = lines[i]!;
        if (child.indent > indent) node = block(child.indent);
        else if (child.indent === indent && /^-( |$)/.test(child.content)) node = seq(indent);
        else node = fail();
      }
      pairs.set(key, { key: keyAt, node });
    }
    if (i < lines.length && lines[i]!.indent > indent) fail();
    return { kind: 'map', start, pairs };
  };

  /** A block list whose `-` sit at `indent`. */
  const seq = (indent: number): FastNode => {
    const items: FastNode[] = [];
    const start = { line: i, col: indent + 1 };
    while (next() < lines.length && lines[i]!.indent === indent && /^-( |$)/.test(lines[i]!.content)) {
      const { content } = lines[i]!;
      const after = content.slice(1).replace(/^ +/, '');
      if (after === '' || after.startsWith('#')) fail();
      const col = indent + 1 + content.length - after.length;
      if (KEY_LINE.test(after)) {
        // `- key: value`: a map whose keys line up under the first one.
        const itemIndent = col - 1;
        lines[i] = { indent: itemIndent, content: after };
        items.push(map(itemIndent));
      } else {
        items.push(scalar(after, i, col));
        i++;
      }
    }
    if (i < lines.length && lines[i]!.indent > indent) fail();
    return { kind: 'seq', start, items };
  };

  const block = (indent: number): FastNode => (/^-( |$)/.test(lines[i]!.content) ? seq(indent) : map(indent));

  try {
    if (next() >= lines.length || lines[i]!.indent !== 0) return undefined;
    // Document markers and directives are yaml's business.
    if (lines.some((l) => l && l.indent === 0 && /^(---|\.\.\.|%)/.test(l.content))) return undefined;
    const root = map(0);
    if (next() < lines.length) return undefined;
    return { value: toJS(root) as Record<string, unknown>, root };
  } catch (e) {
    if (e === failed) return undefined;
    throw e;
  }
}

function toJS(node: FastNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toJS);
  const out: Record<string, unknown> = {};
  for (const [key, { node: child }] of node.pairs) out[key] = toJS(child);
  return out;
}
