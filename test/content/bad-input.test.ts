/**
 * Issue 4, cases 1–7 (and 12/20 for front-matter image paths): each fixture under
 * test/fixtures/bad-input/ with the exact text the user sees.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parseContentFile } from '../../src/content/parse-file.js';
import { loadProject } from '../../src/content/load-project.js';
import { partnershipSchema } from '../../src/schema/partnership.js';
import { formatDiagnostics } from '../../src/diagnostics/printer.js';
import { setMessagesLanguage } from '../../src/diagnostics/catalogue.js';

const cwd = process.cwd();
const fixtures = join(cwd, 'test/fixtures/bad-input');

/** The printed lines (no summary) for one partnership file. */
function fileReport(rel: string): string {
  const r = parseContentFile(join(fixtures, rel), partnershipSchema, { maxBytes: 1024 * 1024 });
  return formatDiagnostics(r.diagnostics, { cwd });
}

function projectReport(name: string, langs: ('ru' | 'en')[] = ['ru']): { text: string; ok: boolean } {
  const r = loadProject({ contentDir: join(fixtures, '7-project', name, 'content'), templatesDir: join(cwd, 'templates'), langs });
  return { text: formatDiagnostics(r.diagnostics, { cwd }), ok: r.project !== undefined };
}

const F = 'test/fixtures/bad-input';

beforeEach(() => setMessagesLanguage('en'));
afterEach(() => setMessagesLanguage('en'));

describe('1. malformed YAML: the YAML error’s own line and column', () => {
  it('a tab in the indentation', () => {
    expect(fileReport('1-yaml/tab.md')).toBe(
      `${F}/1-yaml/tab.md:3:1: error: YAML syntax: Tabs are not allowed as indentation [yaml-syntax]\n` +
        '  hint: replace the tab with spaces\n' +
        '1 error, 0 warnings\n',
    );
  });
  it('bad indentation: one error, not a cascade', () => {
    expect(fileReport('1-yaml/bad-indent.md')).toBe(
      `${F}/1-yaml/bad-indent.md:5:1: error: YAML syntax: A block sequence may not be used as an implicit map key [yaml-syntax]\n` +
        '  hint: check this line\'s indentation against the lines above; a value with ": " inside needs quotes\n' +
        '1 error, 0 warnings\n',
    );
  });
  it('an unclosed quote is reported where it opens', () => {
    expect(fileReport('1-yaml/unclosed-quote.md').split('\n').slice(0, 2)).toEqual([
      `${F}/1-yaml/unclosed-quote.md:2:7: error: YAML syntax: Missing closing "quote [yaml-syntax]`,
      '  hint: close the quote (or bracket) on the same line',
    ]);
    setMessagesLanguage('ru');
    expect(fileReport('1-yaml/unclosed-quote.md').split('\n')[0]).toBe(
      `${F}/1-yaml/unclosed-quote.md:2:7: error: синтаксис YAML: не хватает закрывающего символа (кавычки или скобки) [yaml-syntax]`,
    );
  });
});

