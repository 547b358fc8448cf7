// The one-file bundles the command runs from (scripts/bundle.mjs, bin/bundle-loader.cjs): used only
// when made from the compiled modules as they are, their code caches accepted by this Node, and
// byte for byte the same artifacts as the modules make, on the main thread and on a worker.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { POOL_V8_FLAGS } from '../../src/build/jit.js';
import { REPO_ROOT } from '../support/fontconfig.js';

const loader = createRequire(import.meta.url)(join(REPO_ROOT, 'bin', 'bundle-loader.cjs')) as { DIR: string; fresh(name: string, dir?: string): boolean };
const work = mkdtempSync(join(tmpdir(), 'council-press-bundle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function filesUnder(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

function build(name: string, env: Record<string, string>): Map<string, Buffer> {
  const out = join(work, name);
  const run = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'council-press.js'), 'build', '--content', join(REPO_ROOT, 'content'), '--out', out, '--cache-dir', join(work, `${name}-cache`), '--quiet'], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect(run.status, run.stderr).toBe(0);
  return filesUnder(out);
}

describe('bundles', () => {
  it('npm run compile made all three, fresh', () => {
    expect(loader.fresh('cli')).toBe(true);
    expect(loader.fresh('render')).toBe(true);
    expect(loader.fresh('worker')).toBe(true);
  });

  it('npm run compile has nothing to bundle again right after it bundled (npm run build compiles first)', () => {
    const check = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'bundle.mjs'), '--check'], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    // Every library is stamped by its package.json: a new version of one makes the bundle stale.
    const inputs = (name: string) => (JSON.parse(readFileSync(join(loader.DIR, `${name}.inputs.json`), 'utf8')) as [string, number][]).map(([file]) => file);
    expect(inputs('render')).toEqual(expect.arrayContaining(['../../node_modules/pdfkit/package.json', '../../node_modules/docx/package.json', '../build/render-artifact.js']));
    // The CLI's bundle leaves the render stage to render.cjs (src/build/render-module.ts).
    expect(inputs('cli')).toEqual(expect.arrayContaining(['../cli/main.js', '../../node_modules/zod/package.json']));
    expect(inputs('cli').filter((file) => /pdfkit|docx|pptxgenjs|fontkit|markdown-it|writers\/|layout\/deck/.test(file))).toEqual([]);
  });

  it('a bundle older than a module it was made from is not used', () => {
    const dir = join(work, 'stale');
    rmSync(dir, { recursive: true, force: true });
    const copy = (file: string) => copyFileSync(join(loader.DIR, file), join(dir, file));
    spawnSync('mkdir', ['-p', dir]);
    copy('cli.cjs');
    const inputs = JSON.parse(readFileSync(join(loader.DIR, 'cli.inputs.json'), 'utf8')) as [string, number][];
    // Same relative paths as from dist/bundle: the copy sits at the same depth.
    const rebased = inputs.map(([file, mtime]) => [relative(dir, join(loader.DIR, file)), mtime]);
    writeFileSync(join(dir, 'cli.inputs.json'), JSON.stringify(rebased));
    expect(loader.fresh('cli', dir)).toBe(true);
    rebased[0]![1] = (rebased[0]![1] as number) - 1000;
    writeFileSync(join(dir, 'cli.inputs.json'), JSON.stringify(rebased));
    expect(loader.fresh('cli', dir)).toBe(false);
    expect(loader.fresh('nothing-of-that-name')).toBe(false);
  });

  it("this Node accepts every code cache (else the command starts ~0.4 s slower, silently)", () => {
    // The worker's cache, and the render bundle's second one, are made and used under the flags a
    // pool sets (src/build/jit.ts); the CLI's and the render bundle's first one under the defaults.
    const probe = `const fs=require('fs'),vm=require('vm'),M=require('module');for(const [n,c,pool] of [['cli','.cache',0],['render','.cache',0],['worker','.cache',1],['render','.pool.cache',1]]){if(pool)require('v8').setFlagsFromString(${JSON.stringify(POOL_V8_FLAGS)});const f=${JSON.stringify(loader.DIR)}+'/'+n+'.cjs';const s=new vm.Script(M.wrap(fs.readFileSync(f,'utf8')),{filename:f,cachedData:fs.readFileSync(f+c)});console.log(n+c,s.cachedDataRejected)}`;
    const run = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    expect(run.stdout.trim().split('\n')).toEqual(['cli.cache false', 'render.cache false', 'worker.cache false', 'render.pool.cache false']);
  });

  it('makes the same bytes as the compiled modules, on the main thread and on a worker', () => {
    const modules = build('modules', { COUNCIL_PRESS_BUNDLE: '0', COUNCIL_PRESS_WORKERS: '0' });
    const bundled = build('bundled', { COUNCIL_PRESS_WORKERS: '0' });
    const worker = build('worker', { COUNCIL_PRESS_WORKERS: '1' });
    expect([...modules.keys()].sort()).toEqual([...bundled.keys()].sort());
    expect(modules.size).toBeGreaterThanOrEqual(10);
    for (const [file, bytes] of modules) {
      expect(bundled.get(file)?.equals(bytes), file).toBe(true);
      expect(worker.get(file)?.equals(bytes), file).toBe(true);
    }
  }, 60_000);
});
