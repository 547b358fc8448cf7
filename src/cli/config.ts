/**
 * The config file: `council-press.config.json` in the current folder, or a `"council-press"` key in
 * package.json (the Node convention of eslint, prettier, babel). Validated like content: zod for the
 * shape, and positions from the `yaml` package (JSON is YAML 1.2), so a mistake reads
 * `council-press.config.json:3:14: error: formats[1]: expected one of pptx, docx, pdf, got "ppt"`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { FORMATS } from '../build/plan.js';
import { parseYamlWithPositions } from '../content/yaml.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.js';
import { zodIssuesToDiagnostics } from '../schema/zod-diagnostics.js';

export const CONFIG_FILE = 'council-press.config.json';
export const PACKAGE_KEY = 'council-press';

const path = () => z.string({ error: 'text' }).min(1, { error: 'non-empty-text' });

export const configSchema = z.strictObject({
  content: path().optional(),
  templates: path().optional(),
  out: path().optional(),
  cacheDir: path().optional(),
  formats: z.array(z.enum(FORMATS), { error: 'list' }).min(1).optional(),
  langs: z.array(z.enum(['ru', 'en']), { error: 'list' }).min(1).optional(),
  messages: z.enum(['en', 'ru']).optional(),
  strict: z.boolean({ error: 'boolean' }).optional(),
});

export type ConfigFile = z.infer<typeof configSchema>;

export interface LoadedConfig {
  config: ConfigFile;
  /** Absolute path of the file the config came from; absent when there is none. */
  file?: string;
  /** The folder the config's relative paths are resolved from. */
  dir: string;
  diagnostics: Diagnostic[];
}

function positionAt(text: string, offset: number, file: string): SourcePosition {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { file, line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/**
 * Where JSON.parse gave up. V8 names the offset in most messages ("… in JSON at position 8") but not
 * for an unexpected token; then the first prefix that fails for a reason other than "ended too soon"
 * ends at the offending character (config files are small, so trying prefixes is cheap).
 */
function jsonErrorOffset(text: string, message: string): number {
  const named = /at position (\d+)/.exec(message);
  if (named) return Number(named[1]);
  const incomplete = (m: string, length: number): boolean => {
    if (/Unexpected end of JSON input/.test(m)) return true;
    const at = /at position (\d+)/.exec(m);
    return Boolean(at && Number(at[1]) >= length);
  };
  for (let length = 1; length <= text.length; length++) {
    try {
      JSON.parse(text.slice(0, length));
    } catch (error) {
      if (!incomplete((error as Error).message, length)) return length - 1;
    }
  }
  return 0;
}

/** V8's message without the echoed source text: `Unexpected token '}', "{"a": tru}" is not valid JSON`. */
function jsonDetail(message: string): string {
  return message
    .replace(/, (\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/^Unexpected token '(\s)'$/, (_m, c: string) => (c === '\n' ? 'Unexpected end of line' : 'Unexpected white space'));
}

function parseJsonFile(file: string): { value?: unknown; text: string; diagnostics: Diagnostic[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { text: '', diagnostics: [diagnostic('read-error', { reason: (error as NodeJS.ErrnoException).code ?? String(error) }, { file, line: 1, column: 1 })] };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return { value: JSON.parse(text), text, diagnostics: [] };
  } catch (error) {
    const message = (error as Error).message;
    return { text, diagnostics: [diagnostic('config-json', { detail: jsonDetail(message) }, positionAt(text, jsonErrorOffset(text, message), file))] };
  }
}

/** Validates the config object found at `keyPath` inside a parsed JSON file. */
function validate(file: string, text: string, json: unknown, keyPath: string[]): { config: ConfigFile; diagnostics: Diagnostic[] } {
  // The yaml package only for positions; the value is JSON.parse's.
  const parsed = parseYamlWithPositions(text, file, 0);
  // Valid JSON the yaml package still objects to is a duplicate key: JSON.parse silently keeps the last one.
  const diagnostics = parsed.diagnostics.filter((d) => d.severity === 'error');
  let value: unknown = json;
  for (const key of keyPath) value = (value as Record<string, unknown>)[key];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const field = keyPath.length ? keyPath.join('.') : '(config)';
    return { config: {}, diagnostics: [...diagnostics, diagnostic('invalid-type', { field, expected: 'mapping', found: value }, parsed.positionOf(keyPath))] };
  }
  const result = configSchema.safeParse(value);
  if (result.success) return { config: result.data, diagnostics };
  const source = {
    positionOf: (p: (string | number)[]) => parsed.positionOf([...keyPath, ...p]),
    keyPositionOf: (p: (string | number)[]) => parsed.keyPositionOf([...keyPath, ...p]),
    value,
  };
  return { config: {}, diagnostics: [...diagnostics, ...zodIssuesToDiagnostics(result.error.issues, source, file, { schema: configSchema })] };
}

/** Reads the config of the project in `cwd` (or the file `explicit` names). No config is not an error. */
export function loadConfig(cwd: string, explicit?: string): LoadedConfig {
  const candidates = explicit ? [resolve(cwd, explicit)] : [join(cwd, CONFIG_FILE)];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const json = parseJsonFile(file);
    if (json.diagnostics.length) return { config: {}, file, dir: dirname(file), diagnostics: json.diagnostics };
    return { ...validate(file, json.text, json.value, []), file, dir: dirname(file) };
  }
  const pkg = join(cwd, 'package.json');
  if (!explicit && existsSync(pkg)) {
    const json = parseJsonFile(pkg);
    if (json.diagnostics.length) return { config: {}, file: pkg, dir: cwd, diagnostics: json.diagnostics };
    const value = json.value as Record<string, unknown> | null;
    if (value && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, PACKAGE_KEY)) {
      return { ...validate(pkg, json.text, json.value, [PACKAGE_KEY]), file: pkg, dir: cwd };
    }
  }
  return { config: {}, dir: cwd, diagnostics: [] };
}
