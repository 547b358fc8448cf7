/**
 * The command line: parses arguments, resolves settings (defaults → config file → flags), runs one
 * command, and returns an exit code. The only place that knows about exit codes and signals.
 */
import { abortActiveTransactions } from '../build/output-dir.js';
import { CouncilPressError, hasErrors } from '../diagnostics/diagnostic.js';
import { diagnostic, messagesLanguageFromEnv, setMessagesLanguage } from '../diagnostics/catalogue.js';
import { VERSION } from '../version.js';
import { helpText, parseCommandLine, UsageError } from './args.js';
import type { Command, CommandContext } from './commands/context.js';
import { EXIT } from './exit.js';
import { defaultIo, type Io } from './io.js';
import { Reporter } from './reporter.js';
import { resolveSettings } from './settings.js';

export { EXIT } from './exit.js';
export type { Io } from './io.js';

/** Kept as a constant for callers of the old API; the text is generated from the option table. */
export const HELP = helpText();

/*
 * Each command's module is loaded when it runs: the command line starts with what every command
 * needs (arguments, settings, the reporter), not with the content's parsers and schemas (zod,
 * yaml, Handlebars), which `--version`, `clean` or a build the record answers never use.
 */
const COMMANDS: Record<string, Command> = {
  build: async (ctx) => (await import('./commands/build.js')).runBuild(ctx),
  check: async (ctx) => (await import('./commands/check.js')).runCheck(ctx),
  clean: async (ctx) => (await import('./commands/clean.js')).runClean(ctx),
  new: async (ctx) => (await import('./commands/new.js')).runNew(ctx),
  schema: async (ctx) => (await import('./commands/schema.js')).runSchema(ctx),
  'merge-manifests': async (ctx) => (await import('./commands/merge-manifests.js')).runMergeManifests(ctx),
};

/** Registers another command (merge-manifests and the like) without editing the table above. */
export function addCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

/** Prints an exception and returns the exit code it means; never rethrows. */
function reportError(error: unknown, io: Io, reporter: Reporter | undefined, debug: boolean): number {
  if (error instanceof UsageError) {
    io.stderr(`council-press: ${error.message}\nRun council-press --help for usage.\n`);
    return EXIT.usage;
  }
  if (error instanceof CouncilPressError) {
    (reporter ?? new Reporter(io, { quiet: false, verbose: false, reporter: 'text' })).diagnostics(error.diagnostics);
    return EXIT.failed;
  }
  const internal = diagnostic('internal-error', { message: (error as Error)?.message ?? String(error) });
  io.stderr(`council-press: ${internal.message}\n`);
  if (debug) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
  else if (internal.hint) io.stderr(`  hint: ${internal.hint}\n`);
  return EXIT.internal;
}

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const debug = argv.includes('--debug');
  setMessagesLanguage(messagesLanguageFromEnv(io.env));
  // A signal aborts the build under way (its temporary folder and lock are removed) and exits 128+n.
  const onSignal = (signal: NodeJS.Signals) => {
    abortActiveTransactions();
    process.exit(signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let reporter: Reporter | undefined;
  try {
    const { values, positionals } = parseCommandLine(argv);
    if (values.messages === 'ru' || values.messages === 'en') setMessagesLanguage(values.messages);
    if (values.help) {
      io.stdout(helpText());
      return EXIT.ok;
    }
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return EXIT.ok;
    }
    const [name, ...args] = positionals;
    const command = name ? COMMANDS[name] : undefined;
    if (!command) throw new UsageError(name ? `unknown command "${name}"` : 'no command given');

    const settings = await resolveSettings(values, io.cwd, io.env);
    setMessagesLanguage(settings.messages);
    reporter = new Reporter(io, settings);
    if (settings.configFile) reporter.detail(`config: ${reporter.path(settings.configFile)}`);
    if (hasErrors(settings.configDiagnostics)) {
      if (settings.json) reporter.json(settings.configDiagnostics);
      else reporter.diagnostics(settings.configDiagnostics);
      return EXIT.failed;
    }
    const ctx: CommandContext = { io, settings, reporter, args, argv, onError: (error) => reportError(error, io, reporter, debug) };
    return await command(ctx);
  } catch (error) {
    return reportError(error, io, reporter, debug);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
