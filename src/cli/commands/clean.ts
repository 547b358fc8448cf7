/**
 * `council-press clean`: removes the output folder and the build cache. Refuses a folder that holds the
 * project, the content or the templates (`--out .` must never delete the project), and an output folder
 * a running build is writing to.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, parse, relative, sep } from 'node:path';
import { isAlive } from '../../build/output-dir.js';
import { CouncilPressError } from '../../diagnostics/diagnostic.js';
import { diagnostic } from '../../diagnostics/catalogue.js';
import { UsageError } from '../args.js';
import { EXIT } from '../exit.js';
import { say } from '../messages.js';
import type { CommandContext } from './context.js';

/** `dir` is `other` or one of its ancestors. */
function contains(dir: string, other: string): boolean {
  const rel = relative(dir, other);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !parse(rel).root);
}

export async function runClean(ctx: CommandContext): Promise<number> {
  const { settings, reporter } = ctx;
  if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`);
  const targets: [string, string][] = [
    ['--out', settings.outDir],
    ['--cache-dir', settings.cacheDir],
  ];
  for (const [flag, dir] of targets) {
    for (const precious of [settings.cwd, settings.contentDir, settings.templatesDir]) {
      if (contains(dir, precious)) throw new UsageError(`${flag}: refusing to remove ${dir}: it contains ${precious}`);
    }
  }

  const outParent = dirname(settings.outDir);
  const name = basename(settings.outDir);
  const lock = join(outParent, `.${name}.lock`);
  if (existsSync(lock)) {
    const holder = Number(readFileSync(lock, 'utf8').trim());
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new CouncilPressError([diagnostic('output-locked', { pid: holder }, { file: settings.outDir, line: 1, column: 1 })]);
    }
  }
  // Leftovers of an interrupted build beside the output folder go too (their process is gone: no live lock).
  const leftovers = existsSync(outParent)
    ? readdirSync(outParent)
        .filter((f) => f === `.${name}.lock` || f.startsWith(`.${name}.tmp-`) || f.startsWith(`.${name}.old-`))
        .map((f) => join(outParent, f))
    : [];

  const removed: string[] = [];
  for (const path of [settings.outDir, settings.cacheDir, ...leftovers]) {
    if (!existsSync(path)) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(reporter.path(path));
  }
  reporter.success(removed.length ? say().removed(removed.join(', ')) : say().nothingToRemove());
  return EXIT.ok;
}
