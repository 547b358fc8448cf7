// Runs `node bin/council-press.js` as a subprocess in a project folder of its own (a temporary copy of
// the shipped content and templates), as staff and CI run it.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { REPO_ROOT } from '../support/fontconfig.js';

export const CLI = join(REPO_ROOT, 'bin', 'council-press.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A clean environment: no colours, English messages, no SOURCE_DATE_EPOCH from the runner. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
  delete env.SOURCE_DATE_EPOCH;
  delete env.FORCE_COLOR;
  return { ...env, ...extra };
}

export function run(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: cliEnv(env), encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return fail(error);
      done({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

export function spawnCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A temporary project: copies of content/ and templates/ (and schema/, for the editor line). */
export function tempProject(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `council-press-${name}-`));
  for (const folder of ['content', 'templates', 'schema']) cpSync(join(REPO_ROOT, folder), join(dir, folder), { recursive: true });
  return dir;
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir`, relative, `/` separators, sorted. */
export function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).split(sep).join('/'))
    .sort();
}

/**
 * The text of a DOCX's word/document.xml, one line per paragraph: soft hyphens (and the runs the
 * hyphenation splits words into) vanish, non-breaking hyphens read as "-" and no-break spaces as
 * spaces (the typograph's), so phrases can be searched as typed.
 */
export function docxText(xml: string): string {
  return xml
    .replace(/<w:noBreakHyphen\/>/g, '-')
    .replace(/<w:p[ >]/g, '\n$&')
    .replace(/<[^>]+>/g, '')
    .replace(/\u00ad/g, '')
    .replace(/\u00a0/g, ' ');
}
