import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/content/frontmatter.js';
import { parseContentFile } from '../../src/content/parse-file.js';
import { partnershipSchema } from '../../src/schema/partnership.js';
import { setMessagesLanguage } from '../../src/diagnostics/catalogue.js';

setMessagesLanguage('en');
const dir = mkdtempSync(join(tmpdir(), 'council-press-fm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixtures = join(process.cwd(), 'test/fixtures/bad-input/3-language');

describe('front-matter languages are never evaluated', () => {
  it.each(['js.md', 'javascript.md', 'coffee.md', 'space-js.md'])('%s: refused, and the file its payload writes does not exist', (name) => {
    const text = readFileSync(join(fixtures, name), 'utf8');
    const target = text.match(/\/tmp\/council-press-pwned-[a-z-]+/)![0];
    rmSync(target, { force: true });
    const r = parseContentFile(join(fixtures, name), partnershipSchema, { maxBytes: 1 << 20 });
    expect(r.data).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['frontmatter-language']);
    expect(existsSync(target)).toBe(false);
  });

  it('the js payload is live: gray-matter with its defaults would have run it (why we never hand it the text)', () => {
    const matter = createRequire(import.meta.url)('gray-matter') as (s: string, o: object) => { data: unknown };
    const target = join(dir, 'proof-that-the-payload-runs');
    const text = readFileSync(join(fixtures, 'js.md'), 'utf8').replace('/tmp/council-press-pwned-js', target);
    matter(text, {});
    expect(existsSync(target)).toBe(true);
    // Ours, on the same text: refused, nothing written.
    const target2 = join(dir, 'ours');
    const ours = splitFrontMatter(text.replace(target, target2), 'x.md');
    expect(ours.split).toBeUndefined();
    expect(ours.diagnostics[0]!.code).toBe('frontmatter-language');
    expect(existsSync(target2)).toBe(false);
  });
});

describe('splitFrontMatter', () => {
  it('returns the YAML, the body and where the body starts', () => {
    const r = splitFrontMatter('---\na: 1\nb: 2\n---\n\nТекст.\n', 'f.md');
    expect(r.diagnostics).toEqual([]);
    expect(r.split).toEqual({ dataText: 'a: 1\nb: 2', bodyText: '\nТекст.\n', bodyStartLine: 5, fenceLine: 1, bodyEmpty: false });
  });
  it('accepts trailing spaces on the fences and a thematic break in the body', () => {
    const r = splitFrontMatter('---  \na: 1\n--- \nText\n\n---\n\nMore\n', 'f.md');
    expect(r.split!.dataText).toBe('a: 1');
    expect(r.split!.bodyText).toBe('Text\n\n---\n\nMore\n');
  });
  it('an unclosed front matter is an error at line 1', () => {
    expect(splitFrontMatter('---\na: 1\n', 'f.md').diagnostics.map((d) => [d.code, d.position?.line])).toEqual([['frontmatter-unclosed', 1]]);
  });
  it('`---yaml` is a language tag too (only a bare fence is read)', () => {
    expect(splitFrontMatter('---yaml\na: 1\n---\n', 'f.md').diagnostics[0]!.code).toBe('frontmatter-language');
  });
  it('a horizontal rule of four dashes is not front matter', () => {
    expect(splitFrontMatter('----\ntext\n', 'f.md').diagnostics[0]!.code).toBe('no-frontmatter');
  });
});
