// "Nothing changed" from file stamps (src/build/build-record.ts): a build whose inputs, tool,
// options and outputs are all as the last build recorded them renders, loads and hashes nothing;
// any difference (an edit of the same size, new bytes under an old mtime, a new file, a template,
// a touched output, other options, a corrupt record, an input changed just before the build
// looked) sends it through the content-hash cache.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions, type BuildResult } from '../../src/build/build.js';
import { RACY_MS } from '../../src/build/build-record.js';
import { removeProject, tempProject } from '../cli/helpers.js';

const DATE = new Date('2026-01-01T00:00:00Z');
/** Long enough after a write that a build may vouch for it (an author's files are older than this). */
const settle = () => sleep(RACY_MS + 50);

describe('build record', () => {
  let dir: string;
  let options: BuildOptions;
  /*
   * The content-hash cache forgets every job: its index goes. (Not its blobs: a blob is a hard link
   * to an output file, and unlinking it moves that file's ctime, which the record rightly takes
   * for a change, so a test that removed blobs could no longer tell the record's answer apart.)
   */
  const forgetCache = () => rmSync(join(dir, 'cache', 'index.json'), { force: true });
  const records = () => (existsSync(join(dir, 'cache', 'builds')) ? readdirSync(join(dir, 'cache', 'builds')) : []);
  const again = (extra: Partial<BuildOptions> = {}): Promise<BuildResult> => build({ ...options, ...extra });
  const dubna = () => join(dir, 'content', 'partnerships', 'dubna-la-crosse.md');
  const brief = () => readFileSync(join(dir, 'out', 'briefs', 'dubna-la-crosse.docx'));

  beforeAll(async () => {
    dir = tempProject('record');
    options = { cwd: dir, contentDir: 'content', templatesDir: 'templates', outDir: 'out', cacheDir: 'cache', date: DATE };
    await settle();
    const first = await build(options);
    expect(first.ok).toBe(true);
    expect(first.upToDate).toBe(false);
    expect(records()).toHaveLength(1);
  }, 60_000);
  afterAll(() => removeProject(dir));

  it('answers an unchanged build from the record alone: without the cache it would have rendered', async () => {
    // The content-hash cache cannot answer now: only the record can make this build "up to date".
    forgetCache();
    const result = await again();
    expect(result.ok).toBe(true);
    expect(result.upToDate).toBe(true);
    expect(result.artifacts.map((a) => a.path)).toContain('briefs/dubna-la-crosse.docx');
    expect(result.artifacts.every((a) => a.cached)).toBe(true);
  });

  it('sees an edit that keeps the file size, and writes no record for an input changed just before', async () => {
    const before = brief();
    const text = readFileSync(dubna(), 'utf8');
    writeFileSync(dubna(), text.replace('Висконсин', 'ВИСКОНСИН'));
    expect(statSync(dubna()).size).toBe(Buffer.byteLength(text));
    const result = await again();
    expect(result.upToDate).toBe(false);
    expect(result.artifacts.find((a) => a.path === 'briefs/dubna-la-crosse.docx')?.cached).toBe(false);
    expect(brief().equals(before)).toBe(false);
    // Edited a moment ago: this build may not vouch for it, so it left no record.
    expect(records()).toHaveLength(0);
    await settle();
    expect((await again()).upToDate).toBe(true); // by the content-hash cache, which writes a record
    expect(records()).toHaveLength(1);
    expect((await again()).upToDate).toBe(true); // by the record
  }, 60_000);

  it('sees new bytes of the same size under the old mtime (cp -p, rsync -t), by the ctime', async () => {
    // A whole second, which utimes sets exactly: afterwards only the ctime can tell.
    const old = Math.floor(Date.now() / 1000) - 3600;
    utimesSync(dubna(), old, old);
    await settle();
    expect((await again()).upToDate).toBe(true); // by the content-hash cache, which writes a record
    expect((await again()).upToDate).toBe(true); // by the record
    const before = brief();
    writeFileSync(dubna(), readFileSync(dubna(), 'utf8').replace('ВИСКОНСИН', 'Висконсин'));
    utimesSync(dubna(), old, old);
    expect(statSync(dubna()).mtimeMs).toBe(old * 1000);
    const result = await again();
    expect(result.upToDate).toBe(false);
    expect(brief().equals(before)).toBe(false);
    await settle();
  }, 60_000);

  it('sees a new partnership file and a removed one', async () => {
    const source = readFileSync(dubna(), 'utf8');
    writeFileSync(join(dir, 'content', 'partnerships', 'dubna-copy.md'), source.replace('order: 3', 'order: 4'));
    const result = await again();
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.upToDate).toBe(false);
    expect(result.artifacts.map((a) => a.path)).toContain('handouts/dubna-copy.pdf');
    rmSync(join(dir, 'content', 'partnerships', 'dubna-copy.md'));
    const removed = await again();
    expect(removed.upToDate).toBe(false);
    expect(removed.artifacts.map((a) => a.path)).not.toContain('handouts/dubna-copy.pdf');
  }, 60_000);

  it('sees a template edit', async () => {
    const template = join(dir, 'templates', 'brief.md.hbs');
    writeFileSync(template, `${readFileSync(template, 'utf8')}\nДобавлено в шаблон.\n`);
    const result = await again();
    expect(result.upToDate).toBe(false);
    expect(result.artifacts.find((a) => a.path === 'briefs/dubna-la-crosse.docx')?.cached).toBe(false);
    await settle();
    await again(); // the content-hash cache answers, and writes a record
  }, 60_000);

  it('sees a changed output file, and puts it back', async () => {
    expect((await again()).upToDate).toBe(true);
    const handout = join(dir, 'out', 'handouts', 'dubna-la-crosse.pdf');
    const bytes = readFileSync(handout);
    writeFileSync(handout, 'not a pdf');
    const result = await again();
    expect(result.upToDate).toBe(false);
    expect(readFileSync(handout).equals(bytes)).toBe(true);
  }, 60_000);

  it('answers only the options it was made with', async () => {
    expect((await again()).upToDate).toBe(true);
    forgetCache(); // so only the record could say "up to date"
    const english = await again({ langs: ['ru', 'en'] });
    expect(english.upToDate).toBe(false);
    expect(english.artifacts.map((a) => a.path)).toContain('en/deck.pptx');
    const otherDate = await again({ langs: ['ru', 'en'], date: new Date('2025-06-01T00:00:00Z') });
    expect(otherDate.upToDate).toBe(false);
  }, 60_000);

  it('ignores a corrupt record, or one of the wrong shape', async () => {
    expect((await again()).upToDate).toBe(false); // the record is the last build's (another date)
    expect((await again()).upToDate).toBe(true);
    const [name] = records();
    const file = join(dir, 'cache', 'builds', name!);
    const record = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    forgetCache();
    writeFileSync(file, JSON.stringify({ ...record, artifacts: null }));
    const wrongShape = await again();
    expect(wrongShape.ok).toBe(true);
    expect(wrongShape.upToDate).toBe(false);
    writeFileSync(file, '{"schema":1,"key":');
    const broken = await again();
    expect(broken.ok).toBe(true);
    expect(broken.artifacts.map((a) => a.path)).toContain('briefs/dubna-la-crosse.docx');
  }, 60_000);

  it('keeps no record without the cache, for a partial build, or when nothing is written', async () => {
    rmSync(join(dir, 'cache'), { recursive: true, force: true });
    await again({ cache: false });
    await again({ formats: ['docx'] });
    await again({ only: ['dubna-la-crosse'] });
    await again({ write: false });
    expect(records()).toHaveLength(0);
  }, 60_000);
});
