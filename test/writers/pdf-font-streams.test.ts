// Embedded font files remembered per glyph set (src/writers/pdf/font-stream-cache.ts): a handout
// whose subsets come from the cache (another handout with the same italic and bold text was made
// first) is byte for byte the handout a fresh process makes with every cache empty, its fonts are
// embedded subsets with ToUnicode maps, and qpdf finds the streams sound. The upright faces start
// with the common glyphs (common-glyphs.ts), so text of other common letters keeps the same subset.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../src/document/model.js';
import { flowToPdf } from '../../src/writers/pdf/index.js';
import { REPO_ROOT } from '../support/fontconfig.js';
import { buildInFreshProcess } from '../support/fresh-process.js';
import { pdfFonts, pdfText, qpdfCheck, requirePopplerOrSkip } from '../support/poppler.js';
import { COUNCIL_MESSAGE, handout, testBrand } from './pdf-fixtures.js';

const OUT = join(REPO_ROOT, 'test/.out/pdf-font-streams');
const OPTIONS = { labels: { page: 'Стр.', of: 'из' }, pullQuote: COUNCIL_MESSAGE, commonGlyphs: true };

/** The fixture handout with one more plain paragraph. */
function withParagraph(text: string): FlowDocument {
  const doc = handout();
  return { ...doc, blocks: [...doc.blocks, { kind: 'paragraph', runs: [{ text }] }] };
}

/** Only common letters: the same subsets as the fixture's. */
const sibling = (): FlowDocument => withParagraph('Щедрый эхолот: ёжик, цапля, фуэте.');
/** An «é» and an «ї», outside the common glyphs: a regular subset of its own. */
const foreign = (): FlowDocument => withParagraph('Кафе «Café», Київ.');

/** The raw (still compressed) bytes of each embedded font file, by font name (pdfkit writes objects uncompressed). */
function fontFiles(file: string): Map<string, string> {
  const pdf = readFileSync(file).toString('latin1');
  const out = new Map<string, string>();
  for (const m of pdf.matchAll(/\/FontName \/([A-Z]{6}\+[\w-]+)[^>]*?\/FontFile2 (\d+) 0 R/g)) {
    const obj = new RegExp(`\\n${m[2]} 0 obj\\n<<[^]*?/Length (\\d+)[^]*?>>\\nstream\\n`).exec(pdf);
    expect(obj, `font file object ${m[2]}`).not.toBeNull();
    const start = obj!.index + obj![0].length;
    out.set(m[1]!.slice(7), pdf.slice(start, start + Number(obj![1])));
  }
  return out;
}

describe('font streams remembered per glyph set', () => {
  it('gives the bytes a fresh process gives, with sound, extractable fonts', async (ctx) => {
    requirePopplerOrSkip(ctx, { qpdf: true });
    mkdirSync(OUT, { recursive: true });
    const brand = await testBrand();
    const first = join(OUT, 'sibling.pdf');
    writeFileSync(first, (await flowToPdf(sibling(), brand, OPTIONS)).data);
    const cached = (await flowToPdf(handout(), brand, OPTIONS)).data;
    const second = join(OUT, 'handout.pdf');
    writeFileSync(second, cached);

    const child = buildInFreshProcess('test/writers/pdf-child-build.ts');
    expect(child.status, child.stderr).toBe(0);
    expect(child.data?.equals(cached)).toBe(true);
    // The same bytes as pdfkit writes them itself, without gathered-writes.ts (a pdfkit upgrade
    // that changes what those patches rely on shows here).
    const plain = buildInFreshProcess('test/writers/pdf-child-build.ts', { ...process.env, COUNCIL_PRESS_PLAIN_PDFKIT: '1' });
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.data?.equals(cached)).toBe(true);

    // Every font file is the same stream in both documents, the regular one too: other letters,
    // but all of them common ones. A letter outside them makes a regular subset of its own.
    const third = join(OUT, 'foreign.pdf');
    writeFileSync(third, (await flowToPdf(foreign(), brand, OPTIONS)).data);
    const a = fontFiles(first);
    const b = fontFiles(second);
    const c = fontFiles(third);
    expect([...b.keys()].sort()).toEqual(['PTSans-Bold', 'PTSans-Italic', 'PTSans-Regular']);
    for (const face of ['PTSans-Italic', 'PTSans-Bold', 'PTSans-Regular']) expect(b.get(face), face).toBe(a.get(face));
    expect(c.get('PTSans-Bold')).toBe(a.get('PTSans-Bold'));
    expect(c.get('PTSans-Regular')).not.toBe(a.get('PTSans-Regular'));

    for (const file of [first, second, third]) {
      expect(qpdfCheck(file).ok).toBe(true);
      for (const font of pdfFonts(file)) {
        expect(font.embedded && font.subset && font.unicode, font.name).toBe(true);
      }
    }
    const text = pdfText(second).replace(/\s+/g, ' ');
    expect(text).toContain('Муниципальная дипломатия');
    expect(pdfText(first)).toContain('Щедрый эхолот: ёжик, цапля, фуэте.');
    expect(pdfText(third)).toContain('Кафе «Café», Київ.');
  });
});
