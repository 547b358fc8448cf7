import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/content/load-project.js';
import { formatDiagnostics } from '../../src/diagnostics/printer.js';
import { setMessagesLanguage } from '../../src/diagnostics/catalogue.js';

const cwd = process.cwd();
const good = join(cwd, 'test/fixtures/projects/good/content');
const tmp = mkdtempSync(join(tmpdir(), 'council-press-load-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeEach(() => setMessagesLanguage('en'));

/** A private copy of the good project to break in one way. */
function copyOfGood(name: string): string {
  const dir = join(tmp, name, 'content');
  cpSync(good, dir, { recursive: true });
  return dir;
}

describe('the good fixture project', () => {
  const r = loadProject({ contentDir: good, templatesDir: join(cwd, 'templates'), langs: ['ru', 'en'] });

  it('loads with only the missing-translation warnings', () => {
    expect(r.project).toBeDefined();
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.position?.file.split('/').pop()])).toEqual([
      ['missing-translation', 'warning', 'serpukhov-richmond.md'],
      ['missing-translation', 'warning', 'chekhov-saratoga-springs.md'],
    ]);
    expect(formatDiagnostics(r.diagnostics, { cwd })).toContain(
      'test/fixtures/projects/good/content/partnerships/serpukhov-richmond.md:1:1: warning: no en translation: test/fixtures/projects/good/content/partnerships/serpukhov-richmond.en.md is missing, the Russian text is used [missing-translation]',
    );
  });

  it('sorts partnerships by order and keeps body positions', () => {
    const ru = r.project!.editions.ru;
    expect(ru.partnerships.map((p) => [p.slug, p.order, p.since])).toEqual([
      ['serpukhov-richmond', 1, 1990],
      ['chekhov-saratoga-springs', 2, 1997],
      ['dubna-la-crosse', 3, 1992],
    ]);
    const dubna = ru.partnerships[2]!;
    expect(dubna.body.startLine).toBe(20);
    expect(dubna.body.text.trim()).toBe('Город Дубна — побратим города Ла-Кросс.');
    expect(ru.council.body.startLine).toBe(8);
    expect(ru.council.director).toEqual({ name: 'Олег Борисович Иванов', title: 'Исполнительный директор' });
  });

  it('resolves a Windows-style image path inside the content folder', () => {
    const image = r.project!.editions.ru.partnerships[2]!.images[0]!;
    expect(image.src).toBe('assets/emblem.png');
    expect(image.path).toBe(join(good, 'assets/emblem.png'));
    expect(image.position.line).toBe(11);
    expect(image.position.column).toBe(10);
  });

  it('the English edition takes words from the translation and facts from the Russian file', () => {
    const en = r.project!.editions.en!;
    expect(en.council.name).toBe('Council of Municipal Formations of the Moscow Region');
    const dubna = en.partnerships.find((p) => p.slug === 'dubna-la-crosse')!;
    expect([dubna.lang, dubna.city, dubna.partnerCity, dubna.state, dubna.since, dubna.order]).toEqual(['en', 'Dubna', 'La Crosse', 'Wisconsin', 1992, 3]);
    expect(dubna.programmes).toEqual(['Open World']);
    expect(dubna.images[0]).toMatchObject({ src: 'assets/emblem.png', alt: 'Emblem', caption: "The partnership's emblem" });
    expect(dubna.timeline).toEqual({ label: 'Delegations', points: [{ year: 1992, value: 2 }, { year: 1993, value: 4 }] });
    expect(dubna.body.text.trim()).toBe('Dubna is a sister city of La Crosse.');
    // Missing translation: Russian words, English edition.
    const serpukhov = en.partnerships[0]!;
    expect([serpukhov.lang, serpukhov.city]).toEqual(['en', 'Серпухов']);
  });

  it('without --lang en, no English edition and no translation warnings', () => {
    const ru = loadProject({ contentDir: good, templatesDir: join(cwd, 'templates'), langs: ['ru'] });
    expect(ru.diagnostics).toEqual([]);
    expect(Object.keys(ru.project!.editions)).toEqual(['ru']);
  });
});

