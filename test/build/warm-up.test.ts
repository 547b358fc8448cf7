// Watch's warm-up: after a start the cache answered, the pool lays out the deck and the combined
// handout in the background so that the first save finds their memos filled; a build abandons that
// at the next checkpoint. An abandoned render must leave every memo as a finished one would (the
// next render gives the same bytes), and a build must neither wait for the warm-up nor get its
// files wrong.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RenderCancelled } from '../../dist/build/cancel.js';
import { loadAll } from '../../dist/build/load-all.js';
import { planJobs, type Job } from '../../dist/build/plan.js';
import { RenderPool } from '../../dist/build/pool.js';
import { renderJob } from '../../dist/build/render-artifact.js';
import { REPO_ROOT } from '../support/fontconfig.js';
// @ts-expect-error the bench corpus generator is plain JavaScript
import { writeCorpus } from '../../bench/corpus.mjs';

const date = new Date('2026-01-01T00:00:00Z');
const home = (job: Job) => (job.kind === 'deck' ? 1 : job.kind === 'council-handout' ? 0 : undefined);

describe('a render abandoned at a checkpoint', () => {
  const loaded = loadAll({ cwd: REPO_ROOT });
  // As in watch: the writers keep slides and deflated pages for the next render.
  const env = { project: loaded.project!, brand: loaded.brand!, templates: loaded.templates!, date, incremental: true };
  const jobs = planJobs([loaded.project!.editions.ru!], ['pptx', 'docx', 'pdf']);

  it.each(['deck', 'council-handout'] as const)('leaves the memos as a finished one would: the %s comes out the same afterwards', async (kind) => {
    const job = jobs.find((j) => j.kind === kind)!;
    const reference = (await renderJob(env, job)).files.map((f) => f.data);
    let checkpoints = 0;
    await renderJob({ ...env, checkpoint: () => void checkpoints++ }, job);
    // Between the Markdown's nodes, the typograph's slides or blocks, the layout's slides and each writer's.
    expect(checkpoints).toBeGreaterThan(20);
    for (const stopAt of [1, Math.ceil(checkpoints / 4), Math.ceil(checkpoints / 2), Math.ceil((3 * checkpoints) / 4), checkpoints]) {
      let seen = 0;
      const stop = () => {
        if (++seen === stopAt) throw new RenderCancelled();
      };
      await expect(renderJob({ ...env, checkpoint: stop }, job), `stopped at ${stopAt} of ${checkpoints}`).rejects.toBeInstanceOf(RenderCancelled);
      const again = (await renderJob(env, job)).files.map((f) => f.data);
      expect(again.length).toBe(reference.length);
      again.forEach((data, i) => expect(data.equals(reference[i]!), `stopped at ${stopAt}: file ${i}`).toBe(true));
    }
  });
});

describe('RenderPool.warmUp', () => {
  // Big enough that the deck takes a cold thread well over a second.
  const dir = mkdtempSync(join(tmpdir(), 'cp-warm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeCorpus(dir, 40, REPO_ROOT);
  const loaded = loadAll({ contentDir: dir, templatesDir: join(REPO_ROOT, 'templates') });
  const env = { project: loaded.project!, brand: loaded.brand!, templates: loaded.templates!, date };
  const init = { templatesDir: loaded.templates!.dir, langs: ['ru' as const], date: date.getTime(), messages: 'en' as const, incremental: true };
  const jobs = planJobs([loaded.project!.editions.ru!], ['pptx', 'docx', 'pdf']);
  const of = (kind: Job['kind'], n = 0) => jobs.filter((j) => j.kind === kind)[n]!;
  const warmUpJobs = [of('brief'), of('handout'), of('deck'), of('council-handout')];
  const kinds = (list: Job[]) => list.map((j) => j.kind).sort();

  it('left alone, renders the small jobs at once and the collections after its pause', async () => {
    const pool = new RenderPool(2);
    try {
      const report = await pool.warmUp(env, warmUpJobs, init, { pauseMs: 0, affinity: home })!;
      expect(kinds(report.rendered)).toEqual(['brief', 'council-handout', 'deck', 'handout']);
      expect(report.abandoned).toEqual([]);
      // Warm once: no second warm-up.
      expect(pool.warmUp(env, warmUpJobs, init)).toBeUndefined();
    } finally {
      await pool.close();
    }
  });

  it('a build during the pause skips the background part', async () => {
    const pool = new RenderPool(2);
    try {
      const report = pool.warmUp(env, warmUpJobs, init, { pauseMs: 60_000, affinity: home })!;
      const [outcome] = await pool.run(env, [of('brief', 1)], init);
      expect(outcome!.files[0]!.path).toBe(of('brief', 1).outputs[0]!.path);
      const done = await report;
      expect(kinds(done.rendered)).toEqual(['brief', 'handout']);
      expect(kinds(done.abandoned)).toEqual(['council-handout', 'deck']);
    } finally {
      await pool.close();
    }
  });

  it('a build during the background part stops it and renders its own jobs as usual', async () => {
    const pool = new RenderPool(2);
    const reference = await renderJob({ ...env, incremental: true }, of('handout', 2));
    try {
      const report = pool.warmUp(env, warmUpJobs, init, { pauseMs: 0, affinity: home })!;
      while (pool.warmUpStage !== 'background') await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 100));
      const outcomes = await pool.run(env, [of('handout', 2), of('deck')], init, { affinity: home, first: (j) => j.kind === 'handout' });
      expect(outcomes[0]!.files[0]!.data.equals(reference.files[0]!.data)).toBe(true);
      expect(outcomes[1]!.files.map((f) => f.path).sort()).toEqual(['deck.pdf', 'deck.pptx']);
      const done = await report;
      // A 40-slide deck on a cold thread does not finish within 100 ms: it was abandoned.
      expect(kinds(done.abandoned)).toContain('deck');
      expect(kinds([...done.rendered, ...done.abandoned])).toEqual(['brief', 'council-handout', 'deck', 'handout']);
    } finally {
      await pool.close();
    }
  });
});
