/**
 * The CLI's side of bin/replay.cjs: after a build that leaves a record, what an up-to-date run of
 * the same command line would print is kept beside it, so that run can answer before loading the
 * command line at all (bin/replay.cjs says when it may).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BuildResult } from '../build/build.js';
import { changedAt, RACY_MS, recordFile } from '../build/build-record.js';
import { getMessagesLanguage } from '../diagnostics/catalogue.js';
import { BUNDLED, PACKAGE_ROOT } from '../package-root.js';
import type { Io } from './io.js';
import { Reporter } from './reporter.js';
import type { Settings } from './settings.js';

type Stamps = [string, string][];

interface ReplayModule {
  TIME: string;
  replayKey(argv: readonly string[], cwd?: string, env?: NodeJS.ProcessEnv): string;
  replayFolder(argv: readonly string[], cwd?: string): string | undefined;
  stampOf(file: string): string;
  seconds(ms: number, separator: string): string;
  saveReplay(cacheDir: string, entry: { key: string; stamps: Stamps; output: [1 | 2, string][]; separator: string }): void;
  dropReplay(cacheDir: string, key: string): void;
}

/** bin/council-press.js: the config files and the tool, stamped as the command started (replay.cjs, startStamps). */
declare global {
  var __councilPressStartStamps: { takenAt: number; stamps: Stamps } | undefined;
}

const replay = createRequire(import.meta.url)(join(PACKAGE_ROOT, 'bin', 'replay.cjs')) as ReplayModule;

/** A time no build takes, written where the replay puts its own (`9999999.99 s`). */
const SENTINEL_MS = 9_999_999_990;

/** Prints the answer of a build that nothing changed since (the build record's, or a replay's). */
export type PrintUpToDate = (reporter: Reporter, result: BuildResult, ms: number) => void;

/**
 * Keeps (or, when the build left no record, forgets) the replay of `argv`. Only for the command
 * as a terminal runs it (`io.replayable`), from the bundle the fast path checks (which stamped the
 * config files and the tool as it started), with the cache folder it looks in, and with plain
 * text output: --verbose prints lines before the command runs.
 */
export function keepReplay(argv: readonly string[], io: Io, settings: Settings, result: BuildResult, print: PrintUpToDate): void {
  const start = globalThis.__councilPressStartStamps;
  if (!start || !io.replayable || !BUNDLED || !settings.cache || settings.watch || settings.verbose || settings.json || settings.reporter !== 'text') return;
  if (replay.replayFolder(argv, io.cwd) !== settings.cacheDir) return;
  const key = replay.replayKey(argv, io.cwd, io.env);
  try {
    // As the build record: nothing changed so shortly before it was stamped that a second change could share its stamp.
    const racy = start.stamps.some(([, stamp]) => stamp !== 'missing' && changedAt(stamp) >= start.takenAt - RACY_MS);
    const read = (file: string | undefined) => file === undefined || start.stamps.some(([stamped]) => stamped === file);
    if (!result.ok || !result.recordStamps || racy || !read(settings.configFile)) return replay.dropReplay(settings.cacheDir, key);
    const output: [1 | 2, string][] = [];
    const capture: Io = { ...io, stdout: (text) => output.push([1, text]), stderr: (text) => output.push([2, text]) };
    print(new Reporter(capture, settings), { ...result, artifacts: result.artifacts.map((a) => ({ ...a, cached: true })), upToDate: true }, SENTINEL_MS);
    const separator = getMessagesLanguage() === 'ru' ? ',' : '.';
    const sentinel = replay.seconds(SENTINEL_MS, separator);
    const timed = output.map(([fd, text]): [1 | 2, string] => [fd, text.split(sentinel).join(replay.TIME)]);
    // The record's file too: another build into the same folder with other options replaces it.
    const record = recordFile(settings.cacheDir, settings.outDir);
    replay.saveReplay(settings.cacheDir, { key, stamps: [...result.recordStamps, [record, replay.stampOf(record)], ...start.stamps], output: timed, separator });
  } catch {
    // A replay is only a shortcut: a cache folder that cannot take one just means no shortcut.
  }
}
