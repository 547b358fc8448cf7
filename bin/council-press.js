#!/usr/bin/env node
// The council-press command: a thin entry that loads the compiled CLI (npm run compile → dist/).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
