/**
 * V8 tuning for a build on worker threads. Profiled at 300 partnerships on two cores, V8's
 * background threads used ~40 % of all CPU (10.5 s of 26 s), most of it TurboFan compiling: each
 * isolate optimises the same ~1,200 functions of the Markdown parser (micromark then), docx, pdfkit and fontkit, many of them
 * again after a deoptimisation, and those compiles take the core the other worker needs. With an
 * interrupt budget four times V8's default, only the functions that stay hot are optimised: the
 * same build used ~12 % less CPU and wall time, and ~50 MB less memory.
 *
 * V8 also grows a busy heap by up to 4× its live size between collections: at 300 partnerships
 * each thread's heap reached ~350 MB around ~90 MB of live objects. Growing it by 35 % instead
 * (a growth factor, not a limit: nothing fails when more is live) took the build's peak from
 * ~730–770 MB to ~435–440 MB, and 100 partnerships' from ~395 to ~310 MB, at about the same time.
 *
 * TurboFan's inlining made each optimising compile large: profiled with perf at 300 partnerships,
 * its compiler threads still took ~16 % of the build's CPU (drawText in writers/pdf/fast-text.ts
 * compiled 4 times at ~80 ms each, by --trace-opt), while only ~9 % ran in optimised code. Without
 * inlining (--no-turbo-inlining) the same build took 7.83 s against 8.61 s, faster in 12 of 14
 * interleaved pairs (user CPU 13.5 against 15.1 s); halving the inlining budgets instead, or a
 * smaller interrupt budget, gained less.
 *
 * V8 flags are per process, and a code cache made under other flags is rejected, so the flags are
 * set before the first worker starts, and only when workers start: the CLI's bundle (already
 * loaded) and a small build on the main thread keep their caches. scripts/bundle.mjs makes the
 * worker bundle's code cache through a pool, so under the same flags, and a second cache of the
 * render bundle for the main thread rendering beside the workers (without it, that thread compiled
 * the whole bundle again: ~0.1 s in every build on threads).
 */
import { setFlagsFromString } from 'node:v8';

/** V8's defaults in Node 20 (V8 11.3): 67584 bytes of bytecode between tier-up checks; a dynamic heap growth factor of 1.1–4; inlining on. */
export const POOL_V8_FLAGS = '--interrupt-budget=270336 --heap-growing-percent=35 --no-turbo-inlining';

let tuned = false;

/**
 * Sets POOL_V8_FLAGS once per process; COUNCIL_PRESS_V8_TUNING=0 leaves V8's defaults (for measuring).
 * Says so on globalThis for bin/bundle-loader.cjs, which then loads the main thread's render
 * bundle with the code cache made under these flags (`render.cjs.pool.cache`).
 */
export function tuneV8ForWorkers(): void {
  if (tuned || process.env.COUNCIL_PRESS_V8_TUNING === '0') return;
  tuned = true;
  setFlagsFromString(POOL_V8_FLAGS);
  (globalThis as { __councilPressPoolFlags?: boolean }).__councilPressPoolFlags = true;
}
