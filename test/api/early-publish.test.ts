// Watch's shortcut, through the library: with `first`, the edited partnership's brief and handout
// land in the live output (with a manifest that names their bytes) before the deck and the combined
// handout are made; a warm RenderPool is reused across builds; the final output is one consistent build.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, RenderPool, type Artifact } from 'council-press';
import { readZip } from '../support/ooxml.js';
import { docxText, removeProject, tempProject } from '../cli/helpers.js';
import { partnershipsOnly } from '../../dist/cli/commands/watch.js';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
type Manifest = { artifacts: { path: string; sha256: string }[] };

describe('early publishing of the partnership being edited', () => {
  let dir: string;
  const pool = new RenderPool(2);
  beforeAll(() => {
    dir = tempProject('early');
  });
  afterAll(async () => {
    await pool.close();
    removeProject(dir);
  });

  it('publishes brief and handout first, consistent with manifest.json, then commits the rest', async () => {
    const out = (p: string) => join(dir, 'out', p);
    const options = { cwd: dir, outDir: 'out', pool };
    const first = await build(options);
    expect(first.ok).toBe(true);
    // Two threads: the deck's PPTX and PDF are separate jobs, still one artifact each.
    expect(first.artifacts.map((a) => a.path).filter((p) => p.startsWith('deck'))).toEqual(['deck.pptx', 'deck.pdf']);
    const deckBefore = sha(out('deck.pptx'));

    const dubna = join(dir, 'content/partnerships/dubna-la-crosse.md');
    writeFileSync(dubna, readFileSync(dubna, 'utf8').replace('\n---\n\n', '\n---\n\nАбзац для раннего выпуска.\n\n'));
    let seen: { paths: string[]; deckUnchanged: boolean; brief: string; mismatches: string[] } | undefined;
    const result = await build({
      ...options,
      first: ['dubna-la-crosse'],
      onEarly: (artifacts: Artifact[]) => {
        const manifest = JSON.parse(readFileSync(out('manifest.json'), 'utf8')) as Manifest;
        seen = {
          paths: artifacts.map((a) => a.path).sort(),
          deckUnchanged: sha(out('deck.pptx')) === deckBefore,
          brief: docxText(readZip(readFileSync(out('briefs/dubna-la-crosse.docx'))).get('word/document.xml') as string),
          mismatches: manifest.artifacts.filter((a) => sha(out(a.path)) !== a.sha256).map((a) => a.path),
        };
      },
    });
    expect(result.ok).toBe(true);
    expect(seen).toBeDefined();
    expect(seen!.paths).toEqual(['briefs/dubna-la-crosse.docx', 'handouts/dubna-la-crosse.pdf']);
    // At that moment the deck was still the old one, the brief already the new one, and the
    // manifest named exactly the bytes on disk.
    expect(seen!.deckUnchanged).toBe(true);
    expect(seen!.brief).toContain('Абзац для раннего выпуска.');
    expect(seen!.mismatches).toEqual([]);
    // Then the whole build landed: the deck too, and the manifest still matches every file.
    expect(sha(out('deck.pptx'))).not.toBe(deckBefore);
    const manifest = JSON.parse(readFileSync(out('manifest.json'), 'utf8')) as Manifest;
    expect(manifest.artifacts.filter((a) => sha(out(a.path)) !== a.sha256).map((a) => a.path)).toEqual([]);
    expect(result.artifacts.filter((a) => !a.cached).map((a) => a.path).sort()).toEqual([
      'briefs/dubna-la-crosse.docx',
      'deck.pdf',
      'deck.pptx',
      'handouts/council.pdf',
      'handouts/dubna-la-crosse.pdf',
    ]);
  });

  it('build and watch find each other\'s deck in the cache (one deck job or two)', async () => {
    const project = tempProject('deck-plans');
    const other = new RenderPool(2);
    try {
      const plain = await build({ cwd: project, outDir: 'out' });
      expect(plain.artifacts.filter((a) => !a.cached).length).toBe(9);
      // A two-thread pool would make the deck as two jobs; the one-job deck in the cache serves it.
      const pooled = await build({ cwd: project, outDir: 'out', pool: other });
      expect(pooled.upToDate).toBe(true);
      expect(pooled.artifacts.filter((a) => !a.cached)).toEqual([]);
      // After an edit the pool makes the deck as two jobs; a plain build then reuses those.
      const dubna = join(project, 'content/partnerships/dubna-la-crosse.md');
      writeFileSync(dubna, readFileSync(dubna, 'utf8').replace('\n---\n\n', '\n---\n\nЕщё один абзац.\n\n'));
      const edited = await build({ cwd: project, outDir: 'out', pool: other });
      expect(edited.artifacts.filter((a) => !a.cached).map((a) => a.path).sort()).toContain('deck.pdf');
      const again = await build({ cwd: project, outDir: 'out' });
      expect(again.upToDate).toBe(true);
    } finally {
      await other.close();
      removeProject(project);
    }
  });

  it('takes the shortcut only when nothing but partnership files changed', () => {
    const settings = { contentDir: '/p/content' } as Parameters<typeof partnershipsOnly>[1];
    expect(partnershipsOnly(['/p/content/partnerships/dubna-la-crosse.md', '/p/content/partnerships/dubna-la-crosse.en.md'], settings)).toEqual(['dubna-la-crosse']);
    expect(partnershipsOnly(['/p/content/partnerships/a.md', '/p/content/council.md'], settings)).toBeUndefined();
    expect(partnershipsOnly(['/p/content/partnerships/notes.txt'], settings)).toBeUndefined();
    expect(partnershipsOnly(['/p/content/assets/map.png'], settings)).toBeUndefined();
    expect(partnershipsOnly(['/p/templates/deck.md.hbs'], settings)).toBeUndefined();
  });
});
