// A job's sources (the manifest's `sources`): a translation is listed with the Russian file its
// facts come from, as loaded, whatever that file's name looks like.
import { cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/content/load-project.js';
import { planJobs } from '../../src/build/plan.js';

const cwd = process.cwd();
const tmp = mkdtempSync(join(tmpdir(), 'council-press-plan-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('planJobs sources', () => {
  it('an English brief lists its translation and the Russian file the facts come from, even one named .MD', () => {
    const content = join(tmp, 'content');
    cpSync(join(cwd, 'content'), content, { recursive: true });
    renameSync(join(content, 'partnerships', 'dubna-la-crosse.md'), join(content, 'partnerships', 'dubna-la-crosse.MD'));
    const r = loadProject({ contentDir: content, templatesDir: join(cwd, 'templates'), langs: ['ru', 'en'] });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const jobs = planJobs([r.project!.editions.ru!, r.project!.editions.en!], ['docx', 'pdf', 'pptx']);
    const brief = (lang: string) => jobs.find((j) => j.kind === 'brief' && j.lang === lang && j.slug === 'dubna-la-crosse')!;
    const own = (lang: string) => brief(lang).sources.filter((s) => s.includes('/partnerships/'));
    expect(own('ru')).toEqual([join(content, 'partnerships', 'dubna-la-crosse.MD')]);
    expect(own('en')).toEqual([join(content, 'partnerships', 'dubna-la-crosse.MD'), join(content, 'partnerships', 'dubna-la-crosse.en.md')]);
    expect(brief('en').sources.slice(0, 2)).toEqual([join(content, 'council.md'), join(content, 'council.en.md')]);
    const deck = jobs.find((j) => j.kind === 'deck' && j.lang === 'en')!;
    expect(new Set(deck.sources).size).toBe(deck.sources.length);
    expect(deck.sources).toContain(join(content, 'partnerships', 'dubna-la-crosse.MD'));
  });
});
