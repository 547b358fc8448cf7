#!/usr/bin/env node
// The council-press command: a thin entry that runs the compiled CLI (npm run compile → dist/):
// its one-file bundle with a V8 code cache when that is up to date (bin/bundle-loader.cjs says
// why), else the modules themselves.
import { createRequire } from 'node:module';

const bundle = createRequire(import.meta.url)('./bundle-loader.cjs');
// The CLI's bundle loads the render stage's (render.cjs) when it first renders: both must be current.
const { main } = bundle.fresh('cli') && bundle.fresh('render') ? bundle.load('cli') : await import('../dist/cli/main.js');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
