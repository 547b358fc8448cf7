/** `council-press build`: one build through the library, printed artifact by artifact. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Artifact, type BuildResult } from '../../build/build.js';
import type { RenderPool } from '../../build/pool.js';
import { EXIT } from '../exit.js';
import { say } from '../messages.js';
import { UsageError } from '../args.js';
import { isCached, type Reporter } from '../reporter.js';
import type { Settings } from '../settings.js';
import { buildOptions, type CommandContext } from './context.js';

/** `--only` names partnership files; a typo would otherwise build nothing and say nothing. */
export function checkOnly(settings: Settings): void {
  for (const slug of settings.only ?? []) {
    if (!existsSync(join(settings.contentDir, 'partnerships', `${slug}.md`))) {
      throw new UsageError(`--only: no partnership "${slug}" (expected ${join(settings.contentDir, 'partnerships', `${slug}.md`)})`);
    }
  }
}

/** `built 9 artifacts into output in 2.89 s` (and how many came from the cache). */
export function summarize(reporter: Reporter, result: BuildResult, ms: number): void {
  const n = result.artifacts.length;
  const cached = result.artifacts.filter(isCached).length;
  const out = reporter.path(result.outDir);
  if (result.upToDate) return reporter.success(say().upToDate(out, n, ms));
  reporter.success(say().built(n, n - cached, cached, out, ms));
}

/** One build with progress and artifact lines; returns the result and how long it took. */
export async function buildOnce(
  settings: Settings,
  reporter: Reporter,
  options: { onlyRebuilt?: boolean; pool?: RenderPool; first?: readonly string[]; onEarly?: (artifacts: Artifact[], ms: number) => void } = {},
): Promise<{ result: BuildResult; ms: number }> {
  const started = performance.now();
  let rendered = 0;
  reporter.progress(say().building());
  const result = await build({
    ...buildOptions(settings),
    pool: options.pool,
    first: options.first,
    onEarly: options.onEarly && ((artifacts) => options.onEarly!(artifacts, performance.now() - started)),
    // Jobs finish on several threads long before their artifacts are listed: this is the live part.
    onProgress: (job, total) => {
      rendered++;
      reporter.progress(say().rendering(rendered, total, `${job.slug ?? job.kind}, ${job.lang}`, performance.now() - started));
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
  if (settings.watch) return (await import('./watch.js')).runWatch(ctx);
  const { result, ms } = await buildOnce(settings, reporter);
  reporter.diagnostics(result.diagnostics);
  if (!result.ok) {
    reporter.failure(say().buildFailed(reporter.path(result.outDir)));
  } else {
    summarize(reporter, result, ms);
  }
  (await import('../replay.js')).keepReplay(ctx.argv, ctx.io, settings, result, printUpToDate);
  return result.ok ? EXIT.ok : EXIT.failed;
}

/** What a build that nothing changed since prints, artifacts first, as buildOnce and runBuild print it. */
export function printUpToDate(reporter: Reporter, result: BuildResult, ms: number): void {
  result.artifacts.forEach((artifact) => reporter.artifact(artifact));
  reporter.diagnostics(result.diagnostics);
  summarize(reporter, result, ms);
}
