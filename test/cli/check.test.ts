// `council-press check` as a subprocess: text, JSON and GitHub reporters, exit codes, nothing written.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles, removeProject, run, tempProject } from './helpers.js';

const DUBNA = 'content/partnerships/dubna-la-crosse.md';

describe('council-press check', () => {
  let good: string;
  let bad: string;
  beforeAll(() => {
    good = tempProject('check-good');
    bad = tempProject('check-bad');
    const file = join(bad, DUBNA);
    // Line 6 is `since: 1992`; an unknown `sinse` goes after it on line 7.
    const text = readFileSync(file, 'utf8').replace('since: 1992\n', 'since: девяносто второй\nsinse: 1992\n');
    writeFileSync(file, text);
    writeFileSync(join(bad, 'content/notes.docx'), 'not markdown');
  });
  afterAll(() => {
    removeProject(good);
    removeProject(bad);
  });

  it('passes the shipped content, prints the summary and writes nothing', async () => {
    const before = listFiles(good);
    const r = await run(['check'], good);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('0 errors, 0 warnings\n');
    expect(listFiles(good)).toEqual(before);
  });

  it('text: every problem with file:line:col, sorted, hint lines, summary; exit 1', async () => {
    const r = await run(['check'], bad);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      'content/notes.docx:1:1: warning: ignored: notes.docx is not a Markdown file [stray-file]',
      '  hint: pictures and other files belong in content/assets/',
      `${DUBNA}:6:8: error: since: expected a year such as 1992, got "девяносто второй" [invalid-type]`,
      `${DUBNA}:7:1: error: unknown field "sinse"; did you mean "since"? [unknown-field]`,
      '2 errors, 1 warning',
      '',
    ]);
  });

  it('--json: the documented shape on stdout, nothing on stderr, same exit code', async () => {
    const r = await run(['check', '--json'], bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as { diagnostics: Record<string, unknown>[]; errors: number; warnings: number };
    expect(Object.keys(report)).toEqual(['diagnostics', 'errors', 'warnings']);
    expect(report.errors).toBe(2);
    expect(report.warnings).toBe(1);
    for (const d of report.diagnostics) expect(Object.keys(d)).toEqual(['file', 'line', 'column', 'severity', 'code', 'message', 'hint']);
    expect(report.diagnostics[1]).toEqual({
      file: DUBNA,
      line: 6,
      column: 8,
      severity: 'error',
      code: 'invalid-type',
      message: 'since: expected a year such as 1992, got "девяносто второй"',
      hint: null,
    });
    expect(report.diagnostics[0]).toMatchObject({ file: 'content/notes.docx', severity: 'warning', hint: 'pictures and other files belong in content/assets/' });

    const ok = await run(['check', '--json'], good);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ diagnostics: [], errors: 0, warnings: 0 });
  });

  it('--reporter github: workflow-command annotations on stdout', async () => {
    const r = await run(['check', '--reporter', 'github'], bad);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      '::warning file=content/notes.docx,line=1,col=1,title=stray-file::ignored: notes.docx is not a Markdown file [stray-file]%0Apictures and other files belong in content/assets/',
    );
    expect(lines[1]).toBe(`::error file=${DUBNA},line=6,col=8,title=invalid-type::since: expected a year such as 1992, got "девяносто второй" [invalid-type]`);
    expect(lines[2]).toMatch(new RegExp(`^::error file=${DUBNA},line=7,col=1,title=unknown-field::unknown field "sinse"`));
  });

  it('--strict makes warnings fatal; --messages ru speaks Russian', async () => {
    writeFileSync(join(good, 'content/stray.txt'), 'x');
    try {
      const lax = await run(['check'], good);
      expect(lax.code).toBe(0);
      expect(lax.stderr).toContain('1 warning');
      const strict = await run(['check', '--strict'], good);
      expect(strict.code).toBe(1);
      const ru = await run(['check', '--messages', 'ru'], good);
      expect(ru.stderr).toContain('content/stray.txt:1:1: warning: пропущен: stray.txt — не файл Markdown [stray-file]');
      expect(ru.stderr).toContain('0 ошибок, 1 предупреждение');
    } finally {
      removeProject(join(good, 'content/stray.txt'));
    }
  });
});
