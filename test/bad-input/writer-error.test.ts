/**
 * Issue 4, case 17: a thrown error in one writer. The DOCX writer is replaced (vi.mock, this file
 * only) by one that renders the first brief and throws on the second; the build, called through the
 * library API as a user's script would, fails and the previous output stays byte for byte, with no
 * staging folder or lock left beside it.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { makeProject, seedOutput, snapshot } from './project.js';

const calls = vi.hoisted(() => ({ n: 0 }));

vi.mock('../../src/writers/docx/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/writers/docx/index.js')>();
  return {
    ...real,
    flowToDocx: async (...args: Parameters<typeof real.flowToDocx>) => {
      if (++calls.n === 2) throw new Error('simulated writer failure');
      return real.flowToDocx(...args);
    },
  };
});

const { build } = await import('../../src/index.js');

describe('17. a thrown error in one writer', () => {
  it('fails the build and leaves the previous output byte for byte, with nothing left beside it', async () => {
    const p = makeProject();
    const before = await seedOutput(p);
    const outcome = await build({ cwd: p.root, outDir: 'out', cache: false }).then(
      (r) => ({ ok: r.ok, error: undefined as unknown }),
      (error: unknown) => ({ ok: false, error }),
    );
    expect(calls.n).toBeGreaterThanOrEqual(2);
    expect(outcome.ok).toBe(false);
    expect(String(outcome.error)).toMatch(/simulated writer failure/);
    expect(snapshot(p.out)).toEqual(before);
    expect(readdirSync(p.root).filter((n) => n.startsWith('.out.'))).toEqual([]);
  });
});
