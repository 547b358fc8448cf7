/**
 * Issue 6: `build --watch` reloads the whole content folder after every save, and with 300
 * partnerships parsing them all again (YAML, zod) cost ~100–300 ms for one changed file. The memo
 * keeps each file's parse result for the life of the process and hands it back when the file's
 * bytes are exactly those parsed last time (the bytes are read and compared every load: no mtime is
 * trusted, an editor that keeps the date or a clock that jumps cannot fool it).
 *
 * A hit returns the very same objects as last time (the ParsedContentFile, its body and data), so
 * later stages keying WeakMaps on them (the Markdown body cache) reuse their work too. Those objects
 * are frozen (see freezeDeep): nothing downstream may change them, because the next load hands them
 * out again. Diagnostics are the same as an unmemoized load: everything a parse depends on is in the
 * key (file, schema, options, message language, bytes); the glyph check's findings are kept with the
 * check (the brand) they came from.
 *
 * Bounded: a load keeps only the entries of the files it saw (one generation per content folder), and
 * only the last few content folders are kept.
 */
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { getMessagesLanguage } from '../diagnostics/catalogue.js';
import type { GlyphCheck } from './glyphs.js';
import { parseContentText, type ParsedContentFile, type ParseFileOptions } from './parse-file.js';
import { decodeText, readFileBytes } from './read-file.js';

interface Entry {
  schema: z.ZodType;
  /** Options and message language: everything besides the bytes that a parse's result depends on. */
  key: string;
  bytes: Buffer;
  text: string;
  parsed: ParsedContentFile<unknown>;
  /** The glyph check's findings on `text`, with the check they came from (a new brand means a new check). */
  glyphs?: { check: GlyphCheck; diagnostics: readonly Diagnostic[] };
}

/** A file read and parsed; `text` (the decoded text) is absent when the file could not be read. */
export interface LoadedContent<T> {
  parsed: ParsedContentFile<T>;
  text?: string;
}

/** Content folders remembered at once (the project's own, plus the odd other one a test or the API loads). */
const MAX_FOLDERS = 4;
const folders = new Map<string, Map<string, Entry>>();

/** Forgets everything (tests; a caller that wants a cold load). */
export function clearContentMemo(): void {
  folders.clear();
}

/**
 * Freezes what a hit shares between loads: the result, its data, body, position, diagnostics and the
 * yaml value. The yaml document behind `yaml.positionOf` is closed over, not reachable, and only read.
 */
export function freezeDeep<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freezeDeep(v);
  }
  return value;
}

const optionsKey = (options: ParseFileOptions): string =>
  JSON.stringify([getMessagesLanguage(), options.maxBytes, options.maxAliasCount ?? null, options.refusedFields ?? null, options.refusedFieldsHome ?? null]);

/** One load's view of the memo: reads from the previous generation, writes the next; `commit` ends the load. */
export class ContentMemo {
  private readonly previous: Map<string, Entry>;
  private readonly next = new Map<string, Entry>();

  constructor(private readonly folder: string) {
    this.previous = folders.get(folder) ?? new Map();
  }

  load<S extends z.ZodType>(file: string, schema: S, options: ParseFileOptions): LoadedContent<z.infer<S>> {
    const read = readFileBytes(file, options.maxBytes);
    if (!read.bytes) return { parsed: { file, position: { file, line: 1, column: 1 }, diagnostics: read.diagnostics } };
    const key = optionsKey(options);
    const old = this.previous.get(file);
    if (old && old.schema === schema && old.key === key && old.bytes.equals(read.bytes)) {
      this.next.set(file, old);
      return { parsed: old.parsed as ParsedContentFile<z.infer<S>>, text: old.text };
    }
    const decoded = decodeText(read.bytes, file);
    if (decoded.text === undefined) return { parsed: { file, position: { file, line: 1, column: 1 }, diagnostics: decoded.diagnostics } };
    const parsed = parseContentText(decoded.text, file, schema, options);
    freezeDeep(parsed);
    this.next.set(file, { schema, key, bytes: read.bytes, text: decoded.text, parsed });
    return { parsed, text: decoded.text };
  }

  /** The glyph check of a file this load read: remembered with its text, so an unchanged file is not scanned again. */
  glyphs(file: string, text: string, check: GlyphCheck): readonly Diagnostic[] {
    const entry = this.next.get(file);
    if (!entry || entry.text !== text) return check(text, file);
    if (entry.glyphs?.check !== check) entry.glyphs = { check, diagnostics: freezeDeep(check(text, file)) };
    return entry.glyphs.diagnostics;
  }

  /** Keeps only the files this load saw; the folder becomes the most recently used. */
  commit(): void {
    folders.delete(this.folder);
    folders.set(this.folder, this.next);
    while (folders.size > MAX_FOLDERS) folders.delete(folders.keys().next().value!);
  }
}
