/**
 * YAML with positions. gray-matter gives no positions and parses with js-yaml 3 (YAML 1.1: `12:30` is the
 * sexagesimal number 750, `no` is false), so we parse with the `yaml` package: YAML 1.2 core schema, node
 * ranges for `file:line:col`, unique keys, and a bounded alias count against "billion laughs".
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';

export type KeyPath = (string | number)[];

export interface ParsedYaml {
  value: unknown;
  diagnostics: Diagnostic[];
  /** 1-based position of the VALUE at `path`, or of the nearest existing parent; root → the opening `---`. */
  positionOf(path: KeyPath): SourcePosition;
  /** 1-based position of the KEY at `path` (for unknown fields), falling back like `positionOf`. */
  keyPositionOf(path: KeyPath): SourcePosition;
}

export const DEFAULT_MAX_ALIAS_COUNT = 100;

/** Russian wording for the yaml package's error codes we expect from hand-edited files. */
const russianDetail: Record<string, string> = {
  TAB_AS_INDENT: 'табуляция в отступе',
  BAD_INDENT: 'неверный отступ',
  MISSING_CHAR: 'не хватает закрывающего символа (кавычки или скобки)',
  DUPLICATE_KEY: 'поле повторяется',
  BLOCK_AS_IMPLICIT_KEY: 'неверный отступ или двоеточие внутри значения',
  MULTILINE_IMPLICIT_KEY: 'ключ должен помещаться на одной строке',
  TAG_RESOLVE_FAILED: 'неизвестный тег',
  UNEXPECTED_TOKEN: 'неожиданный символ',
};

/** The yaml package's message without its " at line L, column C:" suffix and code frame (we print our own position). */
function shortMessage(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}

/**
 * The yaml package reports an unclosed quote where the text ends, often lines below the mistake; the
 * useful place is the quote that was opened: the last value that starts with a quote before that point.
 */
function openingQuote(text: string, errorOffset: number, at: (offset: number) => SourcePosition): SourcePosition | undefined {
  const before = text.slice(0, errorOffset);
  const re = /(^|[:\-[{,]\s+|^\s*)(["'])/gm;
  let last: number | undefined;
  for (let m = re.exec(before); m; m = re.exec(before)) last = m.index + m[1]!.length;
  return last === undefined ? undefined : at(last);
}

export function parseYamlWithPositions(
  text: string,
  file: string,
  lineOffset: number,
  options: { maxAliasCount?: number } = {},
): ParsedYaml {
  const maxAliasCount = options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: true,
    lineCounter,
    // Unknown tags (`!!js/function`) stay plain strings plus a warning; nothing is ever constructed from them.
    customTags: [],
  });
  const diagnostics: Diagnostic[] = [];
  const rootLine = Math.max(1, lineOffset);
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line: line + lineOffset, column: col };
  };

  // One YAML mistake often cascades into several errors on the same line; the first one is the useful one.
  const reportedLines = new Set<number>();
  for (const [list, severity] of [
    [doc.errors, 'error'],
    [doc.warnings, 'warning'],
  ] as const) {
    for (const err of list) {
      const pos = err.linePos?.[0];
      let position: SourcePosition = pos ? { file, line: pos.line + lineOffset, column: pos.col } : at(err.pos[0]);
      if (err.code === 'MISSING_CHAR' && /quote/.test(err.message)) position = openingQuote(text, err.pos[0], at) ?? position;
      if (reportedLines.has(position.line)) continue;
      reportedLines.add(position.line);
      diagnostics.push(
        diagnostic(
          'yaml-syntax',
          { detail: shortMessage(err.message), detailRu: russianDetail[err.code], yamlCode: err.code },
          position,
          severity,
        ),
      );
    }
  }

  let value: unknown = undefined;
  if (doc.errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount });
    } catch (e) {
      // yaml throws a ReferenceError "Excessive alias count indicates a resource exhaustion attack".
      const message = e instanceof Error ? e.message : String(e);
      if (/alias/i.test(message)) {
        diagnostics.push(diagnostic('yaml-alias-limit', { limit: maxAliasCount }, { file, line: rootLine, column: 1 }));
      } else {
        diagnostics.push(diagnostic('yaml-syntax', { detail: message }, { file, line: rootLine, column: 1 }));
      }
    }
  }

  /** Walks `path` through the document; returns the deepest node found (value and key) for it. */
  const walk = (path: KeyPath): { value?: YamlNode | null; key?: YamlNode | null; complete: boolean; parent?: YamlNode } => {
    let node: unknown = doc.contents;
    let lastFound: YamlNode | undefined;
    let key: YamlNode | null | undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return { complete: false, parent: lastFound ?? (node as YamlNode) };
        lastFound = node as YamlNode;
        key = pair.key as YamlNode;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        lastFound = node as YamlNode;
        key = null;
        node = node.items[segment];
      } else {
        return { complete: false, parent: (node as YamlNode | undefined) ?? lastFound };
      }
    }
    return { value: node as YamlNode | null, key, complete: true, parent: lastFound };
  };

  const rangeStart = (node: YamlNode | null | undefined): number | undefined => {
    // An empty value (`since:` with nothing after it) is a null scalar whose range may be empty; use it anyway.
    return node && node.range ? node.range[0] : undefined;
  };

  const root: SourcePosition = { file, line: rootLine, column: 1 };
  const positionOf = (path: KeyPath): SourcePosition => {
    if (path.length === 0) return root;
    const found = walk(path);
    if (found.complete) {
      const start = rangeStart(found.value) ?? rangeStart(found.key);
      if (start !== undefined) return at(start);
    }
    // Missing: point at the parent value (for the top level, the opening `---`).
    if (path.length === 1) return root;
    return positionOf(path.slice(0, -1));
  };
  const keyPositionOf = (path: KeyPath): SourcePosition => {
    if (path.length === 0) return root;
    const found = walk(path);
    const start = found.complete ? rangeStart(found.key) ?? rangeStart(found.value) : undefined;
    return start !== undefined ? at(start) : positionOf(path);
  };

  return { value, diagnostics, positionOf, keyPositionOf };
}
