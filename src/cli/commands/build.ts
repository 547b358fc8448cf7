/** `council-press build`: one build through the library, printed artifact by artifact. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildResult } from '../../build/build.js';
import { EXIT } from '../exit.js';
import { UsageError } from '../args.js';
import { isCached, type Reporter } from '../reporter.js';
import type { Settings } from '../settings.js';
import { buildOptions, type CommandContext } from './context.js';
import { runWatch } from './watch.js';

/** `--only` names partnership files; a typo would otherwise build nothing and say nothing. */
export function checkOnly(settings: Settings): void {
  for (const slug of settings.only ?? []) {
    if (!existsSync(join(settings.contentDir, 'partnerships', `${slug}.md`))) {
      throw new UsageError(`--only: no partnership "${slug}" (expected ${join(settings.contentDir, 'partnerships', `${slug}.md`)})`);
    }
  }
}

/** `built 9 artifacts into output in 2.89 s` (and how many came from the cache). */
export function summarize(reporter: Reporter, result: BuildResult, ms: number, verb = 'built'): void {
  const cached = result.artifacts.filter(isCached).length;
  const count = `${result.artifacts.length} ${result.artifacts.length === 1 ? 'artifact' : 'artifacts'}`;
  const seconds = `${(ms / 1000).toFixed(2)} s`;
  if (result.upToDate) return reporter.success(`${reporter.path(result.outDir)} is up to date: nothing changed (${count}, checked in ${seconds})`);
  const fromCache = cached ? ` (${result.artifacts.length - cached} rendered, ${cached} unchanged from the cache)` : '';
  reporter.success(`${verb} ${count}${fromCache} into ${reporter.path(result.outDir)} in ${seconds}`);
}

/** One build with progress and artifact lines; returns the result and how long it took. */
export async function buildOnce(
  settings: Settings,
  reporter: Reporter,
  options: { onlyRebuilt?: boolean } = {},
): Promise<{ result: BuildResult; ms: number }> {
  const started = performance.now();
  let rendered = 0;
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  reporter.progress('building…');
  const result = await build({
    ...buildOptions(settings),
    // Jobs finish on several threads long before their artifacts are listed: this is the live part.
    onProgress: (job, total) => {
      rendered++;
      reporter.progress(`rendering… ${rendered} of ${total} done (${job.slug ?? job.kind}, ${job.lang}), ${elapsed()}`);
    },
    onArtifact: (artifact) => {
      if (!(options.onlyRebuilt && isCached(artifact))) reporter.artifact(artifact);
    },
  });
  reporter.clearProgress();
  return { result, ms: performance.now() - started };
}

export async function runBuild(ctx: CommandContext): Promise<number> {
  const { settings, reporter } = ctx;
  if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`);
  checkOnly(settings);
  if (settings.watch) return runWatch(ctx);
  const { result, ms } = await buildOnce(settings, reporter);
  reporter.diagnostics(result.diagnostics);
  if (!result.ok) {
    reporter.failure(`build failed; ${reporter.path(result.outDir)} was left as it was`);
    return EXIT.failed;
  }
  summarize(reporter, result, ms);
  return EXIT.ok;
}
