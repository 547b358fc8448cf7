// Bad-input fixtures as a user meets them: a copy of the shipped content/ and templates/ in a
// scratch folder, the fixture's own files laid over it, an output folder holding a previous build
// and a sentinel, and the real CLI run from the project's folder (so diagnostics read
// `content/partnerships/…:7:8`, exactly as on a staff member's screen).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { REPO_ROOT } from '../support/fontconfig.js';
import { processScratchDir } from '../support/tools.js';

export const CLI = join(REPO_ROOT, 'bin', 'council-press.js');
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'bad-input');
export const SENTINEL = 'KEEP-ME.txt';
export const SENTINEL_TEXT = 'a file the user put here; no build may touch it\n';

export interface TestProject {
  /** The project folder: content/, templates/, out/ (the CLI's cwd). */
  root: string;
  content: string;
  templates: string;
  out: string;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const scratch = processScratchDir('bad-input');
let counter = 0;

/**
 * A fresh project: shipped content and templates, then `test/fixtures/bad-input/<fixture>/`
 * copied over them (its `content/` and `templates/` replace or add files), then `edit`.
 */
export function makeProject(fixture?: string, edit?: (p: TestProject) => void): TestProject {
  const root = join(scratch, `${fixture ?? 'shipped'}-${++counter}`.replace(/[^\w.-]/g, '_'));
  rmSync(root, { recursive: true, force: true });
  const p: TestProject = { root, content: join(root, 'content'), templates: join(root, 'templates'), out: join(root, 'out') };
  cpSync(join(REPO_ROOT, 'content'), p.content, { recursive: true });
  cpSync(join(REPO_ROOT, 'templates'), p.templates, { recursive: true });
  if (fixture) cpSync(join(FIXTURES, fixture), root, { recursive: true, verbatimSymlinks: true });
  edit?.(p);
  return p;
}

/** Replaces `search` (which must occur) in a project file. */
export function editFile(path: string, search: string | RegExp, replacement: string): void {
  const text = readFileSync(path, 'utf8');
  const next = text.replace(search, replacement);
  if (next === text) throw new Error(`${path}: ${String(search)} not found`);
  writeFileSync(path, next);
}

/** Runs the CLI with `cwd` = the project folder, English messages, no colours, no SOURCE_DATE_EPOCH. */
export function runCli(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: cliEnv(env), encoding: 'utf8', maxBuffer: 64 << 20, timeout: 180_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return fail(error);
      done({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

export function spawnCli(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

function cliEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8' };
  delete e.LC_ALL;
  delete e.LC_MESSAGES;
  delete e.SOURCE_DATE_EPOCH;
  return Object.assign(e, env);
}

/**
 * A real build of the shipped content, made once and shared by every bad-input test file (built
 * into a private folder and renamed into place, so parallel workers never see half of it).
 */
export async function previousBuild(): Promise<string> {
  const cache = join(REPO_ROOT, 'test', '.out', 'bad-input', 'previous-build');
  const dist = join(REPO_ROOT, 'dist', 'index.js');
  if (existsSync(join(cache, 'out', 'manifest.json')) && statSync(join(cache, 'out', 'manifest.json')).mtimeMs > statSync(dist).mtimeMs) {
    return join(cache, 'out');
  }
  const mine = `${cache}.${process.pid}`;
  rmSync(mine, { recursive: true, force: true });
  mkdirSync(mine, { recursive: true });
  const p = makeProject();
  const run = await runCli(p.root, ['build', '--out', join(mine, 'out'), '--quiet']);
  if (run.code !== 0) throw new Error(`the shipped content does not build (exit ${run.code}):\n${run.stderr}`);
  rmSync(cache, { recursive: true, force: true });
  try {
    renameSync(mine, cache);
  } catch {
    // another worker renamed its copy first; its build is as good as ours
    rmSync(mine, { recursive: true, force: true });
  }
  return join(cache, 'out');
}

/** Fills `p.out` with a previous real build and a sentinel file; returns its snapshot. */
export async function seedOutput(p: TestProject): Promise<Snapshot> {
  cpSync(await previousBuild(), p.out, { recursive: true });
  writeFileSync(join(p.out, SENTINEL), SENTINEL_TEXT);
  return snapshot(p.out);
}

/** Every entry under `dir` (dotfiles included) → sha256 of its bytes, `link:<target>` or `dir`. */
export type Snapshot = Record<string, string>;

export function snapshot(dir: string, skip: (rel: string) => boolean = () => false): Snapshot {
  const out: Snapshot = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const rel = relative(dir, full).split(sep).join('/');
      if (skip(rel)) continue;
      const st = lstatSync(full);
      if (st.isSymbolicLink()) out[rel] = `link:${readlinkSync(full)}`;
      else if (st.isDirectory()) {
        out[rel] = 'dir';
        walk(full);
      } else out[rel] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Where issue 6's build cache lives, relative to the project: the one place besides --out a build may write. */
export const CACHE_DIR = 'node_modules/.cache/council-press';

/** The project folder without its output folder (and the build cache): what a build must never change. */
export function projectSnapshot(p: TestProject): Snapshot {
  const outName = relative(p.root, p.out).split(sep).join('/');
  const skipped = [outName, CACHE_DIR];
  const parents = new Set(['node_modules', 'node_modules/.cache']);
  return snapshot(p.root, (rel) => parents.has(rel) || skipped.some((s) => rel === s || rel.startsWith(`${s}/`)));
}

/** Lines of stderr, hints included, summary last. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

/**
 * The diagnostics a run printed: stderr up to and including the `N errors, M warnings` line (the
 * CLI may add a closing remark after it). A stack trace anywhere fails the test.
 */
export function report(stderr: string): string {
  if (/^\s+at .+:\d+:\d+\)?$/m.test(stderr)) throw new Error(`a stack trace reached the user:\n${stderr}`);
  const m = /^\d+ errors?, \d+ warnings?$/m.exec(stderr);
  if (!m) throw new Error(`no summary line in:\n${stderr}`);
  return stderr.slice(0, m.index + m[0].length + 1);
}

export interface BuildOutcome {
  run: CliRun;
  p: TestProject;
  /** The output folder's snapshot before the build (previous build + sentinel). */
  before: Snapshot;
}

/**
 * Builds `p` (over a previous output) with the CLI and checks what every build must guarantee:
 * nothing outside the output folder changed or appeared (no lock, no staging folder), and, when
 * the build failed, the output folder is byte-for-byte as it was.
 */
export async function buildOver(p: TestProject, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<BuildOutcome> {
  const before = await seedOutput(p);
  const project = projectSnapshot(p);
  const run = await runCli(p.root, ['build', '--out', 'out', ...args], env);
  if (run.code !== 0 && JSON.stringify(snapshot(p.out)) !== JSON.stringify(before)) {
    throw new Error(`a failed build (exit ${run.code}) changed the output folder`);
  }
  const after = projectSnapshot(p);
  if (JSON.stringify(after) !== JSON.stringify(project)) {
    const changed = [...new Set([...Object.keys(after), ...Object.keys(project)])].filter((k) => after[k] !== project[k]);
    throw new Error(`the build wrote outside its output folder: ${changed.join(', ')}`);
  }
  return { run, p, before };
}
