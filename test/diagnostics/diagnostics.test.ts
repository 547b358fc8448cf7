import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  catalogueCodes,
  diagnostic,
  getMessagesLanguage,
  messagesLanguageFromEnv,
  setMessagesLanguage,
  summaryLine,
} from '../../src/diagnostics/catalogue.js';
import { diagnosticsToGithub, diagnosticsToJson, formatDiagnostics } from '../../src/diagnostics/printer.js';
import { editDistance, suggest } from '../../src/diagnostics/suggest.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

afterEach(() => setMessagesLanguage('en'));
const cwd = '/work/project';
const at = (rel: string, line: number, column: number) => ({ file: join(cwd, rel), line, column });

const sample = (): Diagnostic[] => [
  diagnostic('stray-file', { name: 'notes.docx' }, at('content/notes.docx', 1, 1)),
  diagnostic('invalid-type', { field: 'since', expected: 'year', found: 'девяносто второй' }, at('content/partnerships/dubna-la-crosse.md', 7, 8)),
  diagnostic('unknown-field', { field: 'sinse', suggestion: 'since' }, at('content/partnerships/dubna-la-crosse.md', 5, 1)),
];

describe('formatDiagnostics', () => {
  it('compiler-style lines sorted by file and line, hints, and the summary', () => {
    expect(formatDiagnostics(sample(), { cwd })).toBe(
      [
        'content/notes.docx:1:1: warning: ignored: notes.docx is not a Markdown file [stray-file]',
        '  hint: pictures and other files belong in content/assets/',
        'content/partnerships/dubna-la-crosse.md:5:1: error: unknown field "sinse"; did you mean "since"? [unknown-field]',
        'content/partnerships/dubna-la-crosse.md:7:8: error: since: expected a year such as 1992, got "девяносто второй" [invalid-type]',
        '2 errors, 1 warning',
        '',
      ].join('\n'),
    );
  });
  it('paths outside the current folder stay relative; a diagnostic without a position has no prefix', () => {
    const d = [diagnostic('internal-error', { message: 'boom' }), diagnostic('read-error', { reason: 'EACCES' }, { file: '/elsewhere/c.md', line: 1, column: 1 })];
    expect(formatDiagnostics(d, { cwd }).split('\n').slice(0, 3)).toEqual([
      'error: internal error in council-press (a bug, not your content): boom [internal-error]',
      '  hint: run again with --debug and report the output',
      '../../elsewhere/c.md:1:1: error: cannot read the file: EACCES [read-error]',
    ]);
  });
  it('colour only when asked', () => {
    expect(formatDiagnostics(sample(), { cwd, color: true })).toContain('\u001b[');
    expect(formatDiagnostics(sample(), { cwd })).not.toContain('\u001b[');
  });
  it('Russian messages and summary with Russian plural forms', () => {
    setMessagesLanguage('ru');
    const text = formatDiagnostics(sample(), { cwd });
    expect(text).toContain('content/partnerships/dubna-la-crosse.md:5:1: error: неизвестное поле «sinse»; может быть, «since»? [unknown-field]');
    expect(text.endsWith('2 ошибки, 1 предупреждение\n')).toBe(true);
    expect([summaryLine(1, 0), summaryLine(5, 2), summaryLine(21, 11)]).toEqual([
      '1 ошибка, 0 предупреждений',
      '5 ошибок, 2 предупреждения',
      '21 ошибка, 11 предупреждений',
    ]);
  });
});

describe('machine-readable reports', () => {
  it('JSON for check --json', () => {
    expect(diagnosticsToJson(sample().slice(0, 2), { cwd })).toEqual({
      diagnostics: [
        {
          file: 'content/notes.docx',
          line: 1,
          column: 1,
          severity: 'warning',
          code: 'stray-file',
          message: 'ignored: notes.docx is not a Markdown file',
          hint: 'pictures and other files belong in content/assets/',
        },
        {
          file: 'content/partnerships/dubna-la-crosse.md',
          line: 7,
          column: 8,
          severity: 'error',
          code: 'invalid-type',
          message: 'since: expected a year such as 1992, got "девяносто второй"',
          hint: null,
        },
      ],
      errors: 1,
      warnings: 1,
    });
  });
  it('GitHub Actions annotations, escaped', () => {
    const d = [diagnostic('duplicate-order', { order: 2, other: 'a,b.md' }, at('content/partnerships/x.md', 9, 8))];
    expect(diagnosticsToGithub(d, { cwd })).toBe(
      '::error file=content/partnerships/x.md,line=9,col=8,title=duplicate-order::order 2 is also used by a,b.md [duplicate-order]%0Agive every partnership its own order number\n',
    );
  });
});

describe('catalogue', () => {
  it('messages follow LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(messagesLanguageFromEnv({ LANG: 'ru_RU.UTF-8' })).toBe('ru');
    expect(messagesLanguageFromEnv({ LC_ALL: 'C', LANG: 'ru_RU.UTF-8' })).toBe('en');
    expect(messagesLanguageFromEnv({ LC_MESSAGES: 'ru_RU.UTF-8', LANG: 'en_US.UTF-8' })).toBe('ru');
    expect(messagesLanguageFromEnv({})).toBe('en');
    expect(getMessagesLanguage()).toBe('en');
  });
  it('every code has a message (and its hint, if any) in both languages', () => {
    for (const lang of ['en', 'ru'] as const) {
      setMessagesLanguage(lang);
      for (const code of catalogueCodes()) {
        const d = diagnostic(code, { field: 'f', file: 'x.md', path: 'p', lang: 'en', size: 1, limit: 1, message: 'details' });
        expect(d.code).toBe(code);
        expect(d.message.length).toBeGreaterThan(5);
        expect(d.message).not.toMatch(/undefined|\[object/);
      }
    }
  });
  it('an unknown code is reported as an internal error, not thrown', () => {
    expect(diagnostic('no-such-code', {}).code).toBe('internal-error');
  });
  it('a file size reads in units', () => {
    expect(diagnostic('file-too-large', { size: 52428800, limit: 1048576 }).message).toBe('the file is too large (50 MiB); the limit is 1 MiB');
    setMessagesLanguage('ru');
    expect(diagnostic('file-too-large', { size: 1572864, limit: 1048576 }).message).toBe('файл слишком большой (1,5 МиБ); предел — 1 МиБ');
  });
});

describe('suggest', () => {
  it('finds plausible typos only', () => {
    const fields = ['city', 'partnerCity', 'state', 'since', 'order'];
    expect(suggest('sinse', fields)).toBe('since');
    expect(suggest('partnercity', fields)).toBe('partnerCity');
    expect(suggest('stae', fields)).toBe('state');
    expect(suggest('colour', fields)).toBeUndefined();
    expect(editDistance('titel', 'title')).toBe(1);
  });
});
