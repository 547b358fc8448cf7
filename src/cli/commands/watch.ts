/**
 * `council-press build --watch`: build, then rebuild whenever content, templates, assets or the brand
 * change. Each rebuild is an ordinary library `build()`; the build cache decides which artifacts are
 * re-rendered, and the output transaction guarantees that a broken save leaves the last good output.
 * Ctrl-C is handled by main.ts (abort the transaction under way, exit 130).
 */
import { basename, join, relative, sep } from 'node:path';
import type { BuildResult } from '../../build/build.js';
import { RenderPool } from '../../build/pool.js';
import type { Settings } from '../settings.js';
import { EXIT } from '../exit.js';
import { say } from '../messages.js';
import { isCached, type Reporter } from '../reporter.js';
import { buildOnce, summarize } from './build.js';
import type { CommandContext } from './context.js';

/**
 * Quiet time after the last change before rebuilding: editors save in bursts (temp file, rename,
 * chmod), a few milliseconds apart. Counted in what the user waits for after a save.
 */
export const DEBOUNCE_MS = 40;

function inside(file: string, dir: string): boolean {
  const rel = relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

/** Editor droppings and hidden files never trigger a build (`.#x.md`, `x.md~`, `.x.md.swp`, `4913`). */
function ignoredName(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || name.endsWith('.swp') || name.endsWith('.tmp') || name === '4913';
}

/**
 * The partnerships a save touched, when it touched nothing else: their briefs and handouts can be
 * published before the deck and the combined handout, which show every partnership. Any other
 * file (the council, a template, an asset, the brand) may change every artifact: no shortcut.
 */
export function partnershipsOnly(files: readonly string[], settings: Settings): string[] | undefined {
  const dir = join(settings.contentDir, 'partnerships');
  const slugs = new Set<string>();
  for (const file of files) {
    const match = /^([a-z0-9-]+)(?:\.[a-z]{2})?\.md$/.exec(basename(file));
    if (relative(dir, file) !== basename(file) || !match) return undefined;
    slugs.add(match[1]!);
  }
  return slugs.size ? [...slugs].sort() : undefined;
}

function report(reporter: Reporter, result: BuildResult, ms: number, first: boolean): void {
  reporter.diagnostics(result.diagnostics, { skipEmpty: true });
  if (!result.ok) {
    reporter.failure(say().watchFailed(reporter.path(result.outDir)));
    return;
  }
  if (first || result.upToDate) return summarize(reporter, result, ms);
  const rebuilt = result.artifacts.filter((a) => !isCached(a)).length;
  reporter.success(say().rebuilt(rebuilt, result.artifacts.length, ms));
}

export async function runWatch(ctx: CommandContext): Promise<number> {
  const { settings, reporter } = ctx;
  // Only watch needs chokidar: a plain build does not load it.
  // Worker threads that stay warm between saves (libraries, fonts and memos loaded once), started
  // first so that they load their libraries while chokidar scans and the first build is checked.
  const pool = RenderPool.persistent();
  pool.spawn();
  const { watch } = await import('chokidar');
  const watcher = watch([settings.contentDir, settings.templatesDir], {
    ignoreInitial: true,
    ignored: (file: string) => inside(file, settings.outDir) || inside(file, settings.cacheDir) || ignoredName(basename(file)),
  });
  await new Promise<void>((ready, fail) => {
    watcher.once('ready', ready);
    watcher.once('error', fail);
  });

  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let building = false;

  const rebuild = async (first: boolean): Promise<void> => {
    if (building) return;
    building = true;
    try {
      let firstSlugs: string[] | undefined;
      if (!first) {
        firstSlugs = partnershipsOnly([...changed], settings);
        const files = [...changed].map((f) => reporter.path(f)).sort();
        changed.clear();
        reporter.line(reporter.colors.cyan(say().changed(files.join(', '))));
      }
      const onEarly = (artifacts: { path: string }[], ms: number) => reporter.success(say().earlyReady(artifacts.map((a) => a.path).join(', '), ms));
      const { result, ms } = await buildOnce(settings, reporter, { onlyRebuilt: !first, pool, first: firstSlugs, onEarly });
      report(reporter, result, ms, first);
    } catch (error) {
      // A problem of this save (output locked, folder not writable) or a bug: report it, keep watching.
      ctx.onError(error);
    } finally {
      building = false;
    }
    reporter.line(reporter.colors.dim(say().waiting()));
    // Saves that arrived during the build get their own build.
    if (changed.size) schedule();
  };

  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void rebuild(false);
    }, DEBOUNCE_MS);
  };

  watcher.on('all', (_event, file) => {
    changed.add(file);
    if (!building) schedule();
  });
  watcher.on('error', (error) => ctx.onError(error));

  const dirs = [settings.contentDir, settings.templatesDir].map((d) => `${reporter.path(d)}/`).join(', ');
  reporter.line(say().watching(dirs));
  await rebuild(true);
  // A start the cache answered warms the threads up in the background: say when the first save
  // will find them warm (a save before that stops the warm-up, and nothing is said).
  void pool.lastWarmUp?.then((warm) => {
    if (warm.abandoned.length === 0) reporter.line(reporter.colors.dim(say().warmedUp(warm.ms)));
  });
  // Runs until a signal ends the process (main.ts aborts any build under way and exits 130/143).
  await new Promise<never>(() => undefined);
  return EXIT.ok;
}

