/**
 * The reproducibility tests' other process: runs one of the writers' TypeScript build scripts
 * (through test/writers/docx/ts-loader.mjs, so from the current sources, not a dist/ that may be
 * stale) in a fresh Node process, with its own clock and, if asked, its own time zone. The script
 * writes its artifact to the path it is given; the caller compares those bytes with its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export interface FreshBuild {
  status: number | null;
  stderr: string;
  /** The artifact the script wrote (absent when it wrote none). */
  data?: Buffer;
}

export function buildInFreshProcess(script: string, env: NodeJS.ProcessEnv = process.env): FreshBuild {
  const dir = mkdtempSync(join(tmpdir(), `${basename(script, '.ts')}-`));
  try {
    const out = join(dir, 'artifact');
    const child = spawnSync(process.execPath, ['--import', './test/writers/docx/ts-loader.mjs', script, out], { env, encoding: 'utf8', timeout: 90_000 });
    return { status: child.status, stderr: child.stderr, data: existsSync(out) ? readFileSync(out) : undefined };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
