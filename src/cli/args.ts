/**
 * The command line's grammar: one table of options (flag, argument, default, help text) from which both
 * the parser's configuration and `--help` are made, so the help can never drift from what is accepted.
 * Defaults are NOT given to `parseArgs`: a flag the user did not type must not override the config file.
 */
import { parseArgs } from 'node:util';
import { VERSION } from '../version.js';

export class UsageError extends Error {}

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The argument's name in the help text (`<dir>`). */
  arg?: string;
  help: string;
  /** Shown as `(default: …)`; the real defaults live in settings.ts. */
  shownDefault?: string;
  /** The command(s) the option is for, shown in the help text. */
  for?: string;
}

export const OPTION_SPECS = {
  content: { type: 'string', arg: '<dir>', help: 'content folder', shownDefault: 'content' },
  templates: { type: 'string', arg: '<dir>', help: 'templates and brand folder', shownDefault: 'templates' },
  out: { type: 'string', arg: '<dir>', help: 'output folder', shownDefault: 'output' },
  format: { type: 'string', arg: '<list>', help: 'formats to build: pptx,docx,pdf', shownDefault: 'pptx,docx,pdf' },
  lang: { type: 'string', arg: '<list>', help: 'editions: ru, en or ru,en', shownDefault: 'ru' },
  only: { type: 'string', arg: '<slugs>', help: "only these partnerships' briefs and handouts", shownDefault: 'all' },
  strict: { type: 'boolean', help: 'treat warnings as errors', shownDefault: 'off' },
  messages: { type: 'string', arg: '<lang>', help: 'language of messages: en or ru', shownDefault: 'from LC_ALL/LANG' },
  'cache-dir': { type: 'string', arg: '<dir>', help: 'cache of unchanged artifacts', shownDefault: 'node_modules/.cache/council-press' },
  'no-cache': { type: 'boolean', help: 'render everything; neither read nor write the cache', for: 'build', shownDefault: 'off' },
  shard: { type: 'string', arg: '<i/n>', help: 'build only shard i of n, for a CI matrix (see merge-manifests)', for: 'build', shownDefault: '1/1' },
  watch: { type: 'boolean', short: 'w', help: 'build, then rebuild on every change', for: 'build', shownDefault: 'off' },
  json: { type: 'boolean', help: 'print diagnostics as JSON on stdout', for: 'check', shownDefault: 'off' },
  reporter: { type: 'string', arg: '<name>', help: 'text, or github (GitHub Actions annotations)', shownDefault: 'text' },
  config: { type: 'string', arg: '<file>', help: 'config file', shownDefault: 'council-press.config.json, or "council-press" in package.json' },
  quiet: { type: 'boolean', short: 'q', help: 'print only problems', shownDefault: 'off' },
  verbose: { type: 'boolean', help: 'print info diagnostics and more detail', shownDefault: 'off' },
  debug: { type: 'boolean', help: 'show stack traces of internal errors', shownDefault: 'off' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  version: { type: 'boolean', short: 'v', help: 'print the version' },
} satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTION_SPECS;

export type ParsedValues = {
  [K in OptionName]?: (typeof OPTION_SPECS)[K]['type'] extends 'boolean' ? boolean : string;
};

export interface ParsedArgs {
  values: ParsedValues;
  positionals: string[];
}

export function parseCommandLine(argv: readonly string[]): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(OPTION_SPECS) as [string, OptionSpec][]) {
    options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  }
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: values as ParsedValues, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `a, b ,c` → `['a','b','c']`, each checked against `allowed` when given. */
export function splitList<T extends string>(value: string, name: string, allowed?: readonly T[]): T[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!items.length) throw new UsageError(`--${name} needs a value`);
  if (allowed) for (const item of items) if (!allowed.includes(item as T)) throw new UsageError(`--${name}: unknown value "${item}" (use ${allowed.join(', ')})`);
  return items as T[];
}

const COMMANDS: [string, string][] = [
  ['build [options]', 'build the artifacts into the output folder'],
  ['build --watch', 'build, then rebuild what a change affects until Ctrl-C'],
  ['check [options]', 'validate content and templates; write nothing'],
  ['clean', 'remove the output folder and the cache'],
  ['new partnership <slug>', 'write content/partnerships/<slug>.md to fill in'],
  ['schema', 'print the JSON Schema of a partnership\'s front matter'],
  ['merge-manifests <shard>...', 'join sharded builds (their manifest.json or folders) into --out'],
];

/** Extra commands (added by later stages, such as merge-manifests) register their help line here. */
export function addCommandHelp(usage: string, description: string): void {
  if (!COMMANDS.some(([u]) => u === usage)) COMMANDS.push([usage, description]);
}

export function helpText(): string {
  const lines = [`council-press ${VERSION}: the council's decks, briefs and handouts from Markdown`, '', 'Usage:'];
  for (const [usage, description] of COMMANDS) lines.push(`  council-press ${usage.padEnd(28)} ${description}`);
  lines.push('', 'Options (a flag overrides the config file, which overrides the default):');
  for (const [name, spec] of Object.entries(OPTION_SPECS) as [string, OptionSpec][]) {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.arg ? ` ${spec.arg}` : ''}`;
    const help = spec.for ? `${spec.help} (${spec.for})` : spec.help;
    lines.push(`  ${flag.padEnd(26)} ${help}${spec.shownDefault ? `  [default: ${spec.shownDefault}]` : ''}`);
  }
  lines.push(
    '',
    'Config file: council-press.config.json in the current folder, or a "council-press" key in package.json,',
    'with any of: content, templates, out, formats, langs, messages, strict, cacheDir (paths relative to the file).',
    '',
    'Exit codes: 0 built, 1 content/template/output errors, 2 usage errors, 70 internal error, 130/143 interrupted.',
    '',
  );
  return lines.join('\n');
}
