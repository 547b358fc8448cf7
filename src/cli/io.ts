/**
 * Where the CLI's text goes. Passed in (never `process.stdout` directly) so the commands can be run
 * against a fake terminal in tests, and so the colour and progress decisions are made once.
 */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Colours on stdout/stderr (picocolors), already decided from NO_COLOR, FORCE_COLOR and the terminal. */
  color: boolean;
  /** stdout is a terminal: a progress line may be redrawn in place with `\r`. */
  tty: boolean;
  env: NodeJS.ProcessEnv;
  /**
   * The process's own streams and environment: what it prints can be replayed by a later run of
   * the same command (bin/replay.cjs). Unset for a fake terminal.
   */
  replayable?: boolean;
}

/**
 * The no-color.org convention: NO_COLOR set to anything non-empty turns colours off; FORCE_COLOR turns
 * them on (for CI logs that render ANSI); otherwise colours only when the stream is a terminal.
 */
export function useColor(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return Boolean(isTTY) && env.TERM !== 'dumb';
}

export function defaultIo(): Io {
  const env = process.env;
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    color: useColor(env, process.stderr.isTTY && process.stdout.isTTY),
    tty: Boolean(process.stdout.isTTY) && env.TERM !== 'dumb',
    env,
    replayable: true,
  };
}
