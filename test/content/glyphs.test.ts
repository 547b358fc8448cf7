/**
 * Issue 6: the glyph check's fast path (a table of the characters every face maps, scanned with
 * charCodeAt) reports exactly what the per-character check it replaced reported: same lines, columns,
 * runs, names and code points; and brandGlyphCheck is built once while the brand stays the same.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { brandGlyphCheck, glyphCheck, type CodePointSet, type GlyphCheck } from '../../src/content/glyphs.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { diagnostic } from '../../src/diagnostics/catalogue.js';
import { mappedCodePoints } from '../../src/layout/cmap.js';
import { loadBrand } from '../../src/templates/brand.js';

const templatesDir = join(process.cwd(), 'templates');
const tmp = mkdtempSync(join(tmpdir(), 'council-press-glyphs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The check as it was before the fast path (commit f69bea0), kept verbatim as the reference. */
function referenceCheck(faces: readonly CodePointSet[], family: string): GlyphCheck {
  const INVISIBLE: Record<number, string> = {
    0x202f: 'narrow no-break space', 0x2009: 'thin space', 0x200a: 'hair space', 0x2007: 'figure space', 0x2060: 'word joiner',
    0x200b: 'zero-width space', 0x200c: 'zero-width non-joiner', 0x200d: 'zero-width joiner', 0x00a0: 'no-break space', 0xfe0f: 'emoji variation selector',
  };
  const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return (text, file, firstLine = 1) => {
    const out: Diagnostic[] = [];
    text.split('\n').forEach((line, i) => {
      let run: { column: number; chars: string[]; cps: number[] } | undefined;
      const flush = () => {
        if (!run) return;
        const char = run.chars.length === 1 ? (INVISIBLE[run.cps[0]!] ?? run.chars[0]!) : run.chars.join('');
        const codepoint = run.cps.slice(0, 4).map(hex).join(' ') + (run.cps.length > 4 ? ' …' : '');
        out.push(diagnostic('missing-glyph', { font: family, char, codepoint, count: run.cps.length }, { file, line: firstLine + i, column: run.column }));
        run = undefined;
      };
      let column = 1;
      for (const ch of line) {
        const cp = ch.codePointAt(0)!;
        const control = cp < 0x20 || cp === 0x7f || (cp === 0xfeff && i === 0 && column === 1);
        if (!control && !faces.every((f) => f.has(cp))) {
          run ??= { column, chars: [], cps: [] };
          run.chars.push(ch);
          run.cps.push(cp);
        } else flush();
        column += ch.length;
      }
      flush();
    });
    return out;
  };
}

const brand = loadBrand(templatesDir);
const { regular, bold, italic, boldItalic } = brand.fonts.files;
const brandFaces = [regular, bold, italic, boldItalic].map((f) => mappedCodePoints(f)!);
/** Faces that differ: only what all share counts; one is not a Set (the generic table path). */
const oddFaces: CodePointSet[] = [new Set([...'абвгдеёжз abc.,«»—😀'].map((c) => c.codePointAt(0)!)), { has: (cp) => cp !== 0x0431 && cp !== 0x1f600 }];

const cases: [string, string][] = [
  ['clean Russian prose', 'Договор о побратимстве — «Открытый мир», 1990–1995 гг.\nВторая строка.\n'],
  ['emoji (astral) mid-line', 'Дружба 🤝 городов\nи 🎉 праздник'],
  ['astral run and a ZWJ sequence', 'Семья: 👨‍👩‍👧 и 🇷🇺🇺🇸 флаги'],
  ['CJK run of more than four', '城市: 友好城市友好 и 友'],
  ['invisible spaces named', 'a\u202Fb\u00A0c\u2009d\u200Be\uFE0F'],
  ['BOM only at the very start is allowed', '\uFEFFтекст\n\uFEFFещё \uFEFF'],
  ['controls and tabs', 'a\tb\rc\u007Fd\u0001e'],
  ['lone surrogates', 'a\uD83Db \uDC00c \uD83D'],
  ['misses at the start and end of lines', '★начало\nконец★\n★\n\n★★'],
  ['empty', ''],
];

