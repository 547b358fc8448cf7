/**
 * parseMarkdownCached must be indistinguishable from parseMarkdown: same nodes, same positions
 * (line, column, offset), for any document — including those where a `---` is not a top-level
 * break (setext underline, fenced code, an HTML comment over several lines, a list item) — and
 * every call hands out a tree of its own. Property test over documents assembled from awkward
 * pieces (fixed seed), then the real 300-slide deck Markdown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Root } from 'mdast';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { clearMarkdownCache, markdownCacheStats, parseMarkdown, parseMarkdownCached, splitAtThematicBreaks } from '../../src/markdown/index.js';
import { loadAll } from '../../src/build/load-all.js';
import { deckContext, flowContext } from '../../src/templates/context.js';
// @ts-expect-error the bench corpus generator is plain JavaScript
import { writeCorpus } from '../../bench/corpus.mjs';

const PIECES = [
  'Текст абзаца с *курсивом* и **жирным**, `код`.',
  'Второй абзац\nв две строки',
  '---',
  '***',
  '___',
  '- - -',
  '   ---',
  '\t---',
  '----  ',
  'Заголовок\n---',
  'Заголовок\n===',
  '# Заголовок первого уровня',
  '```\n\n---\n\n```',
  '```js\nconst a = 1;\n\n---\n```',
  '~~~~\na\n\n***\n~~~~',
  '```\n\n---',
  '```',
  '~~~',
  '<!--\n\n---\n\n-->',
  '<!-- x\n---\n-->',
  '<!--',
  '-->',
  '<!-->',
  '<!--cp:embed:3-->',
  '<!-- layout: partnership -->',
  '<!-- facts -->',
  '<!-- pagebreak -->',
  '<!-- a --->',
  '<!---->',
  '<!--->-->',
  '<!-- a --> b -->',
  '<!-- <!-- -->',
  '<!-- x -->\nленивая строка',
  '<!-- x -->\n===',
  '<!-- x -->\n| a |\n| - |',
  '<pre>\n\n---\n</pre>',
  '<script>\n\n---\n\n</script>',
  '<style>\n\n___\n</style>',
  '<textarea>\n\n---\n</textarea>',
  '<div>\n\n---\n</div>',
  '<?php\n\n---\n?>',
  '<![CDATA[\n\n---\n]]>',
  '</pre>',
  '- пункт\n- пункт\n\n  ---\n- пункт',
  '- пункт\n\n---',
  '1. один\n2. два\n\n   ```\n\n---\n   ```',
  '* звезда\n\n  > цитата\n  >\n  > ---',
  '- **Город-побратим:** Ричмонд, штат Индиана\n- **С года:** 1988',
  '| Год | Значение |\n| --- | ---: |\n| 1990 | 5 |',
  '| a |\n| - |',
  '> цитата\n>\n> ---\n> ещё',
  '> цитата',
  '    отступ кода\n\n    ---',
  '[x]: https://example.org',
  '[x] и [y][x]',
  '[^1]: сноска',
  'Сноска[^1] и [ссылка](https://example.org)',
  '\ufeff',
  'строка с\tтабуляцией\t---',
  'a\\\n---',
  '',
];
const JOINERS = ['\n', '\n\n', '\n\n\n', '\r\n\r\n', '\n \n', ''];

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 1, arbitrary: fc.stringMatching(/^[-*_`~<>!\[\]:| \ta\n]{0,12}$/) },
);
const documentArb = fc
  .array(fc.tuple(piece, fc.constantFrom(...JOINERS)), { maxLength: 24 })
  .map((parts) => parts.map(([text, joiner]) => text + joiner).join(''));

/** Every object in a tree, to check that two results share none. */
function objects(node: unknown, out = new Set<object>()): Set<object> {
  if (node && typeof node === 'object') {
    out.add(node);
    for (const value of Object.values(node)) objects(value, out);
  }
  return out;
}

