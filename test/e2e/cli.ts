// Runs the real CLI (`node bin/council-press.js`) as a user would, from the repository root, and
// lists what it wrote. The e2e and golden tests share it so both read the same kind of build.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { REPO_ROOT } from '../support/fontconfig.js';
import type { Manifest, ManifestEntry } from '../../src/build/manifest.js';

export const CLI = join(REPO_ROOT, 'bin', 'council-press.js');

export const SLUGS = ['serpukhov-richmond', 'chekhov-saratoga-springs', 'dubna-la-crosse'] as const;
export type Slug = (typeof SLUGS)[number];

/** The cities of each partnership, in the deck's order. */
export const PARTNERSHIPS: ReadonlyArray<{ slug: Slug; city: string; partnerCity: string; state: string; since: number; title: string }> = [
  { slug: 'serpukhov-richmond', city: 'Серпухов', partnerCity: 'Ричмонд', state: 'Индиана', since: 1990, title: 'Серпухов — Ричмонд' },
  { slug: 'chekhov-saratoga-springs', city: 'Чехов', partnerCity: 'Саратога Спрингс', state: 'Нью-Йорк', since: 2001, title: 'Чехов — Саратога Спрингс' },
  { slug: 'dubna-la-crosse', city: 'Дубна', partnerCity: 'Ла-Кросс', state: 'Висконсин', since: 1992, title: 'Дубна — Ла-Кросс' },
];

/** Every file a default build writes, relative to --out, `/` separators, sorted. */
export const EXPECTED_FILES: readonly string[] = [
  'deck.pptx',
  'deck.pdf',
  ...SLUGS.map((s) => `briefs/${s}.docx`),
  ...SLUGS.map((s) => `handouts/${s}.pdf`),
  'handouts/council.pdf',
  'manifest.json',
].sort();

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `node bin/council-press.js ...args` from the repository root. SOURCE_DATE_EPOCH is removed from
 * the environment unless `env` sets it, so a CI runner that exports it cannot change the build.
 */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete childEnv.SOURCE_DATE_EPOCH;
  Object.assign(childEnv, env);
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: REPO_ROOT, env: childEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 240_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return fail(error);
        done({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** Builds the shipped content into `outDir` (emptied first). */
export function buildInto(outDir: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  rmSync(outDir, { recursive: true, force: true });
  return runCli(['build', '--out', outDir], env);
}

/** Every file under `dir`, relative, `/` separators, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

// The manifest's shape is the product's own (src/build/manifest.ts), not a copy of it.
export type { Manifest, ManifestEntry };

export function readManifest(outDir: string): Manifest {
  return JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
}