describe('2. fields and file shape', () => {
  it('missing required field: at the opening ---, column 1', () => {
    expect(fileReport('2-fields/missing-field.md')).toBe(
      `${F}/2-fields/missing-field.md:1:1: error: missing required field "state" [missing-field]\n` +
        '  hint: add a line "state: …" (text)\n' +
        '1 error, 0 warnings\n',
    );
  });
  it('wrong type: the issue’s own example, at the value', () => {
    expect(fileReport('2-fields/wrong-type.md')).toBe(
      `${F}/2-fields/wrong-type.md:7:8: error: since: expected a year such as 1992, got "девяносто второй" [invalid-type]\n` +
        '1 error, 0 warnings\n',
    );
  });
  it('unknown field with a suggestion, and the field it replaced is missing', () => {
    expect(fileReport('2-fields/unknown-field.md')).toBe(
      `${F}/2-fields/unknown-field.md:1:1: error: missing required field "since" [missing-field]\n` +
        '  hint: add a line "since: …" (a year such as 1992)\n' +
        `${F}/2-fields/unknown-field.md:5:1: error: unknown field "sinse"; did you mean "since"? [unknown-field]\n` +
        '2 errors, 0 warnings\n',
    );
  });
  it('empty file', () => {
    expect(fileReport('2-fields/empty.md').split('\n')[0]).toBe(`${F}/2-fields/empty.md:1:1: error: the file is empty [empty-file]`);
  });
  it('front matter only: a warning at the closing ---', () => {
    expect(fileReport('2-fields/frontmatter-only.md')).toBe(
      `${F}/2-fields/frontmatter-only.md:7:1: warning: the file has front matter but no text after it [frontmatter-only]\n` +
        '  hint: write the text below the closing --- line\n' +
        '0 errors, 1 warning\n',
    );
  });
  it('no front matter at all', () => {
    expect(fileReport('2-fields/no-frontmatter.md').split('\n')[0]).toBe(
      `${F}/2-fields/no-frontmatter.md:1:1: error: the file has no front matter: its first line must be --- [no-frontmatter]`,
    );
  });
  it('the same messages in Russian', () => {
    setMessagesLanguage('ru');
    expect(fileReport('2-fields/wrong-type.md')).toBe(
      `${F}/2-fields/wrong-type.md:7:8: error: since: ожидается год, например 1992, а указано «девяносто второй» [invalid-type]\n` +
        '1 ошибка, 0 предупреждений\n',
    );
    expect(fileReport('2-fields/unknown-field.md')).toContain('error: неизвестное поле «sinse»; может быть, «since»? [unknown-field]');
  });
});

describe('3. front-matter languages are refused (the execution proof is in frontmatter.test.ts)', () => {
  it.each([
    ['js.md', 'js', 4],
    ['javascript.md', 'javascript', 4],
    ['coffee.md', 'coffee', 4],
    ['space-js.md', 'js', 5],
  ])('%s', (file, lang, column) => {
    expect(fileReport(`3-language/${file}`).split('\n')[0]).toBe(
      `${F}/3-language/${file}:1:${column}: error: front matter in "${lang}" is refused: only YAML front matter is read, nothing is ever run [frontmatter-language]`,
    );
  });
});

