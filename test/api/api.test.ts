// The library API used the way a user's script uses it: `import { build, check, loadProject } from
// 'council-press'` (the package's own "exports", compiled dist/ and its .d.ts), in-process and from a
// separate project that has council-press in node_modules.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, check, loadProject, type Artifact, type BuildResult, type CheckResult } from 'council-press';
import { REPO_ROOT } from '../support/fontconfig.js';
import { readZip } from '../support/ooxml.js';
import { docxText } from '../cli/helpers.js';

describe('council-press as a library', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'council-press-api-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('check() and loadProject() on the shipped content', async () => {
    const result: CheckResult = await check({ cwd: REPO_ROOT });
    expect(result).toEqual({ ok: true, diagnostics: [], errors: 0, warnings: 0 });
    const loaded = loadProject({ cwd: REPO_ROOT, langs: ['ru', 'en'] });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.project!.editions.ru!.partnerships.map((p) => p.slug)).toEqual(['serpukhov-richmond', 'chekhov-saratoga-springs', 'dubna-la-crosse']);
    expect(loaded.project!.editions.en!.partnerships[2]!.city).toBe('Dubna');
  });

  it('check() reports a broken copy with positions; build() refuses it and writes nothing', async () => {
    const content = join(dir, 'broken');
    mkdirSync(join(content, 'partnerships'), { recursive: true });
    writeFileSync(join(content, 'council.md'), readFileSync(join(REPO_ROOT, 'content/council.md')));
    writeFileSync(join(content, 'partnerships/dubna-la-crosse.md'), '---\ncity: Дубна\npartnerCity: Ла-Кросс\nstate: Висконсин\nsince: 92-й\norder: 1\n---\n\nТекст.\n');
    const result = await check({ contentDir: content, templatesDir: join(REPO_ROOT, 'templates') });
    expect(result.ok).toBe(false);
    expect(result.errors).toBe(1);
    expect(result.diagnostics[0]).toMatchObject({
      code: 'invalid-type',
      severity: 'error',
      position: { file: join(content, 'partnerships/dubna-la-crosse.md'), line: 5, column: 8 },
    });
    const built: BuildResult = await build({ contentDir: content, templatesDir: join(REPO_ROOT, 'templates'), outDir: join(dir, 'never') });
    expect(built.ok).toBe(false);
    expect(built.artifacts).toEqual([]);
    expect(built.diagnostics.map((d) => d.code)).toEqual(['invalid-type']);
  });

  it('build() into a temporary folder: artifacts with paths, sizes and hashes, read back', async () => {
    const seen: Artifact[] = [];
    const result = await build({
      cwd: REPO_ROOT,
      outDir: join(dir, 'out'),
      cacheDir: join(dir, 'cache'),
      formats: ['docx'],
      only: ['chekhov-saratoga-springs'],
      onArtifact: (a) => seen.push(a),
    });
    expect(result.ok).toBe(true);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(result.outDir).toBe(join(dir, 'out'));
    expect(result.artifacts).toHaveLength(1);
    const [brief] = result.artifacts;
    expect(brief).toMatchObject({ path: 'briefs/chekhov-saratoga-springs.docx', format: 'docx', lang: 'ru', cached: false });
    expect(brief!.sources).toEqual(['content/council.md', 'content/partnerships/chekhov-saratoga-springs.md']);
    expect(seen).toEqual(result.artifacts);
    const bytes = readFileSync(join(dir, 'out', brief!.path));
    expect(bytes.length).toBe(brief!.bytes);
    expect(docxText(readZip(bytes).get('word/document.xml') as string)).toContain('Чехов — Саратога Спрингс');
  });
});

describe('from another project (node_modules/council-press), with the shipped .d.ts', () => {
  let project: string;
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'council-press-user-'));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(REPO_ROOT, join(project, 'node_modules', 'council-press'), 'dir');
    writeFileSync(join(project, 'package.json'), '{ "name": "user", "type": "module", "private": true }\n');
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('a plain Node script imports and runs it', () => {
    writeFileSync(
      join(project, 'report.mjs'),
      `import { check, loadProject, VERSION } from 'council-press';
const opts = { cwd: ${JSON.stringify(REPO_ROOT)} };
const result = await check(opts);
const { project } = loadProject(opts);
console.log(JSON.stringify({ VERSION, errors: result.errors, cities: project.editions.ru.partnerships.map((p) => p.city) }));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ['report.mjs'], { cwd: project, encoding: 'utf8' })) as Record<string, unknown>;
    expect(out).toEqual({ VERSION: JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version, errors: 0, cities: ['Серпухов', 'Чехов', 'Дубна'] });
  });

  it('TypeScript sees the types: a typed script compiles, a wrong option is a type error', () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, types: ['node'], typeRoots: [join(REPO_ROOT, 'node_modules/@types')], skipLibCheck: true },
        files: ['script.ts', 'wrong.ts'],
      }),
    );
    const good = `import { build, check, type BuildResult, type CheckResult, type Diagnostic } from 'council-press';
const r: BuildResult = await build({ outDir: 'out', formats: ['pdf'], only: ['dubna-la-crosse'], shard: { index: 1, count: 2 } });
const c: CheckResult = await check({ strict: true });
const first: Diagnostic | undefined = r.diagnostics[0];
export const summary: string = \`\${r.artifacts.map((a) => a.path + a.sha256 + a.bytes).join()} \${c.errors} \${first?.position?.line ?? 0}\`;
`;
    // One compiler run over both files (tsc is slow to start): only the wrong one may have an error.
    const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    writeFileSync(join(project, 'script.ts'), good);
    writeFileSync(join(project, 'wrong.ts'), good.replace("formats: ['pdf']", "formats: ['odt']"));
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', project], { cwd: project, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toMatch(/^wrong\.ts\(2,\d+\): error TS2322: Type '"odt"' is not assignable to type 'Format'/);
    expect(output.trim().split('\n').filter((l) => /error TS/.test(l))).toHaveLength(1);
  });
});
