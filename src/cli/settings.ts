/**
 * One resolved set of settings for a command: defaults, then the config file, then the flags.
 * Paths from the config are relative to the config file's folder; paths from flags to the current folder.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { FORMATS, type Format } from '../build/plan.js';
import type { MessagesLanguage } from '../diagnostics/catalogue.js';
import { messagesLanguageFromEnv } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Lang } from '../document/model.js';
import { splitList, UsageError, type ParsedValues } from './args.js';
import { loadConfig } from './config.js';

export const DEFAULTS = {
  content: 'content',
  templates: 'templates',
  out: 'output',
  cacheDir: 'node_modules/.cache/council-press',
  formats: FORMATS,
  langs: ['ru'] as readonly Lang[],
} as const;

export type ReporterKind = 'text' | 'github';

export interface Settings {
  cwd: string;
  contentDir: string;
  templatesDir: string;
  outDir: string;
  cacheDir: string;
  /** Formats to build; undefined means all of them (a full build replaces the whole output folder). */
  formats?: Format[];
  langs: Lang[];
  only?: string[];
  /** `--shard 2/4`: this process builds the second quarter. */
  shard?: { index: number; count: number };
  /** False with --no-cache. */
  cache: boolean;
  strict: boolean;
  messages: MessagesLanguage;
  reporter: ReporterKind;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  watch: boolean;
  configFile?: string;
  /** Problems in the config file; a command stops on them before doing anything. */
  configDiagnostics: Diagnostic[];
}

/** `2/4` → `{ index: 2, count: 4 }`; 1 ≤ index ≤ count. */
export function parseShard(value: string): { index: number; count: number } {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard: expected i/n with 1 ≤ i ≤ n, such as 2/4, got "${value}"`);
  return { index, count };
}

export async function resolveSettings(values: ParsedValues, cwd: string, env: NodeJS.ProcessEnv): Promise<Settings> {
  if (values.config && !existsSync(resolve(cwd, values.config))) throw new UsageError(`--config: file not found: ${values.config}`);
  const loaded = await loadConfig(cwd, values.config);
  const config = loaded.config;
  const fromConfig = (p: string | undefined) => (p === undefined ? undefined : resolve(loaded.dir, p));
  const path = (flag: string | undefined, configured: string | undefined, fallback: string) =>
    flag !== undefined ? resolve(cwd, flag) : (fromConfig(configured) ?? resolve(cwd, fallback));

  const formats = values.format !== undefined ? splitList(values.format, 'format', FORMATS) : config.formats;
  const langs = values.lang !== undefined ? splitList(values.lang, 'lang', ['ru', 'en'] as const) : (config.langs ?? [...DEFAULTS.langs]);
  const messages = values.messages !== undefined ? splitList(values.messages, 'messages', ['en', 'ru'] as const)[0]! : (config.messages ?? messagesLanguageFromEnv(env));
  const reporter = values.reporter ?? 'text';
  if (reporter !== 'text' && reporter !== 'github') throw new UsageError(`--reporter: unknown value "${reporter}" (use text, github)`);
  if (values.quiet && values.verbose) throw new UsageError('--quiet and --verbose cannot be used together');

  return {
    cwd,
    contentDir: path(values.content, config.content, DEFAULTS.content),
    templatesDir: path(values.templates, config.templates, DEFAULTS.templates),
    outDir: path(values.out, config.out, DEFAULTS.out),
    cacheDir: path(values['cache-dir'], config.cacheDir, DEFAULTS.cacheDir),
    formats: formats && FORMATS.every((f) => formats.includes(f)) ? undefined : formats ? [...new Set(formats)] : undefined,
    langs: [...new Set(langs)],
    only: values.only !== undefined ? [...new Set(splitList(values.only, 'only'))] : undefined,
    shard: values.shard !== undefined ? parseShard(values.shard) : undefined,
    cache: !values['no-cache'],
    strict: values.strict ?? config.strict ?? false,
    messages,
    reporter,
    json: values.json ?? false,
    quiet: values.quiet ?? false,
    verbose: values.verbose ?? false,
    watch: values.watch ?? false,
    configFile: loaded.file,
    configDiagnostics: loaded.diagnostics,
  };
}
