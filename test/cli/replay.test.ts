// A build with nothing to do is answered by bin/replay.cjs before the command line loads: exactly
// what the CLI itself would print then, and only while every stamp, the command line, the folder
// and the environment are as they were; anything else runs the command as before.
import { existsSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RACY_MS } from '../../src/build/build-record.js';
import { REPO_ROOT } from '../support/fontconfig.js';
import { removeProject, run, tempProject } from './helpers.js';

/** Says on stderr when the CLI's bundle loads: a replayed run never loads it. */
const SPY = `const loader = require(${JSON.stringify(join(REPO_ROOT, 'bin', 'bundle-loader.cjs'))});
const load = loader.load;
loader.load = (name) => { process.stderr.write('[spy] loaded ' + name + '\\n'); return load(name); };
`;

const ARGS = ['build', '--out', 'out', '--cache-dir', 'cache'];
/** "checked in 0.01 s": the one part that differs between two runs. */
const untimed = (text: string) => text.replace(/\d+\.\d\d s\)/g, 'T s)');
const stderrOf = (text: string) => text.replace(/^\[spy\].*\n/gm, '');

describe('replay of an up-to-date build (bin/replay.cjs)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const cli = (extra: NodeJS.ProcessEnv = {}, args: readonly string[] = ARGS) => run(args, dir, { ...env, ...extra });
  const loadedCli = (stderr: string) => /\[spy\] loaded cli/.test(stderr);
  const replays = (): { key: string }[] => {
    try {
      return (JSON.parse(readFileSync(join(dir, 'cache', 'replay.json'), 'utf8')) as { entries: { key: string }[] }).entries;
    } catch {
      return [];
    }
  };
  const settle = () => sleep(RACY_MS + 50);
  /** Replays of ARGS in the tests' own environment (not --quiet's, not Russian's). */
  const plainReplays = () =>
    replays().filter((e) => {
      const [, argv, , vars] = JSON.parse(e.key) as [number, string[], string, [string, string][]];
      return JSON.stringify(argv) === JSON.stringify(ARGS) && vars.some(([name, value]) => name === 'LC_ALL' && value === '');
    });

  beforeAll(async () => {
    dir = tempProject('replay');
    writeFileSync(join(dir, 'spy.cjs'), SPY);
    env = { NODE_OPTIONS: `--require ${join(dir, 'spy.cjs')}` };
    await settle();
    const first = await cli();
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/built 9 artifacts/);
    expect(loadedCli(first.stderr)).toBe(true);
    expect(replays()).toHaveLength(1);
  }, 60_000);

  afterAll(() => removeProject(dir));

  it('prints what the command itself prints when nothing changed, without loading the command line', async () => {
    const replayed = await cli();
    expect(replayed.code).toBe(0);
    expect(loadedCli(replayed.stderr)).toBe(false);
    const itself = await cli({ COUNCIL_PRESS_REPLAY: '0' });
    expect(itself.code).toBe(0);
    expect(loadedCli(itself.stderr)).toBe(true);
    expect(itself.stdout).toMatch(/out is up to date: nothing changed \(9 artifacts, checked in \d+\.\d\d s\)/);
    expect(untimed(replayed.stdout)).toBe(untimed(itself.stdout));
    expect(stderrOf(replayed.stderr)).toBe(stderrOf(itself.stderr));
    expect(replayed.stdout).toContain('handouts/council.pdf');
  }, 60_000);

  it('keeps one replay per command line and environment; Russian messages are replayed in Russian', async () => {
    const quiet = await cli({}, [...ARGS, '--quiet']);
    expect(loadedCli(quiet.stderr)).toBe(true);
    const quietAgain = await cli({}, [...ARGS, '--quiet']);
    expect(loadedCli(quietAgain.stderr)).toBe(false);
    expect(quietAgain.stdout).toBe('');
    expect(stderrOf(quietAgain.stderr)).toBe('');

    const ru = { LC_ALL: 'ru_RU.UTF-8' };
    const russian = await cli(ru);
    expect(loadedCli(russian.stderr)).toBe(true);
    const russianAgain = await cli(ru);
    expect(loadedCli(russianAgain.stderr)).toBe(false);
    expect(russianAgain.stdout).toMatch(/out: ничего не изменилось \(9 файлов, проверено за \d+,\d\d с\)/);
    expect(replays().length).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('is not trusted when an output was removed: the command runs and puts it back', async () => {
    rmSync(join(dir, 'out', 'handouts', 'dubna-la-crosse.pdf'));
    const after = await cli();
    expect(loadedCli(after.stderr)).toBe(true);
    expect(after.code).toBe(0);
    expect(existsSync(join(dir, 'out', 'handouts', 'dubna-la-crosse.pdf'))).toBe(true);
  }, 60_000);

  it('is not trusted when a corrupt replay file is found, and is written again', async () => {
    writeFileSync(join(dir, 'cache', 'replay.json'), '{"schema":1,"entries":[{"key":');
    const after = await cli();
    expect(loadedCli(after.stderr)).toBe(true);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/up to date/);
    expect(loadedCli((await cli()).stderr)).toBe(false);
  }, 60_000);

  it('ignores a damaged entry (an output line that is not text) instead of failing', async () => {
    expect((await cli()).code).toBe(0);
    const file = join(dir, 'cache', 'replay.json');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { entries: { output: unknown[] }[] };
    for (const entry of saved.entries) entry.output.push(5);
    writeFileSync(file, JSON.stringify(saved));
    const after = await cli();
    expect(after.code).toBe(0);
    expect(loadedCli(after.stderr)).toBe(true);
    expect(after.stdout).toMatch(/up to date/);
    expect(after.stderr).not.toMatch(/TypeError|at .*replay\.cjs/);
  }, 60_000);

  it('does not vouch for a config file changed just before the command read it', async () => {
    const config = join(dir, 'council-press.config.json');
    writeFileSync(config, '{ "strict": false }\n');
    try {
      expect(loadedCli((await cli()).stderr)).toBe(true);
      // Changed within RACY_MS of being stamped: a second change could keep its stamp.
      expect(loadedCli((await cli()).stderr)).toBe(true);
      await settle();
      expect(loadedCli((await cli()).stderr)).toBe(true);
      expect(loadedCli((await cli()).stderr)).toBe(false);
    } finally {
      rmSync(config);
    }
  }, 60_000);

  it('is not trusted when a config file appears', async () => {
    const config = join(dir, 'council-press.config.json');
    writeFileSync(config, '{ "strict": false }\n');
    try {
      const after = await cli();
      expect(loadedCli(after.stderr)).toBe(true);
      expect(after.code).toBe(0);
    } finally {
      rmSync(config);
    }
  }, 60_000);

  it('is not trusted after a content edit, and is forgotten by a build that fails', async () => {
    const dubna = join(dir, 'content', 'partnerships', 'dubna-la-crosse.md');
    const text = readFileSync(dubna, 'utf8');
    appendFileSync(dubna, '\nЕщё один абзац о партнёрстве.\n');
    const edited = await cli();
    expect(loadedCli(edited.stderr)).toBe(true);
    expect(edited.code).toBe(0);
    expect(edited.stdout).toMatch(/built 9 artifacts/);
    // Just written: the build vouches for nothing it read within RACY_MS, and keeps no replay.
    expect(plainReplays()).toHaveLength(0);
    await settle();
    expect((await cli()).code).toBe(0);
    expect(plainReplays()).toHaveLength(1);

    writeFileSync(dubna, text.replace(/^since: .*$/m, 'since: nineteen ninety-two'));
    const broken = await cli();
    expect(broken.code).toBe(1);
    expect(loadedCli(broken.stderr)).toBe(true);
    expect(plainReplays()).toHaveLength(0);
    writeFileSync(dubna, text);
  }, 60_000);
});
