#!/usr/bin/env node
// npm run compile, after tsc: bundles the compiled CLI, its render stage and the render worker into
// one CommonJS file each (dist/bundle/cli.cjs, render.cjs, worker.cjs) and makes their V8 code
// caches by building the shipped content once on the main thread and once on a worker (into a
// temporary folder). The command runs
// them through bin/bundle-loader.cjs, which explains why and when.
// Nothing to do when all three bundles are fresh (bin/bundle-loader.cjs's test) and were made by this
// script and Node release: `npm run build` compiles first, and must not spend seconds on it then.
//   node scripts/bundle.mjs [--no-cache] [--force] [--check: exit 0 when up to date, 1 when it would bundle]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'bundle');
// cli: the command without the render stage, which it loads from render.cjs on first use (the
// plugin below; src/build/render-module.ts says why). worker: a render thread, render stage included.
const ENTRIES = { cli: 'dist/cli/main.js', render: 'dist/build/render-artifact.js', worker: 'dist/build/worker.js' };

/**
 * Library code no council-press build runs, left out of every bundle (a smaller file to read and a
 * smaller code cache to load at each start): zod's 60 message locales (~300 KB; diagnostics are
 * worded from our own catalogue, src/schema/zod-diagnostics.ts), kept to English, which zod
 * configures itself with; and source-map (~40 KB), which Handlebars uses only when asked for a
 * source map and otherwise replaces with its own minimal SourceNode.
 */
