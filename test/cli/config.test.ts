// The config file (council-press.config.json, or "council-press" in package.json): it sets defaults,
// flags override it, and a bad one gets positioned diagnostics like content does.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPTION_SPECS } from '../../src/cli/args.js';
import { listFiles, removeProject, run, tempProject } from './helpers.js';

const CONFIG = 'council-press.config.json';

describe('config file', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempProject('config');
  });
  afterAll(() => removeProject(dir));
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  const drop = (name: string) => rmSync(join(dir, name), { force: true });

  it('sets out, formats and cacheDir; a flag overrides it; clean uses it; --verbose names it', async () => {
    write(CONFIG, JSON.stringify({ out: 'from-config', formats: ['docx'], cacheDir: 'my-cache', langs: ['ru'], strict: true }, null, 2));
    try {
      const r = await run(['build', '--only', 'dubna-la-crosse', '--verbose'], dir);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toBe('config: council-press.config.json');
      expect(listFiles(join(dir, 'from-config'))).toEqual(['briefs/dubna-la-crosse.docx', 'manifest.json']);
      expect(listFiles(join(dir, 'my-cache')).length).toBeGreaterThan(0);

      const flag = await run(['build', '--only', 'dubna-la-crosse', '--out', 'flag-out', '--quiet'], dir);
      expect(flag.code).toBe(0);
      expect(listFiles(join(dir, 'flag-out'))).toEqual(['briefs/dubna-la-crosse.docx', 'manifest.json']);

      const clean = await run(['clean'], dir);
      expect(clean.stdout).toBe('✓ removed from-config, my-cache\n');
      expect(existsSync(join(dir, 'flag-out'))).toBe(true);
    } finally {
      drop(CONFIG);
    }
  });

  const cases: [string, string, string[]][] = [
    [
      'wrong types, an unknown key with a suggestion, a value not allowed',
      '{\n  "out": 5,\n  "formats": ["pptx", "ppt"],\n  "strcit": true,\n  "langs": "ru"\n}\n',
      [
        `${CONFIG}:2:10: error: out: expected text, got 5 [invalid-type]`,
        `${CONFIG}:3:23: error: formats[1]: expected one of pptx, docx, pdf, got "ppt" [invalid-type]`,
        `${CONFIG}:4:3: error: unknown field "strcit"; did you mean "strict"? [unknown-field]`,
        `${CONFIG}:5:12: error: langs: expected a list (lines starting with "- "), got "ru" [invalid-type]`,
        '4 errors, 0 warnings',
      ],
    ],
    [
      'a trailing comma (invalid JSON)',
      '{\n  "out": "x",\n  "formats": ["docx"],\n}\n',
      [`${CONFIG}:4:1: error: config file is not valid JSON: Expected double-quoted property name [config-json]`],
    ],
    [
      'a bad literal (V8 gives no position: found by prefix)',
      '{\n  "out": "x",\n  "strict": tru\n}\n',
      [`${CONFIG}:3:16: error: config file is not valid JSON: Unexpected end of line [config-json]`],
    ],
    ['not an object', '["docx"]\n', [`${CONFIG}:1:1: error: (config): expected a group of fields, got a list [invalid-type]`]],
    ['a duplicate key', '{\n  "out": "a",\n  "out": "b"\n}\n', [`${CONFIG}:3:3: error: YAML syntax: Map keys must be unique [yaml-syntax]`]],
  ];
  for (const [name, text, expected] of cases) {
    it(`refuses ${name} with file:line:col (exit 1, nothing built)`, async () => {
      write(CONFIG, text);
      try {
        const r = await run(['build', '--out', 'never'], dir);
        expect(r.code).toBe(1);
        for (const line of expected) expect(r.stderr).toContain(line);
        expect(existsSync(join(dir, 'never'))).toBe(false);
        const json = JSON.parse((await run(['check', '--json'], dir)).stdout) as { errors: number; diagnostics: { file: string }[] };
        expect(json.errors).toBeGreaterThan(0);
        expect(json.diagnostics[0]!.file).toBe(CONFIG);
      } finally {
        drop(CONFIG);
      }
    });
  }

  it('reads the "council-press" key of package.json, with positions inside it', async () => {
    write('package.json', '{\n  "name": "my-council",\n  "council-press": {\n    "messages": "ru",\n    "formats": "docx"\n  }\n}\n');
    try {
      const r = await run(['check'], dir);
      expect(r.code).toBe(1);
      // The config is invalid as a whole, so its "messages" is not trusted either: English from LANG.
      expect(r.stderr).toContain('package.json:5:16: error: formats: expected a list (lines starting with "- "), got "docx" [invalid-type]');
      write('package.json', '{\n  "name": "my-council",\n  "council-press": { "messages": "ru" }\n}\n');
      const ok = await run(['check'], dir);
      expect(ok.code).toBe(0);
      expect(ok.stderr).toBe('0 ошибок, 0 предупреждений\n');
    } finally {
      drop('package.json');
    }
  });

  it('--help lists every option with its default; --version prints the version', async () => {
    const help = await run(['--help'], dir);
    expect(help.code).toBe(0);
    for (const [name, spec] of Object.entries(OPTION_SPECS)) {
      const line = help.stdout.split('\n').find((l) => new RegExp(`^ +(-\\w, )?--${name}\\b`).test(l));
      expect(line, name).toBeDefined();
      if ('shownDefault' in spec) expect(line).toContain(`[default: ${spec.shownDefault}]`);
    }
    for (const command of ['build', 'check', 'clean', 'new partnership <slug>', 'schema']) expect(help.stdout).toContain(`council-press ${command}`);
    const version = await run(['--version'], dir);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const unknown = await run(['frobnicate'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('council-press: unknown command "frobnicate"\nRun council-press --help for usage.\n');
    expect((await run(['build', '--nope'], dir)).code).toBe(2);
  });
});
