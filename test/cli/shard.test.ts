// A sharded build as a CI matrix runs it: `build --shard i/n` per machine, then `merge-manifests`.
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles, removeProject, run, tempProject } from './helpers.js';

const BRIEFS = ['briefs/chekhov-saratoga-springs.docx', 'briefs/dubna-la-crosse.docx', 'briefs/serpukhov-richmond.docx'];

describe('build --shard and merge-manifests', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempProject('shard');
  });
  afterAll(() => removeProject(dir));

  it('two shards split the briefs; merging gathers them, checked, with one manifest', async () => {
    const one = await run(['build', '--format', 'docx', '--shard', '1/2', '--out', 'shards/1', '--quiet'], dir);
    const two = await run(['build', '--format', 'docx', '--shard', '2/2', '--out', 'shards/2', '--quiet', '--cache-dir', 'cache2'], dir);
    expect([one.code, two.code]).toEqual([0, 0]);
    const first = listFiles(join(dir, 'shards/1'));
    const second = listFiles(join(dir, 'shards/2'));
    // Sorted slugs chekhov, dubna, serpukhov: indexes 0 and 2 → shard 1, index 1 → shard 2.
    expect(first).toEqual(['briefs/chekhov-saratoga-springs.docx', 'briefs/serpukhov-richmond.docx', 'manifest.json']);
    expect(second).toEqual(['briefs/dubna-la-crosse.docx', 'manifest.json']);

    const merged = await run(['merge-manifests', 'shards/1/manifest.json', 'shards/2', '--out', 'merged'], dir);
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe('✓ merged 3 artifacts from 2 manifests into merged\n');
    expect(listFiles(join(dir, 'merged'))).toEqual([...BRIEFS, 'manifest.json']);
    const manifest = JSON.parse(readFileSync(join(dir, 'merged/manifest.json'), 'utf8')) as { artifacts: { path: string; sha256: string }[] };
    expect(manifest.artifacts.map((a) => a.path)).toEqual(BRIEFS);
    for (const a of manifest.artifacts) expect(createHash('sha256').update(readFileSync(join(dir, 'merged', a.path))).digest('hex')).toBe(a.sha256);
  });

  it('refuses a shard file that does not match its manifest, and leaves the output as it was', async () => {
    const before = readFileSync(join(dir, 'merged/manifest.json'));
    appendFileSync(join(dir, 'shards/2/briefs/dubna-la-crosse.docx'), 'x');
    const r = await run(['merge-manifests', 'shards/1', 'shards/2', '--out', 'merged'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('shards/2/manifest.json:1:1: error: briefs/dubna-la-crosse.docx is listed in this manifest but its bytes differ from the listed sha256 [shard-file]');
    expect(readFileSync(join(dir, 'merged/manifest.json')).equals(before)).toBe(true);
    expect((await run(['merge-manifests'], dir)).code).toBe(2);
    expect((await run(['merge-manifests', 'nowhere'], dir)).code).toBe(2);
  });
});
