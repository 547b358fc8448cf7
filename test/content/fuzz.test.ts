/**
 * Bad input never escapes as an exception: random edits of a valid partnership file always end in a
 * parsed file or in diagnostics with positions inside the file. Bounded runs, fixed seed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseContentFile } from '../../src/content/parse-file.js';
import { partnershipSchema } from '../../src/schema/partnership.js';
import { parseYamlWithPositions } from '../../src/content/yaml.js';

const dir = mkdtempSync(join(tmpdir(), 'council-press-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const valid = readFileSync(join(process.cwd(), 'test/fixtures/projects/good/content/partnerships/dubna-la-crosse.md'));

function parseBytes(bytes: Uint8Array) {
  const file = join(dir, 'p.md');
  writeFileSync(file, bytes);
  const r = parseContentFile(file, partnershipSchema, { maxBytes: 64 * 1024 });
  const lines = Buffer.from(bytes).toString('latin1').split(/\r\n|\r|\n/).length;
  for (const d of r.diagnostics) {
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.position!.line).toBeGreaterThanOrEqual(1);
    expect(d.position!.line).toBeLessThanOrEqual(lines + 1);
    expect(d.position!.column).toBeGreaterThanOrEqual(1);
  }
  expect(r.data !== undefined || r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  return r;
}

describe('fuzzing one content file', () => {
  it('random byte edits, truncation and insertions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete')), { maxLength: 8 }),
        fc.option(fc.nat(valid.length)),
        (edits, cut) => {
          let bytes = Buffer.from(valid);
          for (const [at, byte, op] of edits) {
            if (op === 'set') bytes[at % bytes.length] = byte;
            else if (op === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([byte]), bytes.subarray(at)]);
            else bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
          }
          parseBytes(cut === null ? bytes : bytes.subarray(0, cut));
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  });
  it('random YAML-ish lines in the front matter', () => {
    const token = fc.constantFrom('city', 'since', 'order', ':', ' ', '  ', '\t', '-', '"', "'", '&a', '*a', '[', ']', '{', '}', '#', '|', '>', '!!js/function', '1992', 'Дубна', '\n', '---', '<<');
    fc.assert(
      fc.property(fc.array(fc.array(token, { maxLength: 8 }).map((t) => t.join('')), { maxLength: 12 }), (lines) => {
        parseBytes(Buffer.from(`---\n${lines.join('\n')}\n---\n\nТекст.\n`));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
  it('`__proto__` and `constructor` keys are plain unknown fields, and nothing is polluted', () => {
    const parsed = parseYamlWithPositions('__proto__:\n  polluted: 1\nconstructor: x\n', 'f', 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const r = partnershipSchema.safeParse(parsed.value);
    expect(r.success).toBe(false);
    expect(r.error!.issues.find((i) => i.code === 'unrecognized_keys')).toMatchObject({ keys: ['__proto__', 'constructor'] });
  });
});
