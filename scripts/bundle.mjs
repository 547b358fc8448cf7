#!/usr/bin/env node
// npm run compile, after tsc: bundles the compiled CLI and the render worker into one CommonJS file
// each (dist/bundle/cli.cjs, worker.cjs) and makes their V8 code caches by building the shipped
// content once on the main thread and once on a worker (into a temporary folder). The command runs
// them through bin/bundle-loader.cjs, which explains why and when.
//   node scripts/bundle.mjs [--no-cache]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'bundle');
const ENTRIES = { cli: 'dist/cli/main.js', worker: 'dist/build/worker.js' };

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

for (const [name, entry] of Object.entries(ENTRIES)) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: join(OUT, `${name}.cjs`),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Modules loaded on first use (a writer's library, the layout) stay lazy: their import() becomes
    // a call that runs the bundled module's body then, not at start-up.
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__councilPressBundleUrl', __COUNCIL_PRESS_BUNDLE__: 'true' },
    banner: { js: 'var __councilPressBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    // sharp loads a native library; fsevents exists only on macOS (chokidar's optional dependency).
    external: ['sharp', 'fsevents'],
    // Smaller to read and check at every start; names are kept, so stack traces still say where.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  // What the bundle was made from, for bin/bundle-loader.cjs to tell a stale bundle.
  const inputs = Object.keys(result.metafile.inputs)
    .filter((file) => file.startsWith('dist/'))
    .map((file) => [relative(OUT, join(ROOT, file)), statSync(join(ROOT, file)).mtimeMs]);
  writeFileSync(join(OUT, `${name}.inputs.json`), JSON.stringify(inputs));
}

if (!process.argv.includes('--no-cache')) {
  const work = mkdtempSync(join(tmpdir(), 'council-press-code-cache-'));
  try {
    // Workers: 0 builds on the main thread (the CLI's cache), 1 on one worker (the worker's cache).
    for (const workers of ['0', '1']) {
      const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'council-press.js'), 'build', '--content', join(ROOT, 'content'), '--templates', join(ROOT, 'templates'), '--out', join(work, `out-${workers}`), '--cache-dir', join(work, `cache-${workers}`), '--quiet'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, COUNCIL_PRESS_WRITE_CODE_CACHE: '1', COUNCIL_PRESS_WORKERS: workers, COUNCIL_PRESS_BUNDLE: '1' },
      });
      // The bundled command could not build the shipped content: it is broken, whatever the cache.
      if (run.status !== 0) {
        console.error(`bundle: the bundled council-press failed to build the shipped content (exit ${run.status}):\n${run.stdout}${run.stderr}`);
        process.exitCode = 1;
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
