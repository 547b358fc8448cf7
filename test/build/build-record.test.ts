// "Nothing changed" from file stamps (src/build/build-record.ts): a build whose inputs, tool,
// options and outputs are all as the last build recorded them renders, loads and hashes nothing;
// any difference (an edit of the same size, a new file, a touched output, other options, a corrupt
// record, an input edited just before the build looked) sends it through the content-hash cache.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions, type BuildResult } from '../../src/build/build.js';
import { RACY_MS } from '../../src/build/build-record.js';
import { removeProject, tempProject } from '../cli/helpers.js';

const DATE = new Date('2026-01-01T00:00:00Z');

/** Every file and folder below `dir` dated `seconds` ago: older than RACY_MS, as an author's files are. */
function age(dir: string, seconds = 60): void {
  const when = (Date.now() - seconds * 1000) / 1000;
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    utimesSync(path, when, when);
  };
  walk(dir);
}

describe('build record', () => {
  let dir: string;
  let options: BuildOptions;
  const blobs = () => join(dir, 'cache', 'blobs');
  const records = () => (existsSync(join(dir, 'cache', 'builds')) ? readdirSync(join(dir, 'cache', 'builds')) : []);
  const again = (extra: Partial<BuildOptions> = {}): Promise<BuildResult> => build({ ...options, ...extra });

  beforeAll(async () => {
    expect(RACY_MS).toBeLessThan(60_000);
    dir = tempProject('record');
    age(dir);
    options = { cwd: dir, contentDir: 'content', templatesDir: 'templates', outDir: 'out', cacheDir: 'cache', date: DATE };
    const first = await build(options);
    expect(first.ok).toBe(true);
    expect(first.upToDate).toBe(false);
    expect(records()).toHaveLength(1);
  });
  afterAll(() => removeProject(dir));

  it('answers an unchanged build from the record alone: without the cache it would have rendered', async () => {
    // The content-hash cache cannot answer now: only the record can make this build "up to date".
    rmSync(blobs(), { recursive: true, force: true });
    const result = await again();
    expect(result.ok).toBe(true);
    expect(result.upToDate).toBe(true);
    expect(result.artifacts.map((a) => a.path)).toContain('briefs/dubna-la-crosse.docx');
    expect(result.artifacts.every((a) => a.cached)).toBe(true);
  });

  it('sees an edit that keeps the file size, and rebuilds what it changes', async () => {
    const file = join(dir, 'content', 'partnerships', 'dubna-la-crosse.md');
    const before = readFileSync(join(dir, 'out', 'briefs', 'dubna-la-crosse.docx'));
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('Висконсин', 'ВИСКОНСИН'));
    expect(statSync(file).size).toBe(Buffer.byteLength(text));
    const result = await again();
    expect(result.upToDate).toBe(false);
    expect(result.artifacts.find((a) => a.path === 'briefs/dubna-la-crosse.docx')?.cached).toBe(false);
    expect(readFileSync(join(dir, 'out', 'briefs', 'dubna-la-crosse.docx')).equals(before)).toBe(false);
    // Edited a moment ago: this build may not vouch for it, so it left no record.
    expect(records()).toHaveLength(0);
    age(join(dir, 'content'));
    expect((await again()).upToDate).toBe(true); // by the content-hash cache, which writes a record
    expect(records()).toHaveLength(1);
  });

  it('sees a new partnership file', async () => {
    const source = readFileSync(join(dir, 'content', 'partnerships', 'dubna-la-crosse.md'), 'utf8');
    writeFileSync(join(dir, 'content', 'partnerships', 'dubna-copy.md'), source.replace('order: 3', 'order: 4'));
    age(join(dir, 'content'));
    const result = await again();
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.upToDate).toBe(false);
    expect(result.artifacts.map((a) => a.path)).toContain('handouts/dubna-copy.pdf');
    rmSync(join(dir, 'content', 'partnerships', 'dubna-copy.md'));
    age(join(dir, 'content'));
    const removed = await again();
    expect(removed.artifacts.map((a) => a.path)).not.toContain('handouts/dubna-copy.pdf');
  });

  it('sees a changed output file, and puts it back', async () => {
    expect((await again()).upToDate).toBe(true);
    const handout = join(dir, 'out', 'handouts', 'dubna-la-crosse.pdf');
    const bytes = readFileSync(handout);
    writeFileSync(handout, 'not a pdf');
    const result = await again();
    expect(result.upToDate).toBe(false);
    expect(readFileSync(handout).equals(bytes)).toBe(true);
  });

  it('keeps records apart by options, and ignores a corrupt one', async () => {
    expect((await again()).upToDate).toBe(true);
    // Another language is another build: the record of the Russian one does not answer for it.
    const english = await again({ langs: ['ru', 'en'] });
    expect(english.upToDate).toBe(false);
    expect(english.artifacts.map((a) => a.path)).toContain('en/deck.pptx');
    const [record] = records();
    writeFileSync(join(dir, 'cache', 'builds', record!), '{"schema":1,"key":');
    const back = await again();
    expect(back.ok).toBe(true);
    expect(back.artifacts.map((a) => a.path)).not.toContain('en/deck.pptx');
  });

  it('keeps no record without the cache, for a partial build, or when nothing is written', async () => {
    rmSync(join(dir, 'cache'), { recursive: true, force: true });
    await again({ cache: false });
    await again({ formats: ['docx'] });
    await again({ only: ['dubna-la-crosse'] });
    await again({ write: false });
    expect(records()).toHaveLength(0);
  });
});
