/**
 * Bodies are parsed once per process for a given text, even when every build hands over a
 * structured clone of the project (as worker threads get it): the cache is keyed by text, file,
 * first line and notes headings, and a hit reports the same diagnostics as a fresh parse, so a
 * job's output never depends on what the process converted before.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Embed } from '../../src/templates/embeds.js';

const calls = vi.hoisted(() => ({ parseMarkdown: [] as string[] }));
vi.mock('../../src/markdown/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/markdown/index.js')>();
  return {
    ...original,
    parseMarkdown: (text: string) => {
      calls.parseMarkdown.push(text);
      return original.parseMarkdown(text);
    },
  };
});

const { markdownToDeck } = await import('../../src/document/from-markdown.js');
const { markdownCacheStats } = await import('../../src/markdown/index.js');

const FILE = '/content/partnerships/dubna.md';
const BODY = [
  'Договор подписан в 1994 году.',
  '',
  '- обмен делегациями;',
  '- школьные проекты.',
  '',
  '## Заметки',
  '',
  'Сказать про [архив](javascript:alert(1)).',
  '',
].join('\n');
const DECK = '<!-- layout: title -->\n\nСовет\n\n---\n\n<!-- layout: partnership -->\n\n# Дубна — Ла-Кросс\n\n<!--cp:embed:0-->\n';

const meta = { title: 'Совет', author: 'Совет', lang: 'ru' as const, langTag: 'ru-RU', date: new Date(0), producer: 'council-press test' };

function output(embeds: Embed[], notesHeadings: readonly string[] = ['Заметки']) {
  return {
    templateFile: '/templates/deck.ru.md.hbs',
    markdown: DECK,
    embeds,
    contentDir: '/content',
    notesHeadings,
    loadImage: async () => ({ diagnostics: [] }),
  };
}

const body = (text = BODY, startLine = 7): Embed[] => [{ kind: 'body', body: { text, file: FILE, startLine } }];
const bodyParses = () => calls.parseMarkdown.filter((text) => text.startsWith('Договор')).length;

describe('parsed bodies are reused across structured clones', () => {
  it('parses a body once for two builds with cloned projects, with the same slides and diagnostics', async () => {
    const first = await markdownToDeck(output(structuredClone(body())), meta);
    const second = await markdownToDeck(output(structuredClone(body())), meta);
    expect(bodyParses()).toBe(1);
    expect(second).toStrictEqual(first);
    const slide = first.deck.slides[1]!;
    expect(slide.notes).toEqual(['Сказать про архив.']);
    expect(slide.blocks.map((b) => [b.kind, b.source?.line])).toEqual([
      ['paragraph', 7],
      ['list', 9],
    ]);
    // The notes' unsafe link is reported by the parse itself; the hit must report it too.
    const unsafe = (r: typeof first) => r.diagnostics.filter((d) => d.code === 'unsafe-link').map((d) => [d.position?.file, d.position?.line]);
    expect(unsafe(first)).toEqual([[FILE, 14]]);
    expect(unsafe(second)).toEqual([[FILE, 14]]);
    // The deck's own Markdown came from the piece memo the second time.
    expect(markdownCacheStats().hits).toBeGreaterThan(0);
  });

  it('parses again when the text, the first line or the notes headings differ', async () => {
    const before = bodyParses();
    const moved = await markdownToDeck(output(body(BODY, 20)), meta);
    expect(moved.deck.slides[1]!.blocks[0]!.source?.line).toBe(20);
    const edited = await markdownToDeck(output(body(BODY.replace('1994', '1995'))), meta);
    expect(JSON.stringify(edited.deck.slides[1]!.blocks[0])).toContain('1995');
    const english = await markdownToDeck(output(body(), ['Notes']), meta);
    expect(english.deck.slides[1]!.notes).toEqual([]);
    expect(bodyParses() - before).toBe(3);
  });

  it('hands out diagnostics that a caller may change without touching the cache', async () => {
    const first = await markdownToDeck(output(body()), meta);
    for (const d of first.diagnostics) (d as { message: string }).message = 'changed';
    const again = await markdownToDeck(output(body()), meta);
    expect(again.diagnostics.every((d) => d.message !== 'changed')).toBe(true);
  });
});
