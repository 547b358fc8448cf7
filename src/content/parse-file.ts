/**
 * One content file, start to finish: read (size, encoding), split the front matter, parse the YAML with
 * positions, validate against a zod schema. Every problem found along the way is returned; a later step
 * runs only when the earlier one produced something to work on.
 */
import type { z } from 'zod';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { MarkdownBody } from '../schema/model.js';
import { zodIssuesToDiagnostics } from '../schema/zod-diagnostics.js';
import { splitFrontMatter } from './frontmatter.js';
import { readTextFile } from './read-file.js';
import { parseYamlWithPositions, type ParsedYaml } from './yaml.js';

export interface ParsedContentFile<T> {
  file: string;
  /** The validated front matter; absent when anything about the file is an error. */
  data?: T;
  /** The raw parsed front matter (for positions of later checks), present when the YAML parsed. */
  yaml?: ParsedYaml;
  body?: MarkdownBody;
  /** The opening `---`. */
  position: SourcePosition;
  diagnostics: Diagnostic[];
}

export interface ParseFileOptions {
  maxBytes: number;
  maxAliasCount?: number;
  /** Top-level keys refused with `translation-fact` (a translation's `since`). */
  refusedFields?: readonly string[];
  refusedFieldsHome?: string;
}

export function parseContentFile<S extends z.ZodType>(file: string, schema: S, options: ParseFileOptions): ParsedContentFile<z.infer<S>> {
  const read = readTextFile(file, options.maxBytes);
  if (read.text === undefined) return { file, position: { file, line: 1, column: 1 }, diagnostics: read.diagnostics };
  return parseContentText(read.text, file, schema, options);
}

/** The same, from text already read and decoded (the memo and the glyph check share one read). */
export function parseContentText<S extends z.ZodType>(text: string, file: string, schema: S, options: ParseFileOptions): ParsedContentFile<z.infer<S>> {
  const position: SourcePosition = { file, line: 1, column: 1 };
  const { split, diagnostics: splitDiagnostics } = splitFrontMatter(text, file);
  if (!split) return { file, position, diagnostics: splitDiagnostics };

  const diagnostics: Diagnostic[] = [];
  const body: MarkdownBody = { text: split.bodyText, file, startLine: split.bodyStartLine };
  if (split.bodyEmpty) diagnostics.push(diagnostic('frontmatter-only', {}, { file, line: split.bodyStartLine - 1, column: 1 }));

  // The YAML's line 1 is the file's line 2: the opening fence is line `fenceLine`.
  const yaml = parseYamlWithPositions(split.dataText, file, split.fenceLine, { maxAliasCount: options.maxAliasCount });
  diagnostics.push(...yaml.diagnostics);
  if (yaml.diagnostics.some((d) => d.severity === 'error')) return { file, position, body, yaml, diagnostics };

  // Empty front matter (`---` then `---`) reads as no fields at all, so each missing field is named.
  const value = yaml.value === null || yaml.value === undefined ? {} : yaml.value;
  const result = schema.safeParse(value);
  if (!result.success) {
    diagnostics.push(
      ...zodIssuesToDiagnostics(result.error.issues, { ...yaml, value }, file, {
        schema,
        refusedFields: options.refusedFields,
        refusedFieldsHome: options.refusedFieldsHome,
      }),
    );
    return { file, position, body, yaml, diagnostics };
  }
  return { file, position, body, yaml, data: result.data as z.infer<S>, diagnostics };
}
