/**
 * Issue 4, case 15: text that does not fit its box. A long story continues on «(продолжение)»
 * slides (an info line, exit 0), a 200-letter word is a warning naming the slide and the source
 * line, a 40-item list flows on; nothing is clipped (every word is in the deck, every frame inside
 * the slide) and --strict makes the warning fatal with the previous output untouched.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip, slideParts, slideTexts } from '../support/ooxml.js';
import { toolAvailable } from '../support/tools.js';
import { artifactText } from './artifacts.js';
import { buildOver, makeProject, report } from './project.js';

const FILE = 'content/partnerships/dubna-la-crosse.md';
const WORD = Array.from({ length: 200 }, (_, i) => 'абвгдежзик'[i % 10]).join('');
const INFO =
  `${FILE}:13:1: info: slide 6 "Дубна — Ла-Кросс" is too long for one slide and continues on slide 7–13 [layout-continued]\n` +
  '  hint: this is normal; shorten the text if it should fit on one slide\n';
const WARNING =
  `${FILE}:30:1: warning: on slide 10 the word "абвгдежзикабвгдежзик…вгдежзик —" is wider than its text box and was split between letters [layout-token-too-wide]\n` +
  '  hint: add a space or a hyphen, or shorten the word (a long link can become a link text)\n';

/** The typograph's no-break spaces and hyphens read as plain ones (its rules evolve; the layout's report is what is tested). */
const plain = (s: string) => s.replace(/\u00A0/g, ' ').replace(/\u2011/g, '-');

/** Letters only: line breaks, soft hyphens and spacing the layout added do not count. */
const letters = (s: string) => s.replace(/[\s\u00AD\u2011-]/g, '');

describe('15. text that does not fit', () => {
  it('continues on following slides (info), warns about the unbreakable word (warning), exit 0, nothing clipped', async (ctx) => {
    const { run, p } = await buildOver(makeProject('15-does-not-fit'), ['--verbose']);
    expect(run.code, run.stderr).toBe(0);
    expect(plain(report(run.stderr))).toBe(INFO + WARNING + '0 errors, 1 warning\n');

    const deck = readFileSync(join(p.out, 'deck.pptx'));
    const slides = slideTexts(deck);
    expect(slides).toHaveLength(13);
    for (let i = 6; i < 13; i++) expect(plain(slides[i]!.join(' ')), `slide ${i + 1}`).toMatch(/Дубна — Ла-Кросс \(продолжение\)/);
    // Every word of the source is on some slide, in order: nothing dropped at a slide's bottom edge.
    const all = letters(slides.flat().join(''));
    let from = 0;
    const expected = [...[1, 2, 3, 4, 5, 6].map((n) => `Абзац${n}.`), WORD, ...Array.from({ length: 40 }, (_, i) => `пункт${i + 1}списка`)];
    for (const piece of expected) {
      const at = all.indexOf(piece, from);
      expect(at, `"${piece.slice(0, 30)}" after position ${from}`).toBeGreaterThanOrEqual(0);
      from = at + piece.length;
    }
    // Every frame lies inside the slide.
    const zip = readZip(deck);
    const size = /<p:sldSz[^>]*cx="(\d+)"[^>]*cy="(\d+)"/.exec(String(zip.get('ppt/presentation.xml')))!;
    const [W, H] = [Number(size[1]), Number(size[2])];
    for (const part of slideParts(zip)) {
      const xml = String(zip.get(part));
      for (const m of xml.matchAll(/<a:off x="(-?\d+)" y="(-?\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\/>/g)) {
        const [x, y, cx, cy] = m.slice(1).map(Number) as [number, number, number, number];
        expect(x >= 0 && y >= 0 && x + cx <= W && y + cy <= H, `${part}: frame ${x},${y} ${cx}×${cy} inside ${W}×${H}`).toBe(true);
      }
    }
    // The same words in the deck's PDF, the brief and the handout.
    if (!toolAvailable('pdftotext')) ctx.skip('pdftotext (poppler-utils) is not installed');
    for (const rel of ['deck.pdf', 'briefs/dubna-la-crosse.docx', 'handouts/dubna-la-crosse.pdf']) {
      const text = letters(artifactText(p.out, rel));
      for (const piece of expected) expect(text, `${rel} holds "${piece.slice(0, 30)}"`).toContain(piece);
    }
  });

  it('without --verbose the continuation is not reported; the warning is', async () => {
    const { run } = await buildOver(makeProject('15-does-not-fit'), ['--format', 'pptx']);
    expect(run.code).toBe(0);
    expect(plain(report(run.stderr))).toBe(WARNING + '0 errors, 1 warning\n');
  });

  it('with --strict the warning is fatal: exit 1, the previous output untouched', async () => {
    const { run } = await buildOver(makeProject('15-does-not-fit'), ['--strict', '--format', 'pptx']);
    expect(run.code).toBe(1);
    expect(report(run.stderr)).toMatch(new RegExp(`^${FILE}:30:1: (warning|error): on slide 10 the word `));
  });
});
