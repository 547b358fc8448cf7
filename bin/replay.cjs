'use strict';
/**
 * A build with nothing to do, answered before the command line is even loaded.
 *
 * A build that its record answers (src/build/build-record.ts) renders, loads and hashes nothing,
 * yet it still started the CLI's bundle (~10 ms to deserialize its code cache), resolved the
 * settings and walked the content: ~20 ms on top of Node's own ~45 ms here. So each build that
 * leaves a record also leaves, beside it, what an up-to-date run of the same command would print
 * (its "replay"), with the stamps that vouch for it: every input and output file and folder the
 * record holds, the config files the settings came from (or their absence), and the tool itself.
 * When the same command line runs again in the same folder with the same environment, and every
 * one of those stamps is as recorded, this prints that text (with the time it took) and the
 * process ends there; any difference at all, and the command runs as usual, the build record and
 * the content-hash cache deciding as before.
 *
 * Plain CommonJS, like bundle-loader.cjs: it runs before any bundle is loaded. The CLI writes the
 * entries through the same functions (src/cli/replay.ts), so the key and the stamps have one
 * definition. COUNCIL_PRESS_REPLAY=0 turns the fast path off.
 */
const fs = require('node:fs');
const path = require('node:path');

const SCHEMA = 1;
/** Replays kept per cache folder: one per command line and folder that builds into it. */
const MAX_ENTRIES = 8;
/** Stands for the time in a replay's text. */
const TIME = '\u0000time\u0000';
/** The default cache folder, relative to the current folder (src/cli/settings.ts, DEFAULTS.cacheDir). */
const DEFAULT_CACHE_DIR = path.join('node_modules', '.cache', 'council-press');
/**
 * Variables that change between two runs of the same command and cannot change a build: the shell's
 * bookkeeping, and the padding hyperfine adds to the environment of each run it times.
 */
const VOLATILE_ENV = new Set(['_', 'OLDPWD', 'HYPERFINE_RANDOMIZED_ENVIRONMENT_OFFSET']);
const PACKAGE_ROOT = path.join(__dirname, '..');

/**
 * What a run's output and result can depend on, besides files: the arguments, the folder, the
 * environment (messages language, SOURCE_DATE_EPOCH, colours, COUNCIL_PRESS_*) and which streams
 * are terminals.
 */
function replayKey(argv, cwd = process.cwd(), env = process.env) {
  const vars = Object.keys(env)
    .filter((name) => !VOLATILE_ENV.has(name))
    .sort()
    .map((name) => [name, env[name]]);
  return JSON.stringify([SCHEMA, argv, cwd, vars, isTerminal(1), isTerminal(2)]);
}

/**
 * isatty(fd), loading node:tty (~1.5 ms here, for net) only for a character device, which a
 * terminal is: a build's output read through a pipe or a file never pays for it.
 */
function isTerminal(fd) {
  try {
    return fs.fstatSync(fd).isCharacterDevice() && require('node:tty').isatty(fd);
  } catch {
    return false;
  }
}

/**
 * The cache folder the command line names (`--cache-dir <dir>` or `--cache-dir=<dir>`), else the
 * default; undefined with --no-cache. A cache folder set in the config file is not looked for:
 * the CLI writes no replay for such a build (replayFolder differs from its settings).
 */
function replayFolder(argv, cwd = process.cwd()) {
  const end = argv.indexOf('--');
  if ((end < 0 ? argv : argv.slice(0, end)).includes('--no-cache')) return undefined;
  return path.resolve(cwd, optionValue(argv, '--cache-dir') ?? DEFAULT_CACHE_DIR);
}

const replayFile = (cacheDir) => path.join(cacheDir, 'replay.json');

/** `kind:size:mtime:ctime:dev:ino`, following links, or "missing" (the build record's stamps). */
function stampOf(file) {
  const s = fs.statSync(file, { throwIfNoEntry: false });
  return s ? `${s.isDirectory() ? 'd' : 'f'}:${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.dev}:${s.ino}` : 'missing';
}

/** The tool's own files: another install, compile or bundle is another tool. */
function toolFiles() {
  const bundles = path.join(PACKAGE_ROOT, 'dist', 'bundle');
  return [
    path.join(PACKAGE_ROOT, 'package.json'),
    path.join(PACKAGE_ROOT, 'package-lock.json'),
    // npm rewrites it with every install, also of a library no bundle holds (sharp).
    path.join(PACKAGE_ROOT, 'node_modules', '.package-lock.json'),
    path.join(PACKAGE_ROOT, 'bin', 'council-press.js'),
    path.join(PACKAGE_ROOT, 'bin', 'bundle-loader.cjs'),
    __filename,
    path.join(PACKAGE_ROOT, 'dist', 'build', 'worker.js'),
    ...['made.json', 'cli.cjs', 'render.cjs', 'worker.cjs'].map((name) => path.join(bundles, name)),
  ];
}

/** The value of `--name <value>` or `--name=<value>` on the command line (the last one), if any. */
function optionValue(argv, name) {
  let value;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') break;
    if (argv[i] === name && i + 1 < argv.length) value = argv[++i];
    else if (argv[i].startsWith(`${name}=`)) value = argv[i].slice(name.length + 1);
  }
  return value;
}

