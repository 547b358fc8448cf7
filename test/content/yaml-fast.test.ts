/**
 * Issue 6: the fast reading of plain front matter (src/content/yaml-fast.ts) must be the yaml
 * package's reading wherever it answers: same value (key order included), no diagnostics, and the
 * same position for every path a later check may ask about (present, missing, past a scalar).
 * Whatever it does not answer goes to the yaml package, so only agreement is tested here, plus that
 * it does answer for the ordinary shapes (or it would speed nothing up).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFastYaml } from '../../src/content/yaml-fast.js';
import { parseYamlWithPositions, type KeyPath } from '../../src/content/yaml.js';

/** Every path into `value`, plus paths that miss: an unknown key, an index past the end, a step past a scalar. */
function paths(value: unknown, prefix: KeyPath = []): KeyPath[] {
  const out: KeyPath[] = [prefix, [...prefix, 'nope'], [...prefix, 7], [...prefix, 0]];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/** Asserts agreement; returns whether the fast reading answered. */
function agrees(text: string, lineOffset = 1): boolean {
  const fast = parseFastYaml(text);
  if (!fast) return false;
  const a = parseYamlWithPositions(text, 'f.md', lineOffset);
  const b = parseYamlWithPositions(text, 'f.md', lineOffset, { fast: false });
  expect(b.diagnostics, text).toEqual([]);
  expect(a.diagnostics).toEqual([]);
  expect(JSON.stringify(a.value), text).toBe(JSON.stringify(b.value));
  for (const path of paths(b.value)) {
    expect(a.positionOf(path), `${text}\npositionOf ${JSON.stringify(path)}`).toEqual(b.positionOf(path));
    expect(a.keyPositionOf(path), `${text}\nkeyPositionOf ${JSON.stringify(path)}`).toEqual(b.keyPositionOf(path));
  }
  return true;
}

const plainScalars = ['Серпухов', 'Ла-Кросс', '1990', '0', '12:30', 'C#', '«Открытый мир»', 'Договор о побратимстве', '1 990', 'Ёлка, ель', 'а — б', 'x,y', '2²', '1-й', 'x]', 'yes'];
const plainKeys = ['city', 'since', 'order', 'images', 'src', 'alt', 'label', 'a_b', 'Key2'];
const scalars = [
  'Серпухов', 'Ла-Кросс', '1990', '0', '0123', '1.5', '1e3', '-5', '+5', 'null', 'Null', '~', 'true', 'False', 'yes', 'no', '.inf', '0x1F', '0o17',
  '12:30', 'a: b', 'a:', 'x #c', 'C#', '«Открытый мир»', 'Договор о побратимстве', '1 990', '99999999999999999999', 'Ёлка, ель', '[a]', '{b}', "'q'", '"q"',
  '&a', '*a', '!t x', '|', '>', '- x', '? x', '%x', '@x', '`x`', 'a\tb', 'a\u00a0', '\u00a0a', 'a  ', 'а — б', 'x,y', 'x]', '2²', '1-й',
];
const keys = ['city', 'since', 'order', 'images', 'src', 'alt', 'label', 'null', 'true', '__proto__', 'a_b', 'Key2', '2020', 'k-k', 'ключ'];

/** Mostly keys and values the fast reading takes, now and then one it must leave to yaml. */
const key = fc.oneof({ arbitrary: fc.constantFrom(...plainKeys), weight: 30 }, { arbitrary: fc.constantFrom(...keys), weight: 1 });
type Doc = { kind: 'scalar'; text: string } | { kind: 'map'; pairs: [string, Doc][] } | { kind: 'seq'; items: Doc[] };
const doc: fc.Arbitrary<Doc> = fc.letrec<{ node: Doc }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof({ arbitrary: fc.constantFrom(...plainScalars), weight: 30 }, { arbitrary: fc.constantFrom(...scalars), weight: 1 }).map((text) => ({ kind: 'scalar' as const, text })),
    fc.uniqueArray(fc.tuple(key, tie('node')), { minLength: 1, maxLength: 4, selector: ([k]) => k }).map((pairs) => ({ kind: 'map' as const, pairs })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => ({ kind: 'seq' as const, items })),
  ),
})).node;

