// Exit code 70: a bug inside council-press (here: an exception no stage turned into diagnostics)
// gives one line that says so, the stack only with --debug, and never touches the output.
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/build/build.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/build/build.js')>();
  return {
    ...real,
    build: async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'slides')");
    },
  };
});

const { main } = await import('../../src/cli/main.js');

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), cwd: process.cwd(), color: false, tty: false, env: { ...process.env, LANG: 'C', LC_ALL: '' } },
  };
}

describe('an internal error', () => {
  it('exits 70 with one line and a hint, no stack trace', async () => {
    const { out, io: fake } = io();
    const code = await main(['build', '--out', '/nonexistent/never-written', '--no-cache'], fake);
    expect(code).toBe(70);
    expect(out.stderr).toBe(
      "council-press: internal error in council-press (a bug, not your content): Cannot read properties of undefined (reading 'slides')\n" +
        '  hint: run again with --debug and report the output\n',
    );
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('shows the stack with --debug', async () => {
    const { out, io: fake } = io();
    const code = await main(['build', '--debug', '--out', '/nonexistent/never-written', '--no-cache'], fake);
    expect(code).toBe(70);
    expect(out.stderr).toMatch(/^council-press: internal error in council-press/);
    expect(out.stderr).toMatch(/TypeError: Cannot read properties[\s\S]*\n\s+at /);
  });
});
