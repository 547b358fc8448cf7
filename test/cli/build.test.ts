// `council-press build` (with --only, --format, --quiet, --verbose, colours) and `council-press clean`
// as subprocesses: exit codes, what is printed, and what is written, read back.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from '../support/ooxml.js';
import { docxText, listFiles, removeProject, run, tempProject } from './helpers.js';

const ANSI = /\x1b\[/;

describe('council-press build', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempProject('build');
  });
  afterAll(() => removeProject(dir));

  it('--format docx --only <slug>: exactly that brief and the manifest; a line per artifact and a summary', async () => {
    const r = await run(['build', '--format', 'docx', '--only', 'dubna-la-crosse', '--out', 'out1'], dir);
    expect(r.stderr).toBe('0 errors, 0 warnings\n');
    expect(r.code).toBe(0);
    expect(listFiles(join(dir, 'out1'))).toEqual(['briefs/dubna-la-crosse.docx', 'manifest.json']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ {2}briefs\/dubna-la-crosse\.docx +\d+ KB {2}\d+ ms$/);
    expect(lines[1]).toMatch(/^✓ built 1 artifact into out1 in \d+\.\d\d s$/);
    expect(lines).toHaveLength(2);

    const docx = readFileSync(join(dir, 'out1/briefs/dubna-la-crosse.docx'));
    const text = docxText(readZip(docx).get('word/document.xml') as string);
    expect(text).toContain('Дубна — Ла-Кросс');
    expect(text).toContain('Висконсин');
    const manifest = JSON.parse(readFileSync(join(dir, 'out1/manifest.json'), 'utf8')) as { artifacts: { path: string; sha256: string }[] };
    expect(manifest.artifacts.map((a) => a.path)).toEqual(['briefs/dubna-la-crosse.docx']);
    expect(manifest.artifacts[0]!.sha256).toBe(createHash('sha256').update(docx).digest('hex'));

    // The same build again comes from the cache and says so.
    const again = await run(['build', '--format', 'docx', '--only', 'dubna-la-crosse', '--out', 'out1'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/briefs\/dubna-la-crosse\.docx +\d+ KB {2}cached/);
  });

  it('--format pptx,pdf --only <slug> --quiet: the deck, its PDF, that handout and the council handout; nothing printed', async () => {
    const r = await run(['build', '--format', 'pptx,pdf', '--only', 'serpukhov-richmond', '--out', 'out2', '--quiet'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    expect(listFiles(join(dir, 'out2'))).toEqual(['deck.pdf', 'deck.pptx', 'handouts/council.pdf', 'handouts/serpukhov-richmond.pdf', 'manifest.json']);
    const deck = readZip(readFileSync(join(dir, 'out2/deck.pptx')));
    const slides = [...deck.keys()].filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k));
    expect(slides.length).toBeGreaterThanOrEqual(6);
    expect(slides.some((k) => (deck.get(k) as string).includes('Серпухов'))).toBe(true);
    expect(readFileSync(join(dir, 'out2/handouts/serpukhov-richmond.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('usage errors exit 2 and build nothing', async () => {
    const unknownSlug = await run(['build', '--only', 'nowhere', '--out', 'out3'], dir);
    expect(unknownSlug.code).toBe(2);
    expect(unknownSlug.stderr).toContain('--only: no partnership "nowhere"');
    const badFormat = await run(['build', '--format', 'ppt', '--out', 'out3'], dir);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format: unknown value "ppt" (use pptx, docx, pdf)');
    const badShard = await run(['build', '--shard', '5/4', '--out', 'out3'], dir);
    expect(badShard.code).toBe(2);
    expect(existsSync(join(dir, 'out3'))).toBe(false);
  });

  it('colours only when asked for (FORCE_COLOR) and never with NO_COLOR', async () => {
    writeFileSync(join(dir, 'content/stray.txt'), 'x');
    try {
      const forced = await run(['check'], dir, { NO_COLOR: '', FORCE_COLOR: '1' });
      expect(forced.stderr).toMatch(ANSI);
      const off = await run(['check'], dir, { NO_COLOR: '1', FORCE_COLOR: '1' });
      expect(off.stderr).not.toMatch(ANSI);
      const pipe = await run(['check'], dir, { NO_COLOR: '' });
      expect(pipe.stderr).not.toMatch(ANSI);
      expect(pipe.stderr).toContain('warning: ignored: stray.txt');
    } finally {
      removeProject(join(dir, 'content/stray.txt'));
    }
  });
});

describe('council-press clean', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempProject('clean');
  });
  afterAll(() => removeProject(dir));

  it('removes the output folder and the cache', async () => {
    const built = await run(['build', '--format', 'docx', '--only', 'dubna-la-crosse', '--quiet'], dir);
    expect(built.code).toBe(0);
    expect(listFiles(join(dir, 'output'))).toEqual(['briefs/dubna-la-crosse.docx', 'manifest.json']);
    expect(listFiles(join(dir, 'node_modules/.cache/council-press')).length).toBeGreaterThan(0);
    const r = await run(['clean'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✓ removed output, node_modules/.cache/council-press\n');
    expect(existsSync(join(dir, 'output'))).toBe(false);
    expect(existsSync(join(dir, 'node_modules/.cache/council-press'))).toBe(false);
    const again = await run(['clean'], dir);
    expect(again.stdout).toBe('✓ nothing to remove\n');
  });

  it('refuses to remove a folder that holds the project, the content or the templates', async () => {
    for (const args of [['--out', '.'], ['--out', 'content'], ['--cache-dir', '..'], ['--out', 'templates/..']]) {
      const r = await run(['clean', ...args], dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('refusing to remove');
    }
    expect(existsSync(join(dir, 'content/council.md'))).toBe(true);
    expect(existsSync(join(dir, 'templates/brand.yaml'))).toBe(true);
  });
});