describe('glyph check fast path', () => {
  it.each(cases)('gives the reference diagnostics: %s', (_, text) => {
    for (const [faces, family] of [
      [brandFaces, brand.fonts.family],
      [oddFaces, 'Odd'],
      [[...oddFaces].reverse(), 'Odd first not a Set'],
      [[], 'None'],
    ] as const) {
      for (const firstLine of [1, 12]) {
        expect(glyphCheck(faces, family)(text, 'x.md', firstLine)).toEqual(referenceCheck(faces, family)(text, 'x.md', firstLine));
      }
    }
  });

  it('names the columns where the author typed them (astral characters count two units)', () => {
    const got = glyphCheck(brandFaces, 'PT Sans')('ok\nа 🤝 б 友好 в\u202F', 'f.md');
    expect(got.map((d) => [d.position!.line, d.position!.column, d.message])).toEqual([
      [2, 3, 'the font PT Sans has no character "🤝" (U+1F91D)'],
      [2, 8, 'the font PT Sans has no characters "友好" (U+53CB U+597D)'],
      [2, 12, 'the font PT Sans has no character "narrow no-break space" (U+202F)'],
    ]);
  });

  it('agrees with the reference on random text mixing drawn and missing characters', () => {
    const alphabet = [...'аб ё\nxZ.«»—\t', '\uFEFF', '\u202F', '\u00A0', '😀', '🤝', '友', '★', '\uD83D', '\uDC00', '\r', 'ß', 'Ω'];
    const fast = glyphCheck(brandFaces, 'PT Sans');
    const slow = referenceCheck(brandFaces, 'PT Sans');
    const odd = glyphCheck(oddFaces, 'Odd');
    const oddSlow = referenceCheck(oddFaces, 'Odd');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(fast(text, 'r.md')).toEqual(slow(text, 'r.md'));
        expect(odd(text, 'r.md', 3)).toEqual(oddSlow(text, 'r.md', 3));
      }),
      { numRuns: 400 },
    );
  });
});

describe('brandGlyphCheck', () => {
  it('is built once while the brand is unchanged, and again when brand.yaml or a font file changes', () => {
    const dir = join(tmp, 'templates');
    cpSync(templatesDir, dir, { recursive: true });
    // A font of its own, so its modification time can change without touching node_modules.
    cpSync(regular, join(dir, 'regular.ttf'));
    const brandFile = join(dir, 'brand.yaml');
    const text = readFileSync(brandFile, 'utf8');
    writeFileSync(brandFile, text.replace(/regular: ".*"/, 'regular: "./regular.ttf"'));

    const first = brandGlyphCheck(dir)!;
    expect(first).toBeDefined();
    expect(brandGlyphCheck(dir)).toBe(first);

    const font = join(dir, 'regular.ttf');
    const { atime, mtime } = statSync(font);
    utimesSync(font, atime, new Date(mtime.getTime() + 5000));
    const afterFont = brandGlyphCheck(dir)!;
    expect(afterFont).not.toBe(first);
    expect(brandGlyphCheck(dir)).toBe(afterFont);

    writeFileSync(brandFile, readFileSync(brandFile, 'utf8').replace('family: PT Sans', 'family: PT Sans Council'));
    const renamed = brandGlyphCheck(dir)!;
    expect(renamed).not.toBe(afterFont);
    expect(renamed('★', 'f.md')[0]!.message).toBe('the font PT Sans Council has no character "★" (U+2605)');

    // A broken brand is not remembered: fixing it is seen at once.
    writeFileSync(brandFile, 'colors: [');
    expect(brandGlyphCheck(dir)).toBeUndefined();
    writeFileSync(brandFile, text);
    expect(brandGlyphCheck(dir)!('★', 'f.md')[0]!.message).toBe('the font PT Sans has no character "★" (U+2605)');
  });
});
