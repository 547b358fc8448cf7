/**
 * parseMarkdown (markdown-it turned into mdast) against micromark, the parser it replaced, which
 * stays here as the reference: on every partnership body of a generated corpus, the shipped
 * content and documents assembled from awkward pieces, both give the same tree — node types,
 * values, list starts, table alignment, task flags, link and picture addresses, block positions
 * and the start of every link, picture and inline HTML tag. Then the choices made on purpose
 * where the two differ, one by one.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/index.js';
// @ts-expect-error the bench corpus generator is plain JavaScript
import { writeCorpus } from '../../bench/corpus.mjs';

const micromark = (text: string): Root => fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

const BLOCKS = new Set(['root', 'paragraph', 'heading', 'list', 'listItem', 'blockquote', 'code', 'html', 'thematicBreak', 'table']);
const POINTED = new Set(['link', 'image', 'html']);
const FIELDS = ['value', 'depth', 'ordered', 'start', 'url', 'alt', 'lang', 'meta', 'checked', 'align'] as const;

/** What the document stage reads of a tree: everything but the ends of inline nodes and text positions. */
function shape(node: Nodes, inBlock = true): unknown {
  const out: Record<string, unknown> = { type: node.type };
  for (const field of FIELDS) if (field in node) out[field] = (node as unknown as Record<string, unknown>)[field];
  // A soft line break is a space to the document stage, whatever spaces stand around it.
  if (node.type === 'text') out.value = node.value.replace(/[ \t\r]*\n[ \t]*/g, ' ');
  const block = inBlock && BLOCKS.has(node.type);
  const { start, end } = node.position ?? {};
  if (start && (block || POINTED.has(node.type))) out.start = `${start.line}:${start.column}:${start.offset}`;
  // Where a block ends matters to the piece memo (a break or comment on its own last line).
  if (end && block && (node.type === 'thematicBreak' || node.type === 'html' || node.type === 'root')) out.end = end.line;
  if ('children' in node) {
    const childrenInBlock = block && node.type !== 'paragraph' && node.type !== 'heading';
    const children = node.children.filter((c) => !['definition', 'footnoteDefinition', 'footnoteReference'].includes(c.type)).map((c) => shape(c, childrenInBlock) as { type: string; value?: string });
    // Texts left side by side by a dropped footnote reference read as one.
    out.children = children.reduce<typeof children>((kept, c) => {
      const last = kept[kept.length - 1];
      if (c.type === 'text' && last?.type === 'text') kept[kept.length - 1] = { ...last, value: last.value! + c.value! };
      else kept.push(c);
      return kept;
    }, []);
  }
  return out;
}

const bodyOf = (file: string) => readFileSync(file, 'utf8').split(/^---$/m).slice(2).join('---');

const PIECES = [
  'Текст абзаца с *курсивом* и **жирным**, `код`, ~~зачёркнутым~~ и ссылкой на [сайт](https://example.org "Сайт").',
  'Второй абзац\nв две строки  \nс жёстким переносом\\\nи ещё одним',
  '# Заголовок', '## Заголовок с закрывающими ##', 'Заголовок\n===', 'Заголовок\n---',
  '---', '***', '   ---', '\t---', '    отступ кода\n\n    ---',
  '```js\nconst a = 1;\n```', '~~~\nтильды\n~~~',
  '- один\n- два\n  - вложенный\n\n    абзац в пункте\n- три', '3. три\n4. четыре', '1) один', '* [ ] задача\n* [x] сделано\n* [X] тоже',
  '> цитата\n> с **жирным**\n>\n> - и списком', '> - a\n>   b [ссылка](file:///x)\n> c',
  '| Год | Значение | Примечание |\n| :-- | ---: | :-: |\n| 1990 | 5 | [x](javascript:alert(1)) |\n| 1991 | 6 | `код` |',
  '<!-- layout: partnership -->', '<!-- facts -->', '<!--\nмного\nстрок\n-->', '<div class="x">\nблок\n</div>',
  'Текст <span style="color:red">красный</span> и <img src="x" onerror="y">.',
  '![Карта](../assets/map.png) и ![**жирный** alt](a.png "t")', '<https://example.org/путь> и <a@b.co>',
  '[Серпухов](https://ru.wikipedia.org/wiki/Серпухов) и [скобки](<a b.png>)', '[ссылка](&#74;avascript:alert(2))',
  'Сноска[^1] в тексте.\n\n[^1]: Текст сноски.', 'https://example.org/a?b=1. и www.example.com, и почта a@b.co',
  '&copy; &amp; &#x41; \\* \\_', 'a\r\nb\r\n\r\n[ссылка](javascript:x)\r\n', '\ufeffТекст с BOM и [ссылкой](file:///x)',
];

