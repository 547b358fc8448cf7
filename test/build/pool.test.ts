// The render pool: jobs with a home thread always run there (their memos live there), the others go
// to whichever thread is free, jobs put first are handed out first, and the pool survives builds.
import { afterAll, describe, expect, it } from 'vitest';
import { loadAll } from '../../dist/build/load-all.js';
import { planJobs, type Job } from '../../dist/build/plan.js';
import { oneShotThreads, RenderPool, type JobOutcome } from '../../dist/build/pool.js';
import { availableParallelism } from 'node:os';
import { REPO_ROOT } from '../support/fontconfig.js';

const loaded = loadAll({ cwd: REPO_ROOT });
const env = { project: loaded.project!, brand: loaded.brand!, templates: loaded.templates!, date: new Date('2026-01-01T00:00:00Z') };
const init = { templatesDir: loaded.templates!.dir, langs: ['ru' as const], date: env.date.getTime(), messages: 'en' as const, incremental: false };
const jobs = planJobs([loaded.project!.editions.ru!], ['pptx', 'docx', 'pdf']);
const name = (job: Job) => `${job.kind}:${job.slug ?? job.outputs[0]!.format}`;

describe('RenderPool', () => {
  const pool = new RenderPool(2);
  afterAll(() => pool.close());

  it('runs every job once, each homed job on its thread, the first ones first', async () => {
    const home = (job: Job) => (job.kind === 'deck' ? (job.outputs[0]!.format === 'pdf' ? 1 : 0) : job.kind === 'council-handout' ? 1 : undefined);
    // Each thread's jobs in the order it finished them, which is the order it took them (one at a time).
    const byWorker = new Map<number | undefined, string[]>();
    const outcomes: JobOutcome[] = await pool.run(env, jobs, init, {
      affinity: home,
      first: (job) => job.slug === 'dubna-la-crosse',
      onDone: (o) => byWorker.set(o.worker, [...(byWorker.get(o.worker) ?? []), name(o.job)]),
    });
    expect(outcomes.map((o) => name(o.job))).toEqual(jobs.map(name));
    for (const o of outcomes) {
      expect(o.files.length, name(o.job)).toBe(o.job.outputs.length);
      const h = home(o.job);
      if (h !== undefined) expect(o.worker, name(o.job)).toBe(h);
      else expect([0, 1]).toContain(o.worker);
    }
    // Two threads took the two Dubna jobs before anything else.
    expect([...byWorker.values()].map((names) => names[0]).sort()).toEqual(['brief:dubna-la-crosse', 'handout:dubna-la-crosse']);
  });

  it("makes a partnership's brief and handout on one thread (they share its parsed and typographed text)", async () => {
    // No home, nothing first: a thread that took one job of a partnership takes its other job next,
    // and the other thread leaves that job alone while it has others — so only at the end of the
    // queue, where waiting would idle a core, may one partnership be split. (Handing out in queue
    // order, brief then handout, split every one of them.)
    const partnershipJobs = jobs.filter((j) => j.slug !== undefined);
    // Each thread's jobs in the order it finished them, which is the order it took them (one at a time).
    const byWorker = new Map<number | undefined, string[]>();
    const outcomes = await pool.run(env, partnershipJobs, init, {
      onDone: (o) => byWorker.set(o.worker, [...(byWorker.get(o.worker) ?? []), name(o.job)]),
    });
    const threadOf = new Map<string, Set<number | undefined>>();
    for (const o of outcomes) threadOf.set(o.job.slug!, (threadOf.get(o.job.slug!) ?? new Set()).add(o.worker));
    expect(threadOf.size).toBe(3);
    const split = [...threadOf].filter(([, threads]) => threads.size > 1).map(([slug]) => slug);
    expect(split.length, split.join()).toBeLessThanOrEqual(1);
    // Which partnership is split depends on timing (a thread slow to start may finish only its first
    // job); that it is split only at the end does not: the job taken from the other thread's
    // partnership is the last job its thread took, since a thread takes one only when nothing else is left.
    if (split.length === 1) {
      const lastOfEach = [...byWorker.values()].map((names) => names.at(-1)!);
      expect(lastOfEach.some((n) => n.endsWith(`:${split[0]}`)), JSON.stringify([...byWorker])).toBe(true);
    }
    // Both threads worked.
    expect(new Set(outcomes.map((o) => o.worker)).size).toBe(2);
  });

  it('on one thread, jobs that show a front-matter picture go last (it decodes meanwhile), after the ones put first', async () => {
    const here = new RenderPool(0);
    const order: string[] = [];
    const showsPicture = (job: Job) => job.slug === undefined || loaded.project!.editions.ru!.partnerships.find((p) => p.slug === job.slug)!.images.length > 0;
    expect(jobs.filter(showsPicture).length).toBeLessThan(jobs.length);
    await here.run(env, jobs, init, { first: (job) => job.slug === 'serpukhov-richmond' && job.kind === 'brief', onDone: (o) => order.push(name(o.job)) });
    expect(order[0]).toBe('brief:serpukhov-richmond');
    const rest = order.slice(1).map((n) => jobs.find((j) => name(j) === n)!);
    const firstShowing = rest.findIndex(showsPicture);
    expect(rest.slice(0, firstShowing).some(showsPicture)).toBe(false);
    expect(rest.slice(firstShowing).every(showsPicture)).toBe(true);
    expect(firstShowing).toBeGreaterThan(0);
  });

  it('a warm-up in the background delays the next run only until its small jobs are done', async () => {
    const fresh = new RenderPool(2);
    try {
      const briefs = jobs.filter((j) => j.kind === 'brief');
      fresh.warmUp(env, briefs, init);
      const [outcome] = await fresh.run(env, [jobs.find((j) => j.kind === 'handout')!], init);
      expect(outcome!.files[0]!.path).toMatch(/^handouts\/.+\.pdf$/);
      expect(outcome!.files[0]!.data.subarray(0, 5).toString()).toBe('%PDF-');
      // Once warm, a pool does not warm up again.
      fresh.warmUp(env, briefs, init);
      expect((await fresh.run(env, [briefs[0]!], init))[0]!.files[0]!.path).toBe(briefs[0]!.outputs[0]!.path);
    } finally {
      await fresh.close();
    }
  });

  it('a pool started ahead of its first run (watch) loads its libraries meanwhile and renders as usual', async () => {
    const early = new RenderPool(2);
    try {
      early.spawn();
      early.spawn(); // no second set of threads
      expect((early as unknown as { workers: unknown[] }).workers).toHaveLength(2);
      const outcomes = await early.run(env, jobs.filter((j) => j.kind === 'handout' || j.kind === 'brief').slice(0, 2), init);
      expect(outcomes.map((o) => o.files[0]!.data.subarray(0, 2).toString('latin1'))).toEqual(expect.arrayContaining(['PK', '%P']));
    } finally {
      await early.close();
    }
  });

  it('a worker that dies before the first run fails that run, rather than hanging it or crashing the process', { timeout: 20_000 }, async () => {
    const early = new RenderPool(1);
    try {
      early.spawn();
      const [worker] = (early as unknown as { workers: { terminate(): Promise<number> }[] }).workers;
      await worker!.terminate();
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the run waited for a dead worker')), 10_000)));
      await expect(Promise.race([early.run(env, jobs.slice(0, 2), init), hung])).rejects.toThrow(/render worker exited/);
      clearTimeout(timer);
    } finally {
      await early.close();
    }
  });

  it('finishes when every job is homed on one thread, and is reusable after that', async () => {
    const outcomes = await pool.run(env, jobs.slice(0, 5), init, { affinity: () => 1 });
    expect(outcomes.map((o) => o.worker)).toEqual([1, 1, 1, 1, 1]);
    const again = await pool.run(env, jobs.slice(0, 2), init);
    expect(again).toHaveLength(2);
    expect(again.every((o) => o.files[0]!.data.length > 0)).toBe(true);
  });
});

