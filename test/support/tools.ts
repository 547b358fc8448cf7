// External programs the tests use (LibreOffice, poppler, qpdf): finding them, and what a test does
// when one is missing. Outside CI a missing tool skips the test with a message that says what to
// install; in CI (CI=true) it fails, so a broken CI image can never pass by skipping everything.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The part of vitest's TestContext these helpers need (vitest 4: `ctx.skip(note)` throws). */
export interface SkipContext {
  skip: (note?: string) => never;
}

/** Debian package that provides each program, for the messages. */
const PACKAGE_OF: Record<string, string> = {
  soffice: 'libreoffice-writer libreoffice-impress',
  pdftotext: 'poppler-utils',
  pdffonts: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  qpdf: 'qpdf',
  'fc-match': 'fontconfig',
  'fc-list': 'fontconfig',
};

/** Thrown by a helper whose program is missing, when the test did not check first. */
export class ToolMissingError extends Error {
  constructor(readonly tool: string) {
    super(missingMessage([tool]));
    this.name = 'ToolMissingError';
  }
}

const found = new Map<string, string | null>();

/** Absolute path of `tool` on PATH, or null. Cached per process. */
export function which(tool: string): string | null {
  const cached = found.get(tool);
  if (cached !== undefined) return cached;
  let hit: string | null = null;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      hit = candidate;
      break;
    } catch {
      // not here; keep looking
    }
  }
  found.set(tool, hit);
  return hit;
}

export function toolAvailable(tool: string): boolean {
  return which(tool) !== null;
}

export function isCi(): boolean {
  return process.env.CI === 'true';
}

export function missingMessage(tools: readonly string[]): string {
  const packages = [...new Set(tools.map((t) => PACKAGE_OF[t] ?? t))].join(' ');
  const [verb, them] = tools.length > 1 ? ['are', 'them'] : ['is', 'it'];
  return (
    `${tools.join(', ')} ${verb} not on PATH; install ${them} to run this test ` +
    `(Debian: apt-get install ${packages})`
  );
}

/**
 * Call first thing in a test that needs external programs. Missing ones skip the test with a
 * message (or fail it under CI=true). Returns normally when all are present.
 */
export function requireToolsOrSkip(ctx: SkipContext, tools: readonly string[]): void {
  const missing = tools.filter((t) => !toolAvailable(t));
  if (missing.length === 0) return;
  const message = missingMessage(missing);
  if (isCi()) throw new Error(`CI=true, so this is an error: ${message}`);
  ctx.skip(message);
}

/** Throws ToolMissingError unless `tool` is on PATH; used inside the helpers themselves. */
export function assertTool(tool: string): string {
  const path = which(tool);
  if (path === null) throw new ToolMissingError(tool);
  return path;
}

/** Runs a program synchronously, returns stdout; a non-zero exit throws with stderr in the message. */
export function run(
  tool: string,
  args: readonly string[],
  options: { okCodes?: readonly number[]; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): { stdout: string; stderr: string; status: number } {
  const path = assertTool(tool);
  const result = spawnSync(path, args, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: options.env ?? process.env,
    timeout: options.timeoutMs ?? 120_000,
  });
  if (result.error) throw result.error;
  const status = result.status ?? -1;
  const okCodes = options.okCodes ?? [0];
  if (!okCodes.includes(status)) {
    throw new Error(
      `${tool} ${args.join(' ')} exited with ${status}${result.signal ? ` (${result.signal})` : ''}:\n` +
        `${result.stderr}${result.stdout}`.trim(),
    );
  }
  return { stdout: result.stdout, stderr: result.stderr, status };
}

/** Root of the tests' scratch folders under the system temp dir. */
export const SCRATCH_ROOT = join(tmpdir(), 'council-press-tests');

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A scratch folder owned by this process: `<SCRATCH_ROOT>/<kind>-<pid>`. Vitest ends its workers
 * with a signal, so 'exit' handlers do not reliably run; instead each new folder removes the
 * folders of the same kind left by processes that no longer exist.
 */
export function processScratchDir(kind: string): string {
  mkdirSync(SCRATCH_ROOT, { recursive: true });
  const pattern = new RegExp(`^${kind.replace(/[^\w-]/g, '')}-(\\d+)$`);
  for (const entry of readdirSync(SCRATCH_ROOT)) {
    const m = pattern.exec(entry);
    if (m && Number(m[1]) !== process.pid && !processAlive(Number(m[1])))
      rmSync(join(SCRATCH_ROOT, entry), { recursive: true, force: true });
  }
  const dir = join(SCRATCH_ROOT, `${kind}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
