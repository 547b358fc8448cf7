#!/usr/bin/env node
'use strict';
// The council-press command: a thin entry that runs the compiled CLI (npm run compile → dist/):
// its one-file bundle with a V8 code cache when that is up to date (bin/bundle-loader.cjs says
// why), else the modules themselves. It is CommonJS (bin/package.json): an ES module entry makes
// Node set up its ES module loader first, ~10 ms of every command here (median of 40 interleaved
// runs of a build that the last build's record answers: 150 → 140 ms).
const bundle = require('./bundle-loader.cjs');

const argv = process.argv.slice(2);
// The CLI's bundle loads the render stage's (render.cjs) when it first renders: both must be current.
const bundled = bundle.fresh(['cli', 'render']);

// A build that nothing changed since is answered here, before the command line loads (bin/replay.cjs).
if (!(bundled && require('./replay.cjs').replayed(argv))) {
  const cli = bundled ? Promise.resolve(bundle.load('cli')) : import('../dist/cli/main.js');
  cli
    .then(({ main }) => main(argv))
    .then((code) => {
      process.exitCode = code;
    });
}
