/** `council-press check`: the library's `check()`, printed as text, JSON or GitHub annotations. */
import { check } from '../../index.js';
import { UsageError } from '../args.js';
import { EXIT } from '../exit.js';
import type { CommandContext } from './context.js';

export async function runCheck(ctx: CommandContext): Promise<number> {
  const { settings, reporter } = ctx;
  if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`);
  const result = await check({
    cwd: settings.cwd,
    contentDir: settings.contentDir,
    templatesDir: settings.templatesDir,
    langs: settings.langs,
    strict: settings.strict,
    cacheDir: settings.cacheDir,
    cache: settings.cache,
  });
  if (settings.json) reporter.json(result.diagnostics);
  else reporter.diagnostics(result.diagnostics);
  return result.ok ? EXIT.ok : EXIT.failed;
}