describe('4. resource limits', () => {
  it('a billion-laughs alias bomb is refused quickly', () => {
    const started = performance.now();
    expect(fileReport('4-limits/alias-bomb.md').split('\n')[0]).toBe(
      `${F}/4-limits/alias-bomb.md:1:1: error: too many YAML aliases (more than 100): refused as a resource exhaustion attack [yaml-alias-limit]`,
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('5. UTF-8 BOM and CRLF', () => {
  it('are accepted and positions stay right', () => {
    const bytes = readFileSync(join(fixtures, '5-bom-crlf/bom-crlf.md'));
    // Guard against a checkout that rewrote the fixture's line ends or dropped the BOM.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.includes(Buffer.from('\r\n'))).toBe(true);
    expect(fileReport('5-bom-crlf/bom-crlf.md')).toBe(
      `${F}/5-bom-crlf/bom-crlf.md:5:8: error: since: expected a year such as 1992, got "девяносто второй" [invalid-type]\n` +
        '1 error, 0 warnings\n',
    );
  });
});

describe('6. not UTF-8', () => {
  const hint = '  hint: save the file as UTF-8 (in Notepad: File → Save as → Encoding: UTF-8; in VS Code: the encoding in the status bar → Save with Encoding → UTF-8)';
  it.each([
    ['cp1251.md', '2:7', 'Windows-1251'],
    ['utf16le-bom.md', '1:1', 'UTF-16 LE'],
    ['utf16be-bom.md', '1:1', 'UTF-16 BE'],
    ['utf16le-nobom.md', '1:1', 'UTF-16 LE'],
  ])('%s', (file, pos, detected) => {
    expect(fileReport(`6-encoding/${file}`)).toBe(
      `${F}/6-encoding/${file}:${pos}: error: the file is not UTF-8 text (it looks like ${detected}) [encoding]\n${hint}\n1 error, 0 warnings\n`,
    );
  });
  it('Russian wording', () => {
    setMessagesLanguage('ru');
    expect(fileReport('6-encoding/cp1251.md').split('\n')[0]).toBe(
      `${F}/6-encoding/cp1251.md:2:7: error: файл сохранён не в UTF-8 (похоже на Windows-1251) [encoding]`,
    );
  });
});

describe('7. the content folder', () => {
  const P = `${F}/7-project`;
  it('two partnerships with the same order: one error naming both files', () => {
    const { text, ok } = projectReport('duplicate-order');
    expect(ok).toBe(false);
    expect(text).toBe(
      `${P}/duplicate-order/content/partnerships/serpukhov-richmond.md:9:8: error: order 2 is also used by ${P}/duplicate-order/content/partnerships/chekhov-saratoga-springs.md [duplicate-order]\n` +
        '  hint: give every partnership its own order number\n' +
        '1 error, 0 warnings\n',
    );
  });
  it('a stray non-Markdown file outside assets/ is a warning; assets/ is not looked at', () => {
    const { text, ok } = projectReport('stray-file');
    expect(ok).toBe(true);
    expect(text).toBe(
      `${P}/stray-file/content/notes.docx:1:1: warning: ignored: notes.docx is not a Markdown file [stray-file]\n` +
        '  hint: pictures and other files belong in content/assets/\n' +
        '0 errors, 1 warning\n',
    );
  });
  it('a translation without its Russian file', () => {
    const { text, ok } = projectReport('orphan-translation');
    expect(ok).toBe(false);
    expect(text).toBe(
      `${P}/orphan-translation/content/partnerships/dubna-la-crosse.en.md:1:1: error: translation without its Russian file: dubna-la-crosse.md does not exist [orphan-translation]\n` +
        '  hint: rename the translation to match its Russian file, or add the Russian file\n' +
        '1 error, 0 warnings\n',
    );
  });
  it('a language-neutral fact in a translation', () => {
    const { text } = projectReport('translation-fact', ['ru', 'en']);
    expect(text).toContain(
      `${P}/translation-fact/content/partnerships/serpukhov-richmond.en.md:5:1: error: "since" does not belong in a translation: language-neutral facts live only in the Russian file [translation-fact]\n` +
        `  hint: remove it here and keep it in ${P}/translation-fact/content/partnerships/serpukhov-richmond.md\n`,
    );
    // The missing council.en.md is reported in the same run: every problem, not only the first.
    expect(text).toContain(`${P}/translation-fact/content/council.md:1:1: warning: no en translation:`);
    expect(text.endsWith('1 error, 1 warning\n')).toBe(true);
  });
  it('a file name that is not a slug', () => {
    const { text } = projectReport('invalid-slug');
    expect(text).toContain(
      `${P}/invalid-slug/content/partnerships/Serpukhov_Richmond.md:1:1: error: file name "Serpukhov_Richmond" is not a valid slug: use lowercase Latin letters, digits and single hyphens [invalid-slug]\n` +
        '  hint: rename it to serpukhov-richmond.md\n',
    );
  });
  it('image paths: outside, absolute, wrong case, missing; a Windows backslash is fine', () => {
    const { text } = projectReport('image-paths');
    const file = `${P}/image-paths/content/partnerships/serpukhov-richmond.md`;
    expect(text.split('\n').filter((l) => !l.startsWith('  hint'))).toEqual([
      `${file}:11:10: error: refused: "../../etc/passwd" points outside the content folder [path-outside-content]`,
      `${file}:13:10: error: refused: "/etc/passwd" points outside the content folder [path-outside-content]`,
      `${file}:15:10: error: "Assets/Photo.PNG" differs in letter case from the real file "assets/photo.png" [path-case-mismatch]`,
      `${file}:17:10: error: image not found: assets/missing.png [image-missing]`,
      '4 errors, 0 warnings',
      '',
    ]);
  });
});
