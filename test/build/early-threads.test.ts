// A cold one-shot build starts its worker threads before it reads the content (early-threads.ts):
// only when the build will most likely render everything, sized from the partnership files' names,
// and with the same files as a build on the main thread.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../dist/build/build.js';
import { guessJobs, startThreadsEarly } from '../../dist/build/early-threads.js';
import { oneShotThreads } from '../../dist/build/pool.js';
import { REPO_ROOT } from '../support/fontconfig.js';
// @ts-expect-error the bench corpus generator is plain JavaScript
import { writeCorpus } from '../../bench/corpus.mjs';

const work = mkdtempSync(join(tmpdir(), 'council-press-early-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const corpus = join(work, 'content');
writeCorpus(corpus, 8, REPO_ROOT);

describe('the guess of the jobs', () => {
  it('counts a brief and a handout per partnership and edition, from the file names alone', () => {
    const names = join(work, 'names');
    mkdirSync(join(names, 'partnerships'), { recursive: true });
    for (let i = 1; i <= 8; i++) writeFileSync(join(names, 'partnerships', `p${i}.md`), '');
    // A translation and a stray file: neither is a partnership of its own.
    writeFileSync(join(names, 'partnerships', 'p1.en.md'), '');
    writeFileSync(join(names, 'partnerships', 'notes.txt'), '');
    const guess = (more: object = {}) => guessJobs({ contentDir: names, cacheDir: work, ...more });
    expect(guess()).toBe(16);
    expect(guess({ langs: ['ru', 'en'] })).toBe(32);
    expect(guess({ formats: ['pdf'] })).toBe(8);
    expect(guess({ formats: ['pptx'] })).toBe(0);
    expect(guess({ only: ['p1', 'p2'] })).toBe(4);
    expect(guess({ shard: { index: 2, count: 3 } })).toBe(6);
    expect(guess({ contentDir: join(work, 'nowhere') })).toBe(0);
  });
});

describe('threads started early', () => {
  const cold = { contentDir: corpus, cacheDir: join(work, 'no-cache-yet') };

  it('start for a cold build with enough jobs, as many as the build would use', async () => {
    const pool = startThreadsEarly(cold);
    try {
      expect(pool?.size ?? 0).toBe(oneShotThreads(16).workers);
    } finally {
      await pool?.close();
    }
  });

  it('do not start when the build writes nothing, a cache may answer, or there are few jobs', () => {
    expect(startThreadsEarly({ ...cold, write: false })).toBeUndefined();
    const used = join(work, 'used-cache');
    mkdirSync(used, { recursive: true });
    writeFileSync(join(used, 'index.json'), '{}');
    expect(startThreadsEarly({ ...cold, cacheDir: used })).toBeUndefined();
    // …unless the cache is off: then everything renders.
    const pool = startThreadsEarly({ ...cold, cacheDir: used, cache: false });
    expect(pool?.size ?? 0).toBe(oneShotThreads(16).workers);
    void pool?.close();
    expect(startThreadsEarly({ ...cold, only: ['p0001'] })).toBeUndefined();
  });

  it('make the same files as a build on the main thread', async () => {
    const options = { contentDir: corpus, templatesDir: join(REPO_ROOT, 'templates'), cache: false, date: new Date('2026-01-01T00:00:00Z') };
    const threaded = await build({ ...options, outDir: join(work, 'out-threads') });
    const forced = process.env.COUNCIL_PRESS_WORKERS;
    process.env.COUNCIL_PRESS_WORKERS = '0';
    try {
      const here = await build({ ...options, outDir: join(work, 'out-main') });
      expect(threaded.ok && here.ok).toBe(true);
      expect(threaded.artifacts.map((a) => a.path)).toEqual(here.artifacts.map((a) => a.path));
      expect(threaded.artifacts.length).toBeGreaterThanOrEqual(18);
      for (const a of here.artifacts) {
        expect(readFileSync(join(work, 'out-threads', a.path)).equals(readFileSync(join(work, 'out-main', a.path))), a.path).toBe(true);
      }
    } finally {
      if (forced === undefined) delete process.env.COUNCIL_PRESS_WORKERS;
      else process.env.COUNCIL_PRESS_WORKERS = forced;
    }
  }, 60_000);
});
