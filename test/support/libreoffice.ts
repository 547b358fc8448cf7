// LibreOffice as "a real client": converts a PPTX or DOCX to PDF headless, with the project's
// PT Sans made visible through fontconfig (see fontconfig.ts), so the PDF shows whether the
// package opens, what text it holds and which fonts it really uses.
//
// One soffice at a time, across all vitest workers: a conversion takes a core and several hundred
// MB, and the machine has two cores. In-process calls queue on a promise; across processes
// `flock` on a lock file serialises them (the kernel drops the lock if a process dies, so a killed
// test run never leaves a stale lock). `timeout` bounds each conversion at 120 s; it signals its
// whole process group, so soffice.bin dies with the oosplash launcher.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectFontconfig } from './fontconfig.js';
import {
  assertTool,
  processScratchDir,
  requireToolsOrSkip,
  SCRATCH_ROOT,
  toolAvailable,
  type SkipContext,
} from './tools.js';

export const CONVERSION_TIMEOUT_S = 120;
/** How long a conversion may wait for another process's soffice before giving up. */
const LOCK_WAIT_S = 900;
/** flock's exit code when the wait runs out (-E), distinct from anything soffice returns. */
const LOCK_TIMEOUT_EXIT = 75;
const LOCK_FILE = join(SCRATCH_ROOT, 'soffice.lock');

export function sofficeAvailable(): boolean {
  return toolAvailable('soffice');
}

/** First line of a test that converts: skips with a message, or fails under CI=true. */
export function requireSofficeOrSkip(ctx: SkipContext): void {
  requireToolsOrSkip(ctx, ['soffice']);
}

// A LibreOffice profile per process, reused across its conversions (a fresh profile costs seconds
// to initialise). Conversions never overlap, so sharing it is safe; a timed-out conversion may
// leave it locked, so it is thrown away then.
let profileDir: string | undefined;
let profiles = 0;
function profile(): string {
  if (profileDir === undefined) {
    profileDir = join(processScratchDir('lo-profile'), String(profiles++));
    mkdirSync(profileDir, { recursive: true });
  }
  return profileDir;
}
function discardProfile(): void {
  if (profileDir !== undefined) rmSync(profileDir, { recursive: true, force: true });
  profileDir = undefined;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Converts `inputFile` (PPTX, DOCX, …) to PDF in `outDir` and resolves with the PDF's path.
 * Rejects with soffice's output when it fails, times out, or writes no PDF.
 */
export function convertToPdf(inputFile: string, outDir: string): Promise<string> {
  const task = queue.then(() => convertNow(resolve(inputFile), resolve(outDir)));
  queue = task.catch(() => undefined);
  return task;
}

function convertNow(input: string, outDir: string): Promise<string> {
  const soffice = assertTool('soffice');
  if (!existsSync(input)) return Promise.reject(new Error(`convertToPdf: no such file ${input}`));
  mkdirSync(outDir, { recursive: true });
  mkdirSync(SCRATCH_ROOT, { recursive: true }); // flock creates the lock file, not its folder
  const pdf = join(outDir, `${basename(input, extname(input))}.pdf`);
  rmSync(pdf, { force: true }); // so a stale PDF never passes for a fresh one
  const sofficeArgs = [
    soffice,
    '--headless',
    '--norestore',
    '--nolockcheck',
    `-env:UserInstallation=${pathToFileURL(profile()).href}`,
    '--convert-to',
    'pdf',
    '--outdir',
    outDir,
    input,
  ];
  const bounded = toolAvailable('timeout')
    ? ['timeout', '-k', '10', String(CONVERSION_TIMEOUT_S), ...sofficeArgs]
    : sofficeArgs;
  const [command, ...args] = toolAvailable('flock')
    ? ['flock', '-E', String(LOCK_TIMEOUT_EXIT), '-w', String(LOCK_WAIT_S), LOCK_FILE, ...bounded]
    : bounded;

  return new Promise((done, fail) => {
    const child = spawn(command!, args, {
      env: projectFontconfig().env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // own process group, so the safety net below can kill all of it
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    // Safety net in case `timeout` is missing or the lock wait hangs.
    const guard = setTimeout(
      () => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      },
      (LOCK_WAIT_S + CONVERSION_TIMEOUT_S + 30) * 1000,
    );
    child.on('error', (err) => {
      clearTimeout(guard);
      fail(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      const timedOut = code === 124 || code === 137 || signal !== null;
      if (timedOut) discardProfile();
      if (code === 0 && existsSync(pdf)) return done(pdf);
      const why = timedOut
        ? `timed out after ${CONVERSION_TIMEOUT_S} s`
        : code === LOCK_TIMEOUT_EXIT && command === 'flock'
          ? `could not get ${LOCK_FILE} within ${LOCK_WAIT_S} s`
          : `exited with ${code}${existsSync(pdf) ? '' : ' and wrote no PDF'}`;
      fail(new Error(`LibreOffice conversion of ${input} ${why}:\n${output.trim()}`));
    });
  });
}
