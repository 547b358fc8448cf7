/** What every command gets: where to print, the resolved settings, and its own positional arguments. */
import type { BuildOptions } from '../../build/build.js';
import type { Io } from '../io.js';
import type { Reporter } from '../reporter.js';
import type { Settings } from '../settings.js';

export interface CommandContext {
  io: Io;
  settings: Settings;
  reporter: Reporter;
  /** Positionals after the command's name (`new partnership <slug>` → `['partnership', '<slug>']`). */
  args: string[];
  /** The whole command line, as main() got it. */
  argv: readonly string[];
  /** Reports an exception the way main.ts does (diagnostics, or an internal error), without exiting. */
  onError: (error: unknown) => number;
}

export type Command = (ctx: CommandContext) => Promise<number>;

/** The library options a build with these settings uses (the CLI adds only the callbacks). */
export function buildOptions(settings: Settings): BuildOptions {
  return {
    cwd: settings.cwd,
    contentDir: settings.contentDir,
    templatesDir: settings.templatesDir,
    outDir: settings.outDir,
    langs: settings.langs,
    formats: settings.formats,
    only: settings.only,
    strict: settings.strict,
    cacheDir: settings.cacheDir,
    cache: settings.cache,
    shard: settings.shard,
  };
}
