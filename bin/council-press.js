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

// A build that nothing changed since is answered here, before the command line loads (bin/replay.cjs);
// else the config files and the tool are stamped before the command reads them, for its replay.
const replay = bundled ? require('./replay.cjs') : undefined;
if (!replay?.replayed(argv)) {
  if (replay) globalThis.__councilPressStartStamps = replay.startStamps(argv);
  const cli = bundled ? Promise.resolve(bundle.load('cli')) : import('../dist/cli/main.js');
  cli
    .then(({ main }) => main(argv))
    .then(exitOnceWritten);
}

/**
 * Ends the process as soon as what it printed has reached stdout and stderr. Left to end by itself,
 * Node first waits for V8's background jobs (optimising compiles, concurrent GC) and tears the heap
 * down: 10–25 ms after the last line of a seed build. Every command has finished its work when
 * main() resolves (watch never resolves); pipes on POSIX are written asynchronously, hence the
 * empty writes, whose callbacks run once everything before them is out.
 */
function exitOnceWritten(code) {
  process.exitCode = code;
  let open = 2;
  const done = () => {
    if (--open === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}
