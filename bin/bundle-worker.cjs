'use strict';
// A render pool thread's entry when the worker bundle is fresh (src/build/pool.ts): runs
// dist/bundle/<workerData.councilPressBundle>.cjs through bin/bundle-loader.cjs. A file of its own,
// so that the loader, which every command loads first, does not load node:worker_threads (~1.5 ms).
const { workerData } = require('node:worker_threads');

require('./bundle-loader.cjs').load(workerData.councilPressBundle);