describe('never outside the content folder', () => {
  it('a symlinked image pointing outside is refused', () => {
    const dir = copyOfGood('symlink-image');
    const outside = join(tmp, 'secret.png');
    writeFileSync(outside, 'secret');
    rmSync(join(dir, 'assets/emblem.png'));
    symlinkSync(outside, join(dir, 'assets/emblem.png'));
    const r = loadProject({ contentDir: dir, templatesDir: 'templates', langs: ['ru'] });
    expect(r.project).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.message, d.position?.line, d.position?.column])).toEqual([
      ['path-outside-content', 'refused: "assets\\emblem.png" points outside the content folder', 11, 10],
    ]);
  });
  it('a symlinked Markdown file pointing outside is not read', () => {
    const dir = copyOfGood('symlink-md');
    const outside = join(tmp, 'outside.md');
    writeFileSync(outside, '---js\nthis would be read\n---\n');
    symlinkSync(outside, join(dir, 'partnerships/outside-file.md'));
    const r = loadProject({ contentDir: dir, templatesDir: 'templates', langs: ['ru'] });
    expect(r.diagnostics.map((d) => [d.code, d.position?.file.split('/').pop()])).toEqual([['path-outside-content', 'outside-file.md']]);
  });
  it('a missing content folder and a missing council.md are diagnostics', () => {
    expect(loadProject({ contentDir: join(tmp, 'nope'), templatesDir: 'templates', langs: ['ru'] }).diagnostics[0]!.code).toBe('content-missing');
    const dir = copyOfGood('no-council');
    rmSync(join(dir, 'council.md'));
    const r = loadProject({ contentDir: dir, templatesDir: 'templates', langs: ['ru'] });
    expect(r.project).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['council-missing']);
  });
});

describe('file names read alike for the council and partnerships (content/file-names.ts)', () => {
  it('council.MD is the council; council.EN.md names a language that is not known', () => {
    const dir = copyOfGood('names');
    renameSync(join(dir, 'council.md'), join(dir, 'council.MD'));
    writeFileSync(join(dir, 'council.EN.md'), '---\nname: Council\n---\n');
    const r = loadProject({ contentDir: dir, templatesDir: join(cwd, 'templates'), langs: ['ru'] });
    expect(r.diagnostics.map((d) => [d.code, d.position?.file.split('/').pop()])).toEqual([['unknown-language', 'council.EN.md']]);
    expect(r.project).toBeUndefined();
    rmSync(join(dir, 'council.EN.md'));
    const again = loadProject({ contentDir: dir, templatesDir: join(cwd, 'templates'), langs: ['ru'] });
    expect(again.diagnostics).toEqual([]);
    expect(again.project!.editions.ru!.council.name).toBeTruthy();
  });
});

describe('every problem of a run is reported', () => {
  it('errors in three files are all listed, sorted by file and line', () => {
    const dir = copyOfGood('many');
    writeFileSync(join(dir, 'partnerships/serpukhov-richmond.md'), '---\ncity: Серпухов\n\tstate: x\n---\n\nТекст.\n');
    writeFileSync(join(dir, 'partnerships/chekhov-saratoga-springs.md'), '---js\n1\n---\n');
    writeFileSync(join(dir, 'council.md'), '---\nname: Совет\nlead: Города\ndirector:\n  name: И\n  titel: Д\n---\n\nТекст.\n');
    const r = loadProject({ contentDir: dir, templatesDir: 'templates', langs: ['ru'] });
    const text = formatDiagnostics(r.diagnostics, { cwd: dir });
    expect(text).toBe(
      [
        'council.md:5:3: error: missing required field "director.title" [missing-field]',
        '  hint: add a line "title: …" (text)',
        'council.md:6:3: error: unknown field "director.titel"; did you mean "title"? [unknown-field]',
        'partnerships/chekhov-saratoga-springs.md:1:4: error: front matter in "js" is refused: only YAML front matter is read, nothing is ever run [frontmatter-language]',
        '  hint: make the first line exactly --- and write the fields in YAML',
        'partnerships/serpukhov-richmond.md:3:1: error: YAML syntax: Tabs are not allowed as indentation [yaml-syntax]',
        '  hint: replace the tab with spaces',
        '4 errors, 0 warnings',
        '',
      ].join('\n'),
    );
  });
});

describe('the shipped content/', () => {
  const content = join(cwd, 'content');
  const ready = existsSync(join(content, 'council.md')) && existsSync(join(content, 'partnerships')) && readdirSync(join(content, 'partnerships')).length > 0;
  it.runIf(ready)('loads with no errors: the seed’s three partnerships in order', () => {
    const r = loadProject({ contentDir: content, templatesDir: join(cwd, 'templates'), langs: ['ru'] });
    expect(formatDiagnostics(r.diagnostics, { cwd })).toBe('0 errors, 0 warnings\n');
    const ru = r.project!.editions.ru;
    expect(ru.partnerships.map((p) => p.slug)).toEqual(['serpukhov-richmond', 'chekhov-saratoga-springs', 'dubna-la-crosse']);
    expect(ru.council.coverLines).toEqual(['совет', 'муниципальных', 'образований', 'московской области']);
  });
});