/** The files the settings may come from (src/cli/config.ts, loadConfig): the one --config names, else the two it looks for. */
function configFiles(argv, cwd) {
  const explicit = optionValue(argv, '--config');
  return explicit !== undefined ? [path.resolve(cwd, explicit)] : [path.join(cwd, 'council-press.config.json'), path.join(cwd, 'package.json')];
}

/**
 * Stamps of the config files and of the tool, taken as the command starts, before it reads any of
 * them: a replay saved at the end of the run holds these, so a file changed during the run (after
 * the settings were read) can never be vouched for by it.
 */
function startStamps(argv, cwd = process.cwd()) {
  const takenAt = Date.now();
  return { takenAt, stamps: [...configFiles(argv, cwd), ...toolFiles()].map((file) => [file, stampOf(file)]) };
}

const isStamp = (s) => Array.isArray(s) && typeof s[0] === 'string' && typeof s[1] === 'string';
const isOutput = (o) => Array.isArray(o) && (o[0] === 1 || o[0] === 2) && typeof o[1] === 'string';
/** A replay.json entry as saveReplay writes it; anything else (a damaged file) is no entry. */
const isEntry = (e) => Boolean(e) && typeof e.key === 'string' && Array.isArray(e.stamps) && e.stamps.every(isStamp) && Array.isArray(e.output) && e.output.every(isOutput) && (e.separator === ',' || e.separator === '.');

function readEntries(cacheDir) {
  try {
    const saved = JSON.parse(fs.readFileSync(replayFile(cacheDir), 'utf8'));
    return saved && saved.schema === SCHEMA && Array.isArray(saved.entries) ? saved.entries.filter(isEntry) : [];
  } catch {
    return [];
  }
}

/** The replay for `key` in `cacheDir` when every stamp it holds is still as recorded; else undefined. */
function findReplay(cacheDir, key) {
  const entry = readEntries(cacheDir).find((e) => e.key === key);
  if (!entry) return undefined;
  for (const [file, stamp] of entry.stamps) if (stampOf(file) !== stamp) return undefined;
  return entry;
}

/** `0.01 s` as the CLI writes times (src/cli/messages.ts), with the entry's decimal separator. */
function seconds(ms, separator) {
  return (ms / 1000).toFixed(2).replace('.', separator);
}

/**
 * Prints the up-to-date answer to `argv` and returns true when a replay vouches for it; returns
 * false (having printed nothing) when the command must run.
 */
function replayed(argv, started = performance.now()) {
  if (process.env.COUNCIL_PRESS_REPLAY === '0' || !argv.includes('build')) return false;
  let entry;
  try {
    const cacheDir = replayFolder(argv);
    entry = cacheDir === undefined ? undefined : findReplay(cacheDir, replayKey(argv));
  } catch {
    entry = undefined;
  }
  if (!entry) return false;
  const time = seconds(performance.now() - started, entry.separator);
  for (const [fd, text] of entry.output) write(fd, text.split(TIME).join(time));
  process.exitCode = 0;
  return true;
}

/**
 * Writes straight to the descriptor, as a short synchronous write: process.stdout would first load
 * the stream classes (~1.5 ms). A descriptor that cannot take it all now (a non-blocking pipe
 * that is full) gets the rest through the stream, which waits.
 */
function write(fd, text) {
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  try {
    while (done < bytes.length) done += fs.writeSync(fd, bytes, done);
  } catch {
    (fd === 2 ? process.stderr : process.stdout).write(bytes.subarray(done));
  }
}

/**
 * Records what an up-to-date run of `argv` prints (`output`: `[1 or 2, text]` in order, TIME where
 * the time goes) and the stamps that vouch for it (`stamps`: the build record's, its file's, and
 * the run's start stamps). The newest entry goes first; the oldest beyond MAX_ENTRIES are dropped.
 */
function saveReplay(cacheDir, entry) {
  const made = { key: entry.key, stamps: entry.stamps, output: entry.output, separator: entry.separator };
  if (!isEntry(made)) throw new Error('council-press: not a replay entry');
  fs.mkdirSync(cacheDir, { recursive: true });
  writeEntries(cacheDir, [made, ...readEntries(cacheDir).filter((e) => e.key !== entry.key)].slice(0, MAX_ENTRIES));
}

/** Forgets the replay for `key` (its build failed, or left no record). */
function dropReplay(cacheDir, key) {
  const entries = readEntries(cacheDir);
  const kept = entries.filter((e) => e.key !== key);
  if (kept.length < entries.length) writeEntries(cacheDir, kept);
}

/** Replaces replay.json: written to a temporary file and renamed, so a reader sees the old file or the new one. */
function writeEntries(cacheDir, entries) {
  const temp = `${replayFile(cacheDir)}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify({ schema: SCHEMA, entries }));
  fs.renameSync(temp, replayFile(cacheDir));
}

module.exports = { TIME, dropReplay, findReplay, replayed, replayFolder, replayKey, saveReplay, seconds, stampOf, startStamps };
