// The terminal reporter against a fake terminal: the progress line is redrawn in place (`\r`) only on a
// TTY, never in a log; --quiet silences results but not problems; colours follow the Io's decision.
import { describe, expect, it } from 'vitest';
import type { Artifact } from '../../src/build/build.js';
import { diagnostic } from '../../src/diagnostics/catalogue.js';
import { useColor, type Io } from '../../src/cli/io.js';
import { Reporter } from '../../src/cli/reporter.js';

function fakeIo(tty: boolean, color = false): Io & { out: string; err: string } {
  const io = { out: '', err: '', cwd: '/p', color, tty, env: {}, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

const artifact = (path: string, cached = false): Artifact => ({ path, format: 'pdf', lang: 'ru', sources: [], sha256: '0', bytes: 68_000, ms: 112, cached });
const warning = diagnostic('stray-file', { name: 'x.txt' }, { file: '/p/content/x.txt', line: 1, column: 1 });

describe('Reporter', () => {
  it('on a terminal: one progress line redrawn with \\r, cleared before each artifact line', () => {
    const io = fakeIo(true);
    const r = new Reporter(io, { quiet: false, verbose: false, reporter: 'text' });
    r.progress('rendering… 1 of 3');
    r.progress('rendering… 2 of 3');
    r.artifact(artifact('handouts/dubna-la-crosse.pdf'));
    r.progress('rendering… 3 of 3');
    r.clearProgress();
    expect(io.out).toBe(
      '\r\x1b[Krendering… 1 of 3\r\x1b[Krendering… 2 of 3\r\x1b[K' +
        `  ${'handouts/dubna-la-crosse.pdf'.padEnd(44)}    66 KB  112 ms\n` +
        '\r\x1b[Krendering… 3 of 3\r\x1b[K',
    );
  });

  it('in a log (not a TTY): no progress at all, plain artifact lines; cached ones say so', () => {
    const io = fakeIo(false);
    const r = new Reporter(io, { quiet: false, verbose: false, reporter: 'text' });
    r.progress('rendering… 1 of 3');
    r.artifact(artifact('deck.pdf', true));
    expect(io.out).toBe(`  ${'deck.pdf'.padEnd(44)}    66 KB  cached\n`);
    expect(io.out).not.toContain('\r');
  });

  it('--quiet: no progress, no artifacts, no success line, no empty summary; problems still shown', () => {
    const io = fakeIo(true);
    const r = new Reporter(io, { quiet: true, verbose: false, reporter: 'text' });
    r.progress('x');
    r.artifact(artifact('deck.pdf'));
    r.success('built');
    r.diagnostics([]);
    expect(io.out + io.err).toBe('');
    r.diagnostics([warning]);
    expect(io.err).toBe('content/x.txt:1:1: warning: ignored: x.txt is not a Markdown file [stray-file]\n  hint: pictures and other files belong in content/assets/\n0 errors, 1 warning\n');
  });

  it('--verbose shows info diagnostics and detail lines; the default hides them', () => {
    const info = diagnostic('stray-file', { name: 'y' }, { file: '/p/y', line: 2, column: 1 }, 'info');
    const quietIo = fakeIo(false);
    new Reporter(quietIo, { quiet: false, verbose: false, reporter: 'text' }).diagnostics([info]);
    expect(quietIo.err).toBe('0 errors, 0 warnings\n');
    const io = fakeIo(false);
    const r = new Reporter(io, { quiet: false, verbose: true, reporter: 'text' });
    r.detail('config: council-press.config.json');
    r.diagnostics([info]);
    expect(io.out).toBe('config: council-press.config.json\n');
    expect(io.err).toContain('y:2:1: info: ');
  });

  it('colours: ANSI only when the Io says so', () => {
    const plain = fakeIo(false, false);
    new Reporter(plain, { quiet: false, verbose: false, reporter: 'text' }).success('built');
    expect(plain.out).toBe('✓ built\n');
    const coloured = fakeIo(false, true);
    new Reporter(coloured, { quiet: false, verbose: false, reporter: 'text' }).success('built');
    expect(coloured.out).toMatch(/\x1b\[\d+m/);
  });

  it('useColor: NO_COLOR wins, FORCE_COLOR forces, otherwise only on a terminal', () => {
    expect(useColor({}, true)).toBe(true);
    expect(useColor({}, false)).toBe(false);
    expect(useColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(useColor({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(useColor({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: '0' }, true)).toBe(true);
    expect(useColor({ TERM: 'dumb' }, true)).toBe(false);
  });
});