const unusedLibraryCode = {
  name: 'unused-library-code',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({ contents: 'export { default as en } from "./en.js";', loader: 'js', resolveDir: dirname(args.path) }));
    build.onResolve({ filter: /^source-map$/ }, (args) => (/[\\/]handlebars[\\/]/.test(args.importer) ? { path: 'source-map', namespace: 'council-press-empty' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'council-press-empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/**
 * pptxgenjs asks for `import('node:fs')` and `import('node:https')` once per slide as it writes
 * (its loadNodeDeps). Natively that returns the cached module namespace; in a CommonJS bundle
 * without dynamic import, esbuild turns it into a copy of every export of `fs` and `https` on every
 * call (__toESM): ~60 ms of garbage for a 300-slide deck, every time it is written. Here those two
 * imports get a small module of our own, made once, with the two names pptxgenjs takes from them
 * (`default`, and `promises` of fs).
 */
const builtinsOnce = {
  name: 'builtins-once',
  setup(build) {
    build.onResolve({ filter: /^node:(fs|https)$/ }, (args) => (args.kind === 'dynamic-import' && /[\\/]pptxgenjs[\\/]/.test(args.importer) ? { path: args.path, namespace: 'council-press-builtin' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'council-press-builtin' }, (args) => ({
      contents: `import m from ${JSON.stringify(args.path)}; export default m;${args.path === 'node:fs' ? ' export const promises = m.promises;' : ''}`,
      loader: 'js',
      resolveDir: ROOT,
    }));
  },
};

/**
 * Libraries whose module body does real work at load, for functions a build rarely or never calls:
 * pdfkit's AES (@noble/ciphers builds its tables, ~6 ms, for encrypted PDFs, which we never write)
 * and the Unicode property trie fontkit's shaper reads (~5 ms to inflate; words the layout's
 * tables answer never reach the shaper). The importer gets the same named functions, which load
 * the library on their first call and then stand for its own (live bindings: later calls go
 * straight to it).
 */
const LAZY_LIBRARIES = [
  { specifier: '@noble/ciphers/aes', importer: /[\\/]pdfkit[\\/]/, names: ['cbc', 'ecb'] },
  { specifier: 'unicode-properties', importer: /[\\/]fontkit[\\/]/, names: ['getCombiningClass', 'getScript', 'isDigit', 'getCategory', 'isMark'] },
];
const lazyLibraries = {
  name: 'lazy-libraries',
  setup(build) {
    build.onResolve({ filter: /^(@noble\/ciphers\/aes|unicode-properties)$/ }, (args) => {
      const lazy = LAZY_LIBRARIES.find((l) => l.specifier === args.path && l.importer.test(args.importer));
      return lazy && args.kind === 'import-statement' ? { path: args.path, namespace: 'council-press-lazy', pluginData: { resolveDir: dirname(args.importer) } } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'council-press-lazy' }, (args) => {
      const { names } = LAZY_LIBRARIES.find((l) => l.specifier === args.path);
      const load = `function load() { const real = require(${JSON.stringify(args.path)}); ${names.map((n) => `${n} = real.${n};`).join(' ')} }`;
      const exports = names.map((n) => `export let ${n} = function (...args) { load(); return ${n}(...args); };`).join('\n');
      return { contents: `${load}\n${exports}\n`, loader: 'js', resolveDir: args.pluginData.resolveDir };
    });
  },
};

/**
 * fontkit inflates three Unicode tries when it is loaded (~8 ms, in JavaScript): the character
 * classes of its Arabic, Indic and Universal shapers, which Latin and Cyrillic text never reaches.
 * Each becomes an object whose `get` (the only method fontkit calls on them) builds the trie on
 * first use. Should a fontkit release word them differently, nothing matches and the module is
 * bundled as it is.
 */
const FONTKIT_TRIE = /const (\$\w+\$var\$trie) = new \(0, (\$\w+\$unicodetrie)\)\((\(0, \$\w+\$export\$\w+\)\("[A-Za-z0-9+/=]*"\))\);/g;
const lazyShaperTries = {
  name: 'lazy-shaper-tries',
  setup(build) {
    build.onLoad({ filter: /[\\/]fontkit[\\/]dist[\\/]module\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (source.search(FONTKIT_TRIE) < 0) return undefined;
      const lazy = source.replace(FONTKIT_TRIE, 'const $1 = __councilPressLazyTrie(() => new (0, $2)($3));');
      const helper = '\nfunction __councilPressLazyTrie(make) { let trie; return { get: (codePoint) => (trie ??= make()).get(codePoint) }; }\n';
      return { contents: lazy + helper, loader: 'js' };
    });
  },
};

/**
 * docx names each picture by the SHA-1 of its bytes, computed in JavaScript (~10–25 ms for the
 * 66 KB logo in the first brief's header, cold). Node's own SHA-1 gives the same hex digest. As
 * above, a docx release worded otherwise is bundled as it is.
 */
const DOCX_HASHED_ID = 'var hashedId = (data) => Array.from(sha1(typeof data === "string" ? encodeUtf8(data) : ArrayBuffer.isView(data) ? data : new Uint8Array(data)), (byte) => byte.toString(16).padStart(2, "0")).join("");';
const nativeSha1 = {
  name: 'native-sha1',
  setup(build) {
    build.onLoad({ filter: /[\\/]docx[\\/]dist[\\/]index\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(DOCX_HASHED_ID)) return undefined;
      const native =
        'var hashedId = (data) => __councilPressCreateHash("sha1").update(typeof data === "string" ? encodeUtf8(data) : ArrayBuffer.isView(data) ? data : new Uint8Array(data)).digest("hex");';
      return { contents: `import { createHash as __councilPressCreateHash } from "node:crypto";\n${source.replace(DOCX_HASHED_ID, native)}`, loader: 'js' };
    });
  },
};

/** In the CLI's bundle, render-module.js's import of the render stage loads render.cjs instead. */
const renderStageApart = {
  name: 'render-stage-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/render-artifact\.js$/ }, (args) => (args.importer.endsWith(join('build', 'render-module.js')) ? { path: 'render.cjs', namespace: 'council-press-bundle' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'council-press-bundle' }, () => ({
      contents: 'module.exports = require(require("node:path").join(__dirname, "..", "..", "bin", "bundle-loader.cjs")).load("render");',
      loader: 'js',
    }));
  },
};

