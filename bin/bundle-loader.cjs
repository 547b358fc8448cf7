'use strict';
/**
 * Runs one of council-press's one-file bundles (dist/bundle/<name>.cjs, made by
 * scripts/bundle.mjs) with the V8 code cache made next to it. Start-up then skips resolving,
 * reading and compiling some 400 module files: a cold build of the shipped content took 1.6 s from
 * the compiled modules and 1.2 s this way (Node 20 has no module compile cache of its own).
 *
 * A bundle is used only while every compiled module it was made from, and every bundled library's
 * package.json, still has the modification time it had then (a `tsc` run without bundling, or a
 * library upgrade, leaves it stale), and never with COUNCIL_PRESS_BUNDLE=0. A code
 * cache that V8 rejects (another Node release, other V8 flags) is ignored: the code compiles as
 * usual, just slower.
 *
 * Loaded by bin/council-press.js (name "cli"), by the CLI bundle when it first renders on the main
 * thread (name "render", src/build/render-module.ts), and by bin/bundle-worker.cjs, a render pool
 * thread's entry (name "worker").
 */
const fs = require('node:fs');
const path = require('node:path');

const DIR = path.join(__dirname, '..', 'dist', 'bundle');

/**
 * True when the command should run dist/bundle/<name>.cjs (each of `names`): wanted, and made from
 * the modules as they are now.
 */
function fresh(names, dir = DIR) {
  return process.env.COUNCIL_PRESS_BUNDLE !== '0' && current(names, dir);
}

/**
 * True when dist/bundle/<name>.cjs exists for each of `names` (one name, or several) and every file
 * they were made from (our compiled modules, each library's package.json) has the modification
 * time it had then. A file that several bundles were made from is looked at once: this runs at
 * the start of every command, ~200 files for the CLI and its render stage.
 */
function current(names, dir = DIR) {
  try {
    const seen = new Set();
    for (const name of typeof names === 'string' ? [names] : names) {
      if (!fs.existsSync(path.join(dir, `${name}.cjs`))) return false;
      const inputs = JSON.parse(fs.readFileSync(path.join(dir, `${name}.inputs.json`), 'utf8'));
      for (const [file, mtimeMs] of inputs) {
        if (seen.has(file)) continue;
        seen.add(file);
        const stats = fs.statSync(path.join(dir, file), { throwIfNoEntry: false });
        if (!stats || stats.mtimeMs !== mtimeMs) return false;
      }
    }
    return true;
  } catch {
    return false;
  }
}

/** Evaluates the bundle as a CommonJS module (with its code cache) and returns its exports. */
function load(name) {
  // Required here, not above: a command that a replay answers (bin/replay.cjs) never loads a bundle.
  const vm = require('node:vm');
  const Module = require('node:module');
  const file = path.join(DIR, `${name}.cjs`);
  // Under the V8 flags a render pool sets (src/build/jit.ts), a cache made under the default flags
  // is rejected: the render bundle has a second one, made under the pool's.
  const cacheFile = `${file}${globalThis.__councilPressPoolFlags ? '.pool' : ''}.cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, DIR);
  if ((process.env.COUNCIL_PRESS_WRITE_CODE_CACHE ?? '').split(',').includes(name)) {
    // scripts/bundle.mjs: after a real build, so the cache holds the functions a build compiles
    // lazily too, not only the top level. A worker thread is ended by terminate(), which runs no
    // exit handler: it writes after each job instead (src/build/worker.ts calls this).
    const write = () => fs.writeFileSync(cacheFile, script.createCachedData());
    if (require('node:worker_threads').isMainThread) process.on('exit', write);
    else globalThis.__councilPressWriteCodeCache = write;
  }
  return module.exports;
}

module.exports = { DIR, current, fresh, load };
