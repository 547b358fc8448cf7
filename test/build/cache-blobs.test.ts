// The cache's blobs are hard links to the output files a build wrote (src/build/cache.ts `store`),
// not second copies. Sharing an inode must never let a bad artifact through: an output written
// through in place (which changes its blob too) is seen, rendered again, and both the output and
// the cache are right again afterwards; a corrupt blob is never trusted.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions, type BuildResult } from '../../src/build/build.js';
import { removeProject, tempProject } from '../cli/helpers.js';

const DATE = new Date('2026-01-01T00:00:00Z');
const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe('cache blobs', () => {
  let dir: string;
  let options: BuildOptions;
  let first: BuildResult;
  const out = (path: string) => join(dir, 'out', path);
  const blob = (hash: string) => join(dir, 'cache', 'blobs', hash);
  const BRIEF = 'briefs/dubna-la-crosse.docx';

  beforeAll(async () => {
    dir = tempProject('blobs');
    options = { cwd: dir, contentDir: 'content', templatesDir: 'templates', outDir: 'out', cacheDir: 'cache', date: DATE };
    first = await build(options);
    expect(first.ok).toBe(true);
  }, 60_000);
  afterAll(() => removeProject(dir));

  it('links each blob to the output file it was written as: one inode, the recorded bytes', () => {
    expect(first.artifacts.length).toBe(9);
    for (const artifact of first.artifacts) {
      const file = out(artifact.path);
      expect(statSync(blob(artifact.sha256)).ino, artifact.path).toBe(statSync(file).ino);
      expect(statSync(file).nlink).toBeGreaterThanOrEqual(2);
      expect(sha(readFileSync(file))).toBe(artifact.sha256);
    }
  });

  it('renders again an artifact whose output was written through, and mends output and blob', async () => {
    const recorded = first.artifacts.find((a) => a.path === BRIEF)!;
    const good = readFileSync(out(BRIEF));
    // Written through in place (as some tools save): the blob, the same inode, changes with it.
    appendFileSync(out(BRIEF), 'tampered');
    expect(sha(readFileSync(blob(recorded.sha256)))).not.toBe(recorded.sha256);

    const second = await build(options);
    expect(second.ok).toBe(true);
    expect(second.artifacts.find((a) => a.path === BRIEF)?.cached).toBe(false);
    expect(readFileSync(out(BRIEF)).equals(good)).toBe(true);
    expect(sha(readFileSync(blob(recorded.sha256)))).toBe(recorded.sha256);
    // The other artifacts were left as they were.
    expect(second.artifacts.filter((a) => !a.cached).map((a) => a.path)).toEqual([BRIEF]);

    // And the cache answers for it again, from a sound blob.
    const third = await build({ ...options, outDir: 'out2' });
    expect(third.artifacts.find((a) => a.path === BRIEF)?.cached).toBe(true);
    expect(readFileSync(join(dir, 'out2', BRIEF)).equals(good)).toBe(true);
  });

  it('never trusts a corrupt blob: a build into a fresh folder renders that artifact', async () => {
    const handout = first.artifacts.find((a) => a.path === 'handouts/dubna-la-crosse.pdf')!;
    // A new file in the blob's place (its output keeps the old inode and the right bytes).
    writeFileSync(`${blob(handout.sha256)}.new`, 'not a pdf');
    renameSync(`${blob(handout.sha256)}.new`, blob(handout.sha256));
    const result = await build({ ...options, outDir: 'out3' });
    expect(result.artifacts.find((a) => a.path === handout.path)?.cached).toBe(false);
    expect(sha(readFileSync(join(dir, 'out3', handout.path)))).toBe(handout.sha256);
    expect(existsSync(blob(handout.sha256)) && sha(readFileSync(blob(handout.sha256)))).toBe(handout.sha256);
  });
});
