/**
 * Zod issues → our diagnostics, positioned on the YAML node of the failing key (Astro does the same for
 * content collections). Zod 4 only puts the input on an issue with `reportInput`, so the found value is
 * read back from the parsed data by the issue's path instead.
 */
import type { z } from 'zod';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { suggest } from '../diagnostics/suggest.js';
import { isExpectationKey } from '../diagnostics/wording.js';

type KeyPath = (string | number)[];

export interface PositionSource {
  positionOf(path: KeyPath): SourcePosition;
  keyPositionOf?(path: KeyPath): SourcePosition;
  /** The parsed data the schema was run on; used to show what was found and to tell "missing" from "wrong". */
  value?: unknown;
}

export interface ZodDiagnosticsOptions {
  /** The schema that produced the issues, for "did you mean" suggestions on unknown keys. */
  schema?: z.ZodType;
  /** Keys that are known facts but refused here (a translation's `since`): reported as `translation-fact`. */
  refusedFields?: readonly string[];
  /** Shown in the `translation-fact` hint: the file where those facts belong. */
  refusedFieldsHome?: string;
}

/** `director.name`, `images[0].src`. */
export function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { exists: boolean; value: unknown } {
  let node = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, seg)) {
      return { exists: false, value: undefined };
    }
    node = (node as Record<PropertyKey, unknown>)[seg];
  }
  return { exists: true, value: node };
}

const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too (big|small)|Unrecognized|Expected|Required)/;

type Expected = string | { en: string; ru: string };

/** A named expectation (the schema's custom error), the schema's own custom English text, or one built from the issue. */
function expectedOf(issue: z.core.$ZodIssue): Expected {
  if (isExpectationKey(issue.message)) return issue.message;
  if (issue.message && !ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      const map: Record<string, string> = { string: 'text', number: 'number', int: 'integer', array: 'list', object: 'mapping', boolean: 'boolean' };
      return map[issue.expected] ?? issue.expected;
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return 'non-empty-text';
      if (issue.origin === 'array') return { en: `a list of at least ${issue.minimum} items`, ru: `список не короче ${issue.minimum}` };
      return { en: `a number no less than ${issue.minimum}`, ru: `число не меньше ${issue.minimum}` };
    case 'too_big':
      if (issue.origin === 'string') return { en: `text of at most ${issue.maximum} characters`, ru: `текст не длиннее ${issue.maximum} знаков` };
      if (issue.origin === 'array') return { en: `a list of at most ${issue.maximum} items`, ru: `список не длиннее ${issue.maximum}` };
      return { en: `a number no greater than ${issue.maximum}`, ru: `число не больше ${issue.maximum}` };
    case 'invalid_value': {
      const list = issue.values.map((v) => String(v)).join(', ');
      return { en: `one of ${list}`, ru: `одно из: ${list}` };
    }
    case 'invalid_format':
      return { en: `text in the format ${issue.format}`, ru: `текст в формате ${issue.format}` };
    default:
      return { en: 'another value', ru: 'другое значение' };
  }
}

/** The object schema at `path` (through optional/default/array wrappers), to list its known keys. */
function objectKeysAt(schema: z.ZodType | undefined, path: readonly PropertyKey[]): string[] {
  let def = (schema as unknown as { _zod?: { def: Record<string, unknown> } } | undefined)?._zod?.def;
  const unwrap = (): void => {
    while (def && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'pipe'].includes(String(def.type))) {
      const inner = (def.innerType ?? def.in) as { _zod: { def: Record<string, unknown> } } | undefined;
      def = inner?._zod.def;
    }
  };
  unwrap();
  for (const seg of path) {
    if (!def) return [];
    if (def.type === 'object') def = (def.shape as Record<string, { _zod: { def: Record<string, unknown> } }>)[String(seg)]?._zod.def;
    else if (def.type === 'array') def = (def.element as { _zod: { def: Record<string, unknown> } })._zod.def;
    else return [];
    unwrap();
  }
  return def && def.type === 'object' ? Object.keys(def.shape as object) : [];
}

export function zodIssuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  parsed: PositionSource,
  file: string,
  options: ZodDiagnosticsOptions = {},
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const toPath = (p: readonly PropertyKey[]): KeyPath => p.map((seg) => (typeof seg === 'number' ? seg : String(seg)));
  const keyPos = (p: KeyPath): SourcePosition => (parsed.keyPositionOf ?? parsed.positionOf)(p);
  const withFile = (pos: SourcePosition): SourcePosition => ({ ...pos, file: pos.file || file });

  // Zod runs every check of a field (`min(1)` and a pattern both fail on ""): one diagnostic per field is enough.
  const seen = new Set<string>();
  for (const issue of issues) {
    const path = toPath(issue.path);
    if (issue.code !== 'unrecognized_keys') {
      const key = JSON.stringify(path);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    if (issue.code === 'unrecognized_keys') {
      const known = objectKeysAt(options.schema, issue.path);
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        const field = fieldName(keyPath);
        if (path.length === 0 && options.refusedFields?.includes(key)) {
          out.push(diagnostic('translation-fact', { field, russian: options.refusedFieldsHome ?? '' }, withFile(keyPos(keyPath))));
          continue;
        }
        out.push(
          diagnostic(
            'unknown-field',
            { field, suggestion: suggest(key, known), allowed: known.length ? known.join(', ') : undefined },
            withFile(keyPos(keyPath)),
          ),
        );
      }
      continue;
    }
    const found = valueAt(parsed.value, issue.path);
    const expected = expectedOf(issue);
    const field = fieldName(path);
    if (!found.exists && issue.code === 'invalid_type') {
      const key = path[path.length - 1];
      out.push(diagnostic('missing-field', { field, key, expected }, withFile(parsed.positionOf(path))));
    } else {
      out.push(diagnostic('invalid-type', { field: field || '(front matter)', expected, found: found.value }, withFile(parsed.positionOf(path))));
    }
  }
  return out;
}