describe('oneShotThreads', () => {
  const withEnv = <T>(env: Record<string, string | undefined>, run: () => T): T => {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    for (const [k, v] of Object.entries(env)) v === undefined ? delete process.env[k] : (process.env[k] = v);
    try {
      return run();
    } finally {
      for (const [k, v] of Object.entries(saved)) v === undefined ? delete process.env[k] : (process.env[k] = v);
    }
  };
  const none = { COUNCIL_PRESS_WORKERS: undefined, COUNCIL_PRESS_MAIN_RENDERS: undefined };

  it('renders a small build on the main thread alone', () => {
    expect(withEnv(none, () => oneShotThreads(9))).toEqual({ workers: 0, mainRenders: false });
  });

  it('gives a large build one worker fewer than the cores, and the main thread renders too', () => {
    const cores = Math.min(availableParallelism(), 4);
    // On one core the main thread renders alone: a worker would only be a second isolate.
    expect(withEnv(none, () => oneShotThreads(600))).toEqual(cores > 1 ? { workers: cores - 1, mainRenders: true } : { workers: 0, mainRenders: false });
    expect(withEnv({ ...none, COUNCIL_PRESS_MAIN_RENDERS: '0' }, () => oneShotThreads(600)).mainRenders).toBe(false);
  });

  it('takes the number of workers as forced, with the main thread idle unless asked', () => {
    expect(withEnv({ ...none, COUNCIL_PRESS_WORKERS: '2' }, () => oneShotThreads(600))).toEqual({ workers: 2, mainRenders: false });
    expect(withEnv({ COUNCIL_PRESS_WORKERS: '1', COUNCIL_PRESS_MAIN_RENDERS: '1' }, () => oneShotThreads(600))).toEqual({ workers: 1, mainRenders: true });
  });
});