/** Block YAML for a map at `indent`; `style` varies spaces, list indent, comments and blank lines. */
function render(pairs: [string, Doc][], indent: number, style: number[]): string[] {
  const s = (k: number) => style[k % style.length]!;
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  pairs.forEach(([key, value], n) => {
    if (s(n) === 7) out.push('');
    if (s(n + 1) === 6) out.push(`${pad}# комментарий`);
    const colon = ' '.repeat(1 + (s(n + 2) % 3 === 0 ? 2 : 0));
    if (value.kind === 'scalar') out.push(`${pad}${key}:${colon}${value.text}${s(n + 3) === 5 ? ' # note' : ''}`);
    else {
      out.push(`${pad}${key}:${s(n + 4) === 4 ? ' # about' : ''}`);
      const inner = indent + (value.kind === 'seq' && s(n + 5) === 3 ? 0 : 1 + (s(n + 6) % 3));
      out.push(...renderNode(value, inner, style.slice(1).concat(style[0]!)));
    }
  });
  return out;
}
function renderNode(node: Doc, indent: number, style: number[]): string[] {
  const pad = ' '.repeat(indent);
  if (node.kind === 'scalar') return [`${pad}${node.text}`];
  if (node.kind === 'map') return render(node.pairs, indent, style);
  return node.items.flatMap((item, n) => {
    const gap = ' '.repeat(1 + (style[n % style.length]! % 2));
    if (item.kind === 'scalar') return [`${pad}-${gap}${item.text}`];
    if (item.kind === 'map') {
      const lines = render(item.pairs, indent + 1 + gap.length, style);
      const first = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
      lines[first] = `${pad}-${gap}${lines[first]!.trimStart()}`;
      return lines;
    }
    return [`${pad}-`, ...renderNode(item, indent + 2, style)];
  });
}

describe('the fast front-matter reading', () => {
  it('answers for the ordinary shapes, as yaml does', () => {
    const plain = ['city: Серпухов', 'since: 1990', 'programmes:', '  - «Открытый мир»', '  - образование', 'order: 1'].join('\n');
    expect(agrees(plain)).toBe(true);
    const nested = [
      'city: Дубна # город',
      'images:',
      '- src: assets/a.jpg',
      '  alt: Фото',
      'timeline:',
      '  label: Обмены',
      '  points:',
      '    - year: 1991',
      '      value: 12',
      '',
      '    - year: 1992',
      '      value: 30',
      'director:',
      '   name: Иванов',
      '   title: Председатель',
    ].join('\n');
    expect(agrees(nested, 1)).toBe(true);
    expect(agrees(nested, 5)).toBe(true);
  });

  it('leaves quotes, flow lists, empty values, odd indents and duplicates to yaml', () => {
    for (const text of ['city: "Серпухов"', 'programmes: [a, b]', 'since:', 'city: a\n  continued', 'a: 1\na: 2', 'a: 1\n b: 2', 'a:\n\tb: 1', '', 'since: 1990.0', 'a: x\n---\nb: y']) {
      expect(parseFastYaml(text), text).toBeUndefined();
    }
  });

  it('agrees with yaml on generated documents', () => {
    let answered = 0;
    let total = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(key, doc), { minLength: 1, maxLength: 5, selector: ([k]) => k }),
        fc.array(fc.nat(9), { minLength: 1, maxLength: 6 }),
        fc.nat(4),
        (pairs, style, lineOffset) => {
          total++;
          if (agrees(render(pairs, 0, style).join('\n'), lineOffset)) answered++;
        },
      ),
      { numRuns: 1500 },
    );
    console.log(`generated: ${answered} of ${total}`);
    // Enough of them are plain that the comparison means something.
    expect(answered).toBeGreaterThan(total / 10);
  });

  it('agrees with yaml after random edits of a real front matter', () => {
    const base = ['city: Серпухов', 'since: 1990', 'programmes:', '  - «Открытый мир»', 'images:', '  - src: a.jpg', '    alt: Фото', 'order: 1'].join('\n');
    let answered = 0;
    fc.assert(
      fc.property(fc.nat(base.length), fc.constantFrom('', ' ', '  ', '-', ':', '#', '\n', 'x', '- ', ': ', '\n  '), fc.nat(3), (at, insert, cut) => {
        if (agrees(base.slice(0, at) + insert + base.slice(at + cut))) answered++;
      }),
      { numRuns: 1500 },
    );
    expect(answered).toBeGreaterThan(150);
  });

  it('agrees with yaml on every front matter of the fixtures and the shipped content', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.md')) files.push(path);
      }
    };
    walk(join(process.cwd(), 'content'));
    walk(join(process.cwd(), 'test/fixtures'));
    let answered = 0;
    for (const file of files) {
      const m = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(file, 'utf8').replace(/\r\n?/g, '\n'));
      if (m && agrees(m[1]!)) answered++;
    }
    console.log(`fixtures: ${answered} of ${files.length}`);
    expect(answered).toBeGreaterThan(10);
  });
});