const loader = createRequire(import.meta.url)('../bin/bundle-loader.cjs');
const withCache = !process.argv.includes('--no-cache');
const MADE = join(OUT, 'made.json');
const made = JSON.stringify({ node: process.version, withCache, script: statSync(fileURLToPath(import.meta.url)).mtimeMs, loader: statSync(join(ROOT, 'bin', 'bundle-loader.cjs')).mtimeMs });
/** Each bundle's code cache, and the render bundle's second one under the pool's V8 flags (src/build/jit.ts). */
const CODE_CACHES = [...Object.keys(ENTRIES).map((name) => `${name}.cjs.cache`), 'render.cjs.pool.cache'];
const upToDate = () =>
  existsSync(MADE) && readFileSync(MADE, 'utf8') === made && Object.keys(ENTRIES).every((name) => loader.current(name)) && (!withCache || CODE_CACHES.every((name) => existsSync(join(OUT, name))));
if (process.argv.includes('--check')) process.exit(upToDate() ? 0 : 1);
if (!process.argv.includes('--force') && upToDate()) process.exit(0);

/** The package.json of the package a bundled file belongs to: a new version of it is a new input. */
function packageJsonOf(file) {
  const at = file.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const parts = file.slice(at + 'node_modules/'.length).split('/');
  return `${file.slice(0, at)}node_modules/${parts.slice(0, parts[0].startsWith('@') ? 2 : 1).join('/')}/package.json`;
}

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
    plugins: name === 'cli' ? [unusedLibraryCode, renderStageApart] : [unusedLibraryCode, builtinsOnce, lazyLibraries, lazyShaperTries, nativeSha1],
    // Smaller to read and check at every start; names are kept, so stack traces still say where.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  // What the bundle was made from, for bin/bundle-loader.cjs to tell a stale bundle: our compiled
  // modules, and each library by its package.json (npm rewrites it with every other version).
  const files = Object.keys(result.metafile.inputs);
  const stamped = [...new Set([...files.filter((file) => file.startsWith('dist/')), ...files.map(packageJsonOf).filter(Boolean)])];
  const inputs = stamped.map((file) => [relative(OUT, join(ROOT, file)), statSync(join(ROOT, file)).mtimeMs]);
  writeFileSync(join(OUT, `${name}.inputs.json`), JSON.stringify(inputs));
}

if (withCache) {
  // Made afresh: a cache left from the last bundle would be rejected by V8 (another source), silently.
  for (const name of CODE_CACHES) rmSync(join(OUT, name), { force: true });
  const work = mkdtempSync(join(tmpdir(), 'council-press-code-cache-'));
  try {
    // Workers: 0 builds on the main thread (the CLI's cache), 1 on one worker (the worker's cache),
    // and 1 again with the main thread rendering beside it (the render bundle's cache under the
    // pool's flags, render.cjs.pool.cache). Each run writes one cache of a bundle: a pool sets V8
    // flags (src/build/jit.ts) before its worker starts, and the CLI's cache must be made under
    // the flags a command starts with.
    for (const [step, [workers, cache, mainRenders]] of [['0', 'cli,render', '0'], ['1', 'worker', '0'], ['1', 'render', '1']].entries()) {
      const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'council-press.js'), 'build', '--content', join(ROOT, 'content'), '--templates', join(ROOT, 'templates'), '--out', join(work, `out-${step}`), '--cache-dir', join(work, `cache-${step}`), '--quiet'], {
        cwd: ROOT,
        encoding: 'utf8',
        // Under the V8 flags a build really runs with (COUNCIL_PRESS_V8_TUNING=0, for measuring, would make caches that are rejected later).
        env: { ...process.env, COUNCIL_PRESS_V8_TUNING: '', COUNCIL_PRESS_WRITE_CODE_CACHE: cache, COUNCIL_PRESS_WORKERS: workers, COUNCIL_PRESS_MAIN_RENDERS: mainRenders, COUNCIL_PRESS_BUNDLE: '1' },
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
  // Each cache is written by the run that used it; one that rendered nothing on that thread leaves
  // it out, and every compile would then bundle again.
  for (const name of CODE_CACHES) {
    if (!existsSync(join(OUT, name))) {
      console.error(`bundle: no ${name} was made (the builds that make the code caches rendered nothing on that thread)`);
      process.exitCode = 1;
    }
  }
}

if (!process.exitCode) writeFileSync(MADE, made);
