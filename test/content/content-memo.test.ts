/**
 * Issue 6: a second load in the same process (watch) hands back the very same objects for files whose
 * bytes did not change, re-parses a changed one (whatever its mtime says), and reports exactly what a
 * load without the memo reports.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { clearContentMemo } from '../../src/content/content-memo.js';
import { loadProject, type LoadProjectResult } from '../../src/content/load-project.js';
import { setMessagesLanguage } from '../../src/diagnostics/catalogue.js';
import type { Partnership } from '../../src/schema/model.js';

const cwd = process.cwd();
const good = join(cwd, 'test/fixtures/projects/good/content');
const templatesDir = join(cwd, 'templates');
const tmp = mkdtempSync(join(tmpdir(), 'council-press-memo-'));
afterAll(() => {
  setMessagesLanguage('en');
  rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => setMessagesLanguage('en'));

let copies = 0;
function copyOfGood(): string {
  const dir = join(tmp, `c${++copies}`, 'content');
  cpSync(good, dir, { recursive: true });
  return dir;
}

const load = (contentDir: string): LoadProjectResult => loadProject({ contentDir, templatesDir, langs: ['ru', 'en'] });
const bySlug = (r: LoadProjectResult, lang: 'ru' | 'en' = 'ru'): Map<string, Partnership> =>
  new Map(r.project!.editions[lang]!.partnerships.map((p) => [p.slug, p]));

/** Rewrites a file and puts its modification time back, as an editor or a copy with `-p` may. */
function writeKeepingMtime(file: string, text: string): void {
  const { atime, mtime } = statSync(file);
  writeFileSync(file, text);
  utimesSync(file, atime, mtime);
}

describe('the content memo', () => {
  it('hands back the same objects for unchanged files and re-parses the one that changed', () => {
    const dir = copyOfGood();
    const first = load(dir);
    const second = load(dir);
    const [a, b] = [bySlug(first), bySlug(second)];
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [slug, p] of b) {
      expect(p.body, slug).toBe(a.get(slug)!.body);
      expect(p.programmes, slug).toBe(a.get(slug)!.programmes);
    }
    expect(second.project!.editions.ru.council.body).toBe(first.project!.editions.ru.council.body);
    expect(bySlug(second, 'en').get('dubna-la-crosse')!.body).toBe(bySlug(first, 'en').get('dubna-la-crosse')!.body);

    const file = join(dir, 'partnerships', 'dubna-la-crosse.md');
    writeKeepingMtime(file, readFileSync(file, 'utf8').replace(/\n$/, '\n\nНовый абзац о дружбе городов.\n'));
    const third = bySlug(load(dir));
    expect(third.get('dubna-la-crosse')!.body).not.toBe(b.get('dubna-la-crosse')!.body);
    expect(third.get('dubna-la-crosse')!.body.text).toContain('Новый абзац о дружбе городов.');
    for (const slug of ['serpukhov-richmond', 'chekhov-saratoga-springs']) expect(third.get(slug)!.body).toBe(b.get(slug)!.body);
  });

  it('freezes what it shares between loads', () => {
    const r = load(copyOfGood());
    const p = r.project!.editions.ru.partnerships[0]!;
    expect(Object.isFrozen(p.body)).toBe(true);
    expect(Object.isFrozen(p.programmes)).toBe(true);
    expect(() => (p.body as { text: string }).text = 'changed').toThrow(TypeError);
  });

  it('reports exactly what an unmemoized load reports, broken files included', () => {
    const dir = copyOfGood();
    const file = join(dir, 'partnerships', 'serpukhov-richmond.md');
    const text = readFileSync(file, 'utf8');
    // A YAML error, a missing glyph in the body and a schema error in another file.
    writeFileSync(file, text.replace(/^since: .*$/m, 'since: "1990').replace(/\n$/, '\nДружба 🤝 городов.\n'));
    const other = join(dir, 'partnerships', 'chekhov-saratoga-springs.md');
    writeFileSync(other, readFileSync(other, 'utf8').replace(/^order: .*$/m, 'order: first'));
    clearContentMemo();
    const cold = load(dir);
    const warm = load(dir);
    expect(cold.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['yaml-syntax', 'missing-glyph', 'invalid-type']));
    expect(warm.diagnostics).toEqual(cold.diagnostics);
    clearContentMemo();
    expect(load(dir).diagnostics).toEqual(cold.diagnostics);
  });

  it('re-parses when the message language changes (messages are made at parse time)', () => {
    const dir = copyOfGood();
    const file = join(dir, 'partnerships', 'dubna-la-crosse.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^order: .*$/m, 'order: first'));
    const en = load(dir).diagnostics.find((d) => d.code === 'invalid-type')!;
    setMessagesLanguage('ru');
    const ru = load(dir).diagnostics.find((d) => d.code === 'invalid-type')!;
    expect(ru.message).not.toBe(en.message);
    expect(ru.message).toMatch(/[а-я]/);
  });

  it('remembers glyph findings with the brand and language they came from', () => {
    const dir = copyOfGood();
    const file = join(dir, 'partnerships', 'dubna-la-crosse.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n$/, '\nДружба 🤝 городов.\n'));
    const templates = join(tmp, `t${copies}`);
    cpSync(templatesDir, templates, { recursive: true });
    const glyphMessages = () =>
      loadProject({ contentDir: dir, templatesDir: templates, langs: ['ru'] })
        .diagnostics.filter((d) => d.code === 'missing-glyph')
        .map((d) => d.message);
    expect(glyphMessages()).toEqual(['the font PT Sans has no character "🤝" (U+1F91D)']);
    expect(glyphMessages()).toEqual(['the font PT Sans has no character "🤝" (U+1F91D)']);
    const brandFile = join(templates, 'brand.yaml');
    writeFileSync(brandFile, readFileSync(brandFile, 'utf8').replace('family: PT Sans', 'family: PT Sans Council'));
    expect(glyphMessages()).toEqual(['the font PT Sans Council has no character "🤝" (U+1F91D)']);
    setMessagesLanguage('ru');
    expect(glyphMessages()[0]).toMatch(/^в шрифте PT Sans Council нет/);
  });

  it('forgets a file that was gone from the latest load', () => {
    const dir = copyOfGood();
    const file = join(dir, 'partnerships', 'serpukhov-richmond.md');
    const text = readFileSync(file, 'utf8');
    const before = bySlug(load(dir)).get('serpukhov-richmond')!.body;
    unlinkSync(file);
    expect(bySlug(load(dir)).has('serpukhov-richmond')).toBe(false);
    writeFileSync(file, text);
    const after = bySlug(load(dir)).get('serpukhov-richmond')!.body;
    expect(after).toEqual(before);
    expect(after).not.toBe(before);
  });
});