function scribble(root: Root): void {
  const walk = (node: { position?: { start: { line: number } }; children?: unknown[]; value?: string }) => {
    if (node.position) node.position.start.line = -1;
    if (typeof node.value === 'string') node.value += '!';
    node.children?.forEach((child) => walk(child as typeof node));
  };
  walk(root);
  root.children.push({ type: 'thematicBreak' });
}

function expectSameAsWhole(text: string): void {
  const whole = parseMarkdown(text);
  const first = parseMarkdownCached(text);
  expect(first).toStrictEqual(whole);
  const second = parseMarkdownCached(text);
  expect(second).toStrictEqual(whole);
  const shared = [...objects(first)].filter((o) => objects(second).has(o));
  expect(shared).toEqual([]);
  scribble(first);
  expect(parseMarkdownCached(text)).toStrictEqual(whole);
}

describe('parseMarkdownCached equals a whole parse', () => {
  beforeEach(() => clearMarkdownCache());

  it('on documents assembled from pieces where --- means different things', () => {
    let split = 0;
    fc.assert(
      fc.property(documentArb, (text) => {
        if (splitAtThematicBreaks(text).length > 1) split++;
        expectSameAsWhole(text);
      }),
      { seed: 20260601, numRuns: 200 },
    );
    // The property must have exercised the chunked path, not only the whole-parse fallback.
    expect(split).toBeGreaterThan(50);
    expect(markdownCacheStats().hits).toBeGreaterThan(0);
  });

  it('handles the edge cases one by one', () => {
    for (const text of ['', '\n', '---', '---\n', 'a\n\n---\n', 'a\n\n---\n\n', '\ufeffa\n\n---\nb', 'a\n\n---\n\ufeffb', 'a\r\n\r\n---\r\nb\r\n', 'a\r\r---\rb', '```\n\n---\nx', '<!--\n\n---\n-->\n\n---\nb']) {
      expectSameAsWhole(text);
    }
  });

  it('falls back to one whole parse when a definition could link across slides', () => {
    const text = '[x]\n\n---\n\n[x]: https://example.org\n';
    expectSameAsWhole(text);
    expect(parseMarkdownCached(text).children[0]).toMatchObject({ type: 'paragraph', children: [{ type: 'link', url: 'https://example.org' }] });
    expect(markdownCacheStats().wholeParses).toBeGreaterThan(0);
  });
});

describe('the real deck and combined handout Markdown (300 partnerships)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'council-press-md-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parse into the whole-parse tree, and an edited slide reuses every other slide', () => {
    clearMarkdownCache();
    writeCorpus(dir, 300, process.cwd());
    const loaded = loadAll({ contentDir: dir, templatesDir: join(process.cwd(), 'templates') });
    const edition = loaded.project!.editions.ru!;
    const markdown = loaded.templates!.render('deck', 'ru', deckContext(edition, loaded.brand!));
    expect(markdown.length).toBeGreaterThan(50_000);
    const chunks = splitAtThematicBreaks(markdown);
    expect(chunks.length).toBeGreaterThan(300);
    expect(parseMarkdownCached(markdown)).toStrictEqual(parseMarkdown(markdown));

    const title = markdown.indexOf('\n# ', markdown.length / 2);
    const edited = `${markdown.slice(0, title)}\n# Изменённый слайд${markdown.slice(title)}`;
    const before = markdownCacheStats();
    expect(parseMarkdownCached(edited)).toStrictEqual(parseMarkdown(edited));
    const after = markdownCacheStats();
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(chunks.length - 1);

    // The combined handout has no slide breaks: it is cut after its `<!-- pagebreak -->` lines.
    const handout = loaded.templates!.render('councilHandout', 'ru', flowContext(edition, loaded.brand!));
    expect(splitAtThematicBreaks(handout).length).toBeGreaterThan(300);
    expect(parseMarkdownCached(handout)).toStrictEqual(parseMarkdown(handout));
    expect(markdownCacheStats().wholeParses).toBe(0);
  });
});
