/**
 * Issue 4, case 19: a character the brand font lacks (an emoji, CJK, U+202F) is an error at the
 * line and column where it was typed, in content, templates and locales alike; and every character
 * of every artifact of the shipped build is one the font has (no blank boxes anywhere).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasGlyph, loadBrandFonts } from '../../src/layout/fonts.js';
import { loadBrand } from '../../src/templates/brand.js';
import { REPO_ROOT } from '../support/fontconfig.js';
import { toolAvailable } from '../support/tools.js';
import { artifactText } from './artifacts.js';
import { buildOver, makeProject, previousBuild, report } from './project.js';

const hint = '  hint: remove or replace the character (emoji and some special spaces are not in the font)\n';

describe('19. a character the brand font lacks', () => {
  it('is an error at its own line and column; a run of them is one error; templates too', async () => {
    const { run } = await buildOver(makeProject('19-missing-glyph'));
    expect(run.code).toBe(1);
    const F = 'content/partnerships/dubna-la-crosse.md';
    expect(report(run.stderr)).toBe(
      `${F}:7:34: error: the font PT Sans has no character "🤝" (U+1F91D) [missing-glyph]\n${hint}` +
        `${F}:18:17: error: the font PT Sans has no character "🎉" (U+1F389) [missing-glyph]\n${hint}` +
        `${F}:20:11: error: the font PT Sans has no characters "友好城市" (U+53CB U+597D U+57CE U+5E02) [missing-glyph]\n${hint}` +
        `${F}:22:11: error: the font PT Sans has no character "narrow no-break space" (U+202F) [missing-glyph]\n${hint}` +
        `templates/handout.md.hbs:19:1: error: the font PT Sans has no character "★" (U+2605) [missing-glyph]\n${hint}` +
        '5 errors, 0 warnings\n',
    );
  });

  it('every character of every artifact of the shipped build is in every face of the brand font', async (ctx) => {
    if (!toolAvailable('pdftotext')) ctx.skip('pdftotext (poppler-utils) is not installed');
    const out = await previousBuild();
    const brand = loadBrand(join(REPO_ROOT, 'templates'));
    const fonts = loadBrandFonts(brand.fonts.files);
    const faces = [fonts.regular, fonts.bold, fonts.italic, fonts.boldItalic];
    const files: string[] = [];
    const walk = (d: string) => readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(join(d, e.name)) : files.push(relative(out, join(d, e.name)))));
    walk(out);
    const artifacts = files.filter((f) => /\.(pptx|docx|pdf)$/.test(f)).sort();
    expect(artifacts.length).toBeGreaterThanOrEqual(8);
    const missing: string[] = [];
    let checked = 0;
    for (const rel of artifacts) {
      const text = artifactText(out, rel);
      expect(text.length, `${rel} has text`).toBeGreaterThan(500);
      for (const ch of new Set(text)) {
        const cp = ch.codePointAt(0)!;
        if (cp < 0x20) continue; // line and page breaks of the extraction itself
        checked++;
        if (!faces.every((f) => hasGlyph(f, cp))) missing.push(`${rel}: "${ch}" U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(8 * 40); // Cyrillic, Latin, digits, punctuation in each
    // The shipped text really uses the special characters the typograph puts in (so they were checked).
    const all = artifacts.map((rel) => artifactText(out, rel)).join('');
    for (const ch of ['«', '»', '—', '\u00A0']) expect(all, `artifacts use ${ch}`).toContain(ch);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toContain('deck.pptx');
  });
});
