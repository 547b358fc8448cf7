/**
 * The command line: parses arguments, calls the library, prints, and returns an exit code.
 * The only place that knows about exit codes: 0 built, 1 content/template/output errors,
 * 2 usage errors, 70 internal errors, 130/143 interrupted.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import pc from 'picocolors';
import { abortActiveTransactions } from '../build/output-dir.js';
import { build, loadAll } from '../build/build.js';
import { FORMATS, type Format } from '../build/plan.js';
import { CouncilPressError, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic, messagesLanguageFromEnv, setMessagesLanguage } from '../diagnostics/catalogue.js';
import { diagnosticsToGithub, diagnosticsToJson, formatDiagnostics } from '../diagnostics/printer.js';
import type { Lang } from '../document/model.js';
import { VERSION } from '../version.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 70, sigint: 130, sigterm: 143 } as const;

const OPTIONS = {
  content: { type: 'string', default: 'content' },
  templates: { type: 'string', default: 'templates' },
  out: { type: 'string', default: 'output' },
  format: { type: 'string', default: FORMATS.join(',') },
  lang: { type: 'string', default: 'ru' },
  only: { type: 'string' },
  strict: { type: 'boolean', default: false },
  messages: { type: 'string' },
  json: { type: 'boolean', default: false },
  reporter: { type: 'string', default: 'text' },
  quiet: { type: 'boolean', short: 'q', default: false },
  verbose: { type: 'boolean', default: false },
  debug: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} satisfies ParseArgsConfig['options'];

export const HELP = `council-press ${VERSION}: the council's decks, briefs and handouts from Markdown

Usage:
  council-press build [options]     build the artifacts into the output folder
  council-press check [options]     validate content and templates; write nothing

Options:
  --content <dir>       content folder                      (default: content)
  --templates <dir>     templates and brand folder          (default: templates)
  --out <dir>           output folder                       (default: output)
  --format <list>       pptx,docx,pdf                       (default: pptx,docx,pdf)
  --lang <list>         editions: ru, en or ru,en           (default: ru)
  --only <slugs>        only these partnerships' briefs and handouts
  --strict              treat warnings as errors
  --messages <lang>     language of messages: en or ru      (default: from LANG/LC_ALL)
  --json                check: print diagnostics as JSON on stdout
  --reporter <name>     text or github (GitHub Actions annotations)   (default: text)
  -q, --quiet           print only problems
  --verbose             print more detail
  --debug               show stack traces of internal errors
  -h, --help            show this help
  -v, --version         print the version

Exit codes: 0 built, 1 content/template/output errors, 2 usage errors, 70 internal error, 130/143 interrupted.
`;

class UsageError extends Error {}

function list<T extends string>(value: string, allowed: readonly T[], name: string): T[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) if (!allowed.includes(item as T)) throw new UsageError(`--${name}: unknown value "${item}" (use ${allowed.join(', ')})`);
  if (!items.length) throw new UsageError(`--${name} needs a value`);
  return items as T[];
}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  color: boolean;
}

function printDiagnostics(io: Io, diagnostics: Diagnostic[], reporter: string): void {
  if (reporter === 'github') {
    const text = diagnosticsToGithub(sortDiagnostics(diagnostics), { cwd: io.cwd });
    if (text) io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const text = formatDiagnostics(diagnostics, { cwd: io.cwd, color: io.color });
  if (text) io.stderr(text.endsWith('\n') ? text : `${text}\n`);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  let debug = argv.includes('--debug');
  setMessagesLanguage(messagesLanguageFromEnv(process.env));
  const onSignal = (signal: NodeJS.Signals) => {
    abortActiveTransactions();
    process.exit(signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { values, positionals } = parsed;
    debug = values.debug;
    if (values.messages) setMessagesLanguage(list(values.messages, ['en', 'ru'] as const, 'messages')[0]!);
    if (values.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return EXIT.ok;
    }
    const [command, ...rest] = positionals;
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (!['build', 'check'].includes(command ?? '')) throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    if (!['text', 'github'].includes(values.reporter)) throw new UsageError(`--reporter: unknown value "${values.reporter}" (use text, github)`);
    const langs = list(values.lang, ['ru', 'en'] as const, 'lang') as Lang[];
    const formats = list(values.format, FORMATS, 'format') as Format[];
    const common = { cwd: io.cwd, contentDir: values.content, templatesDir: values.templates, langs };

    if (command === 'check') {
      const loaded = loadAll(common);
      const diagnostics = sortDiagnostics(loaded.diagnostics);
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
      if (values.json) io.stdout(`${JSON.stringify(diagnosticsToJson(diagnostics, { cwd: io.cwd }), null, 2)}\n`);
      else printDiagnostics(io, diagnostics, values.reporter);
      return errors || (values.strict && warnings) ? EXIT.failed : EXIT.ok;
    }

    const started = performance.now();
    const result = await build({
      ...common,
      outDir: values.out,
      formats: values.format === OPTIONS.format.default ? undefined : formats,
      only: values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
      strict: values.strict,
      onArtifact: values.quiet
        ? undefined
        : (a) => io.stdout(`  ${a.path.padEnd(44)} ${formatBytes(a.bytes).padStart(8)}  ${Math.round(a.ms)} ms\n`),
    });
    const shown = values.verbose ? result.diagnostics : result.diagnostics.filter((d) => d.severity !== 'info');
    printDiagnostics(io, shown, values.reporter);
    if (!result.ok) return EXIT.failed;
    if (!values.quiet) {
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      io.stdout(`${io.color ? pc.green('built') : 'built'} ${result.artifacts.length} artifacts into ${result.outDir} in ${seconds} s\n`);
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`council-press: ${error.message}\nRun council-press --help for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof CouncilPressError) {
      printDiagnostics(io, error.diagnostics, 'text');
      return EXIT.failed;
    }
    const internal = diagnostic('internal-error', { message: (error as Error)?.message ?? String(error) });
    io.stderr(`council-press: ${internal.message}\n`);
    if (debug) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    else if (internal.hint) io.stderr(`  hint: ${internal.hint}\n`);
    return EXIT.internal;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function defaultIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    color: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR,
  };
}
