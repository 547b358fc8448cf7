// `council-press new partnership` and `council-press schema` as subprocesses.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/fontconfig.js';
import { removeProject, run, tempProject } from './helpers.js';

const NEW = 'content/partnerships/kolomna-springfield.md';

/** What a person does with the scaffold: fill the empty required fields and write a paragraph. */
function fillPlaceholders(text: string): string {
  return (
    text
      .replace(/^city:$/m, 'city: Коломна')
      .replace(/^partnerCity:$/m, 'partnerCity: Спрингфилд')
      .replace(/^state:$/m, 'state: Огайо')
      .replace(/^since:$/m, 'since: 2005') + '\nКоломна и Спрингфилд дружат с 2005 года.\n'
  );
}

describe('council-press new partnership', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempProject('new');
  });
  afterAll(() => removeProject(dir));

  it('writes the scaffold: schema line first, every field, Russian comments, next order', async () => {
    const r = await run(['new', 'partnership', 'kolomna-springfield'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`created ${NEW}`);
    const text = readFileSync(join(dir, NEW), 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe('---');
    expect(lines[1]).toBe('# yaml-language-server: $schema=../../schema/partnership.schema.json');
    // The schema path resolves from the new file to the project's schema.
    expect(existsSync(resolve(dirname(join(dir, NEW)), '../../schema/partnership.schema.json'))).toBe(true);
    for (const field of ['city', 'partnerCity', 'state', 'since', 'order']) expect(text).toMatch(new RegExp(`^${field}:`, 'm'));
    for (const field of ['document', 'programmes', 'images', 'timeline', 'layout']) expect(text).toMatch(new RegExp(`^# ${field}:`, 'm'));
    expect(text).toMatch(/^order: 4$/m);
    expect(text).toContain('# Город Подмосковья, например: Дубна');
    expect(text).toContain('## Заметки');
  });

  it('check points at each empty field until it is filled', async () => {
    const r = await run(['check'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${NEW}:7:6: error: city: expected text, got nothing [invalid-type]`);
    expect(r.stderr).toContain(`${NEW}:13:7: error: since: expected a year such as 1992, got nothing [invalid-type]`);
    expect(r.stderr).toContain('4 errors, 1 warning');
  });

  it('filled in, the file passes check; so do the optional examples once uncommented', async () => {
    const file = join(dir, NEW);
    const scaffold = readFileSync(file, 'utf8');
    writeFileSync(file, fillPlaceholders(scaffold));
    const filled = await run(['check'], dir);
    expect(filled.stderr).toBe('0 errors, 0 warnings\n');
    expect(filled.code).toBe(0);

    // Uncomment every optional example except the photo (its file does not exist here).
    let inBlock = false;
    const uncommented = fillPlaceholders(scaffold)
      .split('\n')
      .map((line) => {
        inBlock = /^# (document|programmes|timeline|layout):/.test(line) || (inBlock && line.startsWith('#   '));
        return inBlock ? line.slice(2) : line;
      })
      .join('\n');
    writeFileSync(file, uncommented);
    const data = parse(uncommented.split('---\n')[1]!) as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(['city', 'document', 'layout', 'order', 'partnerCity', 'programmes', 'since', 'state', 'timeline']);
    const optional = await run(['check'], dir);
    expect(optional.stderr).toBe('0 errors, 0 warnings\n');
    expect(optional.code).toBe(0);
  });

  it('refuses to overwrite an existing file (exit 1, file unchanged)', async () => {
    const file = join(dir, 'content/partnerships/dubna-la-crosse.md');
    const before = readFileSync(file);
    const r = await run(['new', 'partnership', 'dubna-la-crosse'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'content/partnerships/dubna-la-crosse.md:1:1: error: content/partnerships/dubna-la-crosse.md already exists; it was not overwritten [file-exists]',
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a bad slug with a suggestion, and writes nothing', async () => {
    const r = await run(['new', 'partnership', 'Kolomna_Springfield'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: "Kolomna_Springfield" cannot be a file name');
    expect(r.stderr).toContain('hint: for example: council-press new partnership kolomna-springfield');
    expect(existsSync(join(dir, 'content/partnerships/Kolomna_Springfield.md'))).toBe(false);
  });

  it('usage errors exit 2', async () => {
    expect((await run(['new'], dir)).code).toBe(2);
    expect((await run(['new', 'council', 'x'], dir)).code).toBe(2);
    expect((await run(['new', 'partnership'], dir)).code).toBe(2);
  });
});

describe('council-press schema', () => {
  it('prints the JSON Schema, byte for byte the shipped schema/partnership.schema.json', async () => {
    const r = await run(['schema'], REPO_ROOT);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(REPO_ROOT, 'schema/partnership.schema.json'), 'utf8'));
    const schema = JSON.parse(r.stdout) as { required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual(expect.arrayContaining(['city', 'partnerCity', 'state', 'since', 'order']));
    expect(schema.additionalProperties).toBe(false);
  });
});
