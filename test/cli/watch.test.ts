// `council-press build --watch` as a subprocess: first build, an edit rebuilds only what it affects,
// a broken save prints diagnostics and keeps the last good output, Ctrl-C exits 130 leaving no
// temporary folder or lock behind.
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../support/ooxml.js';
import { docxText, removeProject, spawnCli, tempProject } from './helpers.js';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Resolves when `test` holds; fails after `ms`, or when the watch exits first, with what it printed. */
async function waitForWatch(child: ChildProcess, printed: () => string, what: string, test: () => boolean, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!test()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${printed()}`);
    if (child.exitCode !== null) throw new Error(`watch exited early (${child.exitCode})\n${printed()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('council-press build --watch', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempProject('watch');
  });
  afterAll(() => removeProject(dir));

  it('rebuilds what an edit affects, survives a broken save, and stops cleanly on SIGINT', async () => {
    const child = spawnCli(['build', '--watch', '--out', 'out'], dir);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
    const waitFor = (what: string, test: () => boolean, ms?: number): Promise<void> => waitForWatch(child, () => `stdout:\n${stdout}\nstderr:\n${stderr}`, what, test, ms);
    const out = (p: string) => join(dir, 'out', p);
    const dubna = join(dir, 'content/partnerships/dubna-la-crosse.md');
    const manifestMismatches = (): string[] => {
      const manifest = JSON.parse(readFileSync(out('manifest.json'), 'utf8')) as { artifacts: { path: string; sha256: string }[] };
      return manifest.artifacts.filter((a) => sha(out(a.path)) !== a.sha256).map((a) => a.path);
    };
    try {
      expect(stdout.length === 0 || stdout.startsWith('watching')).toBe(true);
      await waitFor('the first build', () => /✓ built 9 artifacts into out/.test(stdout));
      expect(stdout.split('\n')[0]).toBe('watching content/, templates/ for changes (Ctrl-C to stop)');
      await waitFor('the waiting line', () => stdout.includes('waiting for changes…'));
      const briefBefore = sha(out('briefs/dubna-la-crosse.docx'));
      const otherBrief = sha(out('briefs/serpukhov-richmond.docx'));

      // 1. An edit to one partnership.
      let mark = stdout.length;
      // Before the body's first paragraph (a paragraph at the end would land in «## Заметки», the deck's notes).
      const original = readFileSync(dubna, 'utf8');
      writeFileSync(dubna, original.replace('\n---\n\n', '\n---\n\nАбзац, добавленный во время наблюдения.\n\n'));
      await waitFor('the rebuild', () => /✓ rebuilt \d+ of 9 artifacts in/.test(stdout.slice(mark)));
      const rebuild = stdout.slice(mark);
      expect(rebuild).toContain('changed: content/partnerships/dubna-la-crosse.md');
      const listed = [...rebuild.matchAll(/^ {2}(\S+) +\d+ KB/gm)].map((m) => m[1]).sort();
      expect(listed).toEqual(['briefs/dubna-la-crosse.docx', 'deck.pdf', 'deck.pptx', 'handouts/council.pdf', 'handouts/dubna-la-crosse.pdf']);
      expect(rebuild).toContain('✓ rebuilt 5 of 9 artifacts');
      // The edited partnership's own files are announced (and on disk) before the deck's lines.
      expect(rebuild).toMatch(/✓ briefs\/dubna-la-crosse\.docx, handouts\/dubna-la-crosse\.pdf ready in \d+\.\d\d s; the deck and the combined handout follow/);
      expect(rebuild.indexOf(' ready in ')).toBeLessThan(rebuild.indexOf('deck.pptx'));
      const briefAfter = sha(out('briefs/dubna-la-crosse.docx'));
      expect(briefAfter).not.toBe(briefBefore);
      const brief = docxText(readZip(readFileSync(out('briefs/dubna-la-crosse.docx'))).get('word/document.xml') as string);
      expect(brief).toContain('Абзац, добавленный во время наблюдения.');
      expect(sha(out('briefs/serpukhov-richmond.docx'))).toBe(otherBrief);
      // The rebuilt output is one consistent build: manifest.json names the bytes on disk.
      // (Soft, so the broken-save and Ctrl-C steps still run when this fails.)
      expect.soft(manifestMismatches(), 'manifest.json vs files after the rebuild').toEqual([]);

      // 2. A broken save: diagnostics, and the last good output stays.
      await waitFor('idle', () => stdout.slice(mark).includes('waiting for changes…'));
      const good = readFileSync(dubna, 'utf8');
      mark = stdout.length;
      const errMark = stderr.length;
      writeFileSync(dubna, good.replace('city: Дубна', 'city: "Дубна'));
      await waitFor('the failed build', () => stderr.slice(errMark).includes('build failed'));
      const failure = stderr.slice(errMark);
      expect(failure).toContain('content/partnerships/dubna-la-crosse.md:3:7: error: YAML syntax: Missing closing "quote [yaml-syntax]');
      expect(failure).toContain('✗ build failed; out keeps the last good build');
      expect(sha(out('briefs/dubna-la-crosse.docx'))).toBe(briefAfter);

      // 3. Fixed again, then Ctrl-C while that rebuild runs.
      await waitFor('idle', () => stdout.slice(mark).includes('waiting for changes…'));
      mark = stdout.length;
      writeFileSync(dubna, good);
      await waitFor('the next change', () => stdout.slice(mark).includes('changed:'));
      child.kill('SIGINT');
      const { code } = await exited;
      expect(code).toBe(130);
      const leftovers = readdirSync(dir).filter((f) => f.startsWith('.out.'));
      expect(leftovers).toEqual([]);
      // Whatever the interrupted rebuild did, the output is a complete build: its manifest matches its files.
      expect.soft(manifestMismatches(), 'manifest.json vs files after Ctrl-C').toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('after a start the cache answered, says when its threads are warm; a save then rebuilds as usual', async () => {
    const project = tempProject('watch-warm');
    const built = spawnCli(['build', '--out', 'out'], project);
    expect(await new Promise((done) => built.on('exit', done))).toBe(0);
    const child = spawnCli(['build', '--watch', '--out', 'out'], project);
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const waitFor = (what: string, test: () => boolean): Promise<void> => waitForWatch(child, () => stdout, what, test);
    try {
      await waitFor('start', () => stdout.includes('waiting for changes…'));
      expect(stdout).toMatch(/is up to date: nothing changed \(9 artifacts/);
      await waitFor('warm-up', () => /threads warmed up in \d+\.\d\d s/.test(stdout));
      const mark = stdout.length;
      const dubna = join(project, 'content/partnerships/dubna-la-crosse.md');
      writeFileSync(dubna, readFileSync(dubna, 'utf8').replace('\n---\n\n', '\n---\n\nАбзац после прогрева.\n\n'));
      await waitFor('the rebuild', () => /✓ rebuilt \d+ of 9 artifacts in/.test(stdout.slice(mark)));
      const listed = [...stdout.slice(mark).matchAll(/^ {2}(\S+) +\d+ KB/gm)].map((m) => m[1]).sort();
      expect(listed).toEqual(['briefs/dubna-la-crosse.docx', 'deck.pdf', 'deck.pptx', 'handouts/council.pdf', 'handouts/dubna-la-crosse.pdf']);
      expect(docxText(readZip(readFileSync(join(project, 'out/briefs/dubna-la-crosse.docx'))).get('word/document.xml') as string)).toContain('Абзац после прогрева.');
      child.kill('SIGINT');
      expect(await exited).toBe(130);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      removeProject(project);
    }
  });
});
