// A job's cache key covers its own partnership's files and the council's: an edit elsewhere leaves
// it as it was. Files are told apart by name as the loader tells them (content/file-names.ts).
import { appendFileSync, cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jobKeys } from '../../src/build/job-keys.js';
import { loadAll } from '../../src/build/load-all.js';
import { planJobs, type Job } from '../../src/build/plan.js';

const cwd = process.cwd();
const tmp = mkdtempSync(join(tmpdir(), 'council-press-job-keys-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function keysOf(contentDir: string): Map<string, string> {
  const loaded = loadAll({ contentDir, templatesDir: join(cwd, 'templates'), langs: ['ru'] });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const jobs = planJobs([loaded.project!.editions.ru!], ['docx', 'pdf', 'pptx']);
  const env = { project: loaded.project!, brand: loaded.brand!, templates: loaded.templates!, date: new Date(Date.UTC(2026, 0, 1)), incremental: false, formats: ['docx', 'pdf', 'pptx'] as const };
  const keys = jobKeys(jobs, env, contentDir);
  const name = (job: Job) => `${job.kind}:${job.slug ?? ''}`;
  return new Map(jobs.map((job) => [name(job), keys.get(job)!]));
}

describe('jobKeys', () => {
  it('an edit to a partnership named .MD changes its own jobs and the deck, not another partnership’s brief', () => {
    const content = join(tmp, 'content');
    cpSync(join(cwd, 'content'), content, { recursive: true });
    const upper = join(content, 'partnerships', 'dubna-la-crosse.MD');
    renameSync(join(content, 'partnerships', 'dubna-la-crosse.md'), upper);
    const before = keysOf(content);
    appendFileSync(upper, '\nЕщё один абзац.\n');
    const after = keysOf(content);
    expect(after.get('brief:dubna-la-crosse')).not.toBe(before.get('brief:dubna-la-crosse'));
    expect(after.get('handout:dubna-la-crosse')).not.toBe(before.get('handout:dubna-la-crosse'));
    expect(after.get('deck:')).not.toBe(before.get('deck:'));
    expect(after.get('brief:serpukhov-richmond')).toBe(before.get('brief:serpukhov-richmond'));
    expect(after.get('handout:serpukhov-richmond')).toBe(before.get('handout:serpukhov-richmond'));
  });
});
