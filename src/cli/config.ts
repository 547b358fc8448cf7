/**
 * The config file: `council-press.config.json` in the current folder, or a `"council-press"` key in
 * package.json (the Node convention of eslint, prettier, babel). Validated like content: zod for the
 * shape, and positions from the `yaml` package (JSON is YAML 1.2), so a mistake reads
 * `council-press.config.json:3:14: error: formats[1]: expected one of pptx, docx, pdf, got "ppt"`.
 * The schema and its validation (config-schema.ts: zod, yaml) load only when there is a config:
 * every command starts by looking for one, and most projects have none.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.js';
import type { ConfigFile } from './config-schema.js';

export type { ConfigFile } from './config-schema.js';

export const CONFIG_FILE = 'council-press.config.json';
export const PACKAGE_KEY = 'council-press';

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

/** Validates a config found in `file` (at `keyPath` in its JSON), loading zod and yaml for it. */
async function validate(file: string, text: string, json: unknown, keyPath: string[]): Promise<{ config: ConfigFile; diagnostics: Diagnostic[] }> {
  const { validateConfig } = await import('./config-schema.js');
  return validateConfig(file, text, json, keyPath);
}

/** Reads the config of the project in `cwd` (or the file `explicit` names). No config is not an error. */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  const candidates = explicit ? [resolve(cwd, explicit)] : [join(cwd, CONFIG_FILE)];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const json = parseJsonFile(file);
    if (json.diagnostics.length) return { config: {}, file, dir: dirname(file), diagnostics: json.diagnostics };
    return { ...(await validate(file, json.text, json.value, [])), file, dir: dirname(file) };
  }
  const pkg = join(cwd, 'package.json');
  if (!explicit && existsSync(pkg)) {
    const json = parseJsonFile(pkg);
    if (json.diagnostics.length) return { config: {}, file: pkg, dir: cwd, diagnostics: json.diagnostics };
    const value = json.value as Record<string, unknown> | null;
    if (value && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, PACKAGE_KEY)) {
      return { ...(await validate(pkg, json.text, json.value, [PACKAGE_KEY])), file: pkg, dir: cwd };
    }
  }
  return { config: {}, dir: cwd, diagnostics: [] };
}