/**
 * micromark read a list that starts at 3 after an indented code block and a blank line as a
 * paragraph; CommonMark's reference (commonmark.js) and markdown-it read a list. Tested below.
 */
const MICROMARK_SLIPS = /^(?:\t|    )[^\n]*(?:\n\n    ---)?\n\n3\. три/;

const dir = mkdtempSync(join(tmpdir(), 'cp-parse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseMarkdown gives the trees micromark gave', () => {
  it('on each awkward piece and on every pair of them', () => {
    const texts = [...PIECES];
    for (const a of PIECES) for (const b of PIECES) texts.push(`${a}\n\n${b}`);
    for (const text of texts.filter((t) => !MICROMARK_SLIPS.test(t))) expect(shape(parseMarkdown(text)), JSON.stringify(text)).toEqual(shape(micromark(text)));
  });

  it('on every body of the shipped content and of a 60-partnership corpus', () => {
    writeCorpus(dir, 60, process.cwd());
    const files = [
      ...readdirSync('content/partnerships').map((f) => join('content/partnerships', f)),
      'content/council.md',
      'content/council.en.md',
      ...readdirSync(join(dir, 'partnerships')).map((f) => join(dir, 'partnerships', f)),
    ];
    expect(files.length).toBeGreaterThan(60);
    for (const file of files) {
      const body = bodyOf(file);
      expect(shape(parseMarkdown(body)), file).toEqual(shape(micromark(body)));
    }
  });
});

describe('where it differs from micromark, on purpose', () => {
  const first = (text: string) => parseMarkdown(text).children[0] as Nodes;

  it('resolves a reference link to its address (micromark left a linkReference the document stage could not follow)', () => {
    expect(first('[сайт] и [там][сайт]\n\n[сайт]: https://example.org')).toMatchObject({
      type: 'paragraph',
      children: [{ type: 'link', url: 'https://example.org' }, { type: 'text', value: ' и ' }, { type: 'link', url: 'https://example.org' }],
    });
  });

  it('fills a short table row with empty cells and drops cells past the header, as the GFM spec says', () => {
    const table = first('| a | b |\n| - | - |\n| 1 |\n| 1 | 2 | 3 |');
    expect(table).toMatchObject({ type: 'table' });
    const rows = (table as { children: { children: unknown[] }[] }).children;
    expect(rows.map((row) => row.children.length)).toEqual([2, 2, 2]);
  });

  it('reads a list after an indented code block as a list (micromark read a paragraph; commonmark.js agrees with this)', () => {
    const root = parseMarkdown('    код\n\n3. три\n4. четыре');
    expect(root.children.map((n) => n.type)).toEqual(['code', 'list']);
    expect(root.children[1]).toMatchObject({ ordered: true, start: 3 });
    expect(MICROMARK_SLIPS.test('\t---\n\n3. три\n4. четыре')).toBe(true);
  });

  it('keeps a line ending’s \\r out of the text', () => {
    expect(first('a\r\nb')).toMatchObject({ type: 'paragraph', children: [{ type: 'text', value: 'a\nb' }] });
  });
});

describe('what the document stage relies on', () => {
  it('a link keeps its address as written: no percent-encoding, unsafe schemes not dropped (the document stage refuses them where they are)', () => {
    const p = parseMarkdown('[a](https://ru.wikipedia.org/wiki/Серпухов) [b](javascript:alert(1)) [c](&#74;avascript:x)').children[0] as { children: { type: string; url?: string }[] };
    expect(p.children.filter((n) => n.type === 'link').map((n) => n.url)).toEqual(['https://ru.wikipedia.org/wiki/Серпухов', 'javascript:alert(1)', 'Javascript:x']);
  });

  it('points at a link, a picture and an inline tag inside a list item, a quote and a table cell, after \\r\\n lines', () => {
    const text = 'x\r\n\r\n- пункт [a](file:///a)\r\n  и ![p](p.png)\r\n\r\n> цитата <b>\r\n\r\n| h |\r\n| - |\r\n| ячейка [c](file:///c) |\r\n';
    const found: string[] = [];
    const walk = (node: Nodes) => {
      if (POINTED.has(node.type) && node.position) found.push(`${node.type} ${node.position.start.line}:${node.position.start.column}:${node.position.start.offset}`);
      if ('children' in node) node.children.forEach(walk);
    };
    walk(parseMarkdown(text));
    const at = (needle: string) => {
      const offset = text.indexOf(needle);
      const before = text.slice(0, offset).split(/\r\n/);
      return `${before.length}:${before[before.length - 1]!.length + 1}:${offset}`;
    };
    expect(found).toEqual([`link ${at('[a]')}`, `image ${at('![p]')}`, `html ${at('<b>')}`, `link ${at('[c]')}`]);
  });
});
