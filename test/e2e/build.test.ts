// End to end: the real CLI builds the shipped content three times (twice alike, once with another
// SOURCE_DATE_EPOCH); every artifact is read back and checked for what it says, how it is built
// and that a real client (LibreOffice) shows it in PT Sans.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/fontconfig.js';
import { convertToPdf, requireSofficeOrSkip } from '../support/libreoffice.js';
import { assertValidOoxmlPackage, notesTexts, readZip, slideParts, slideTexts } from '../support/ooxml.js';
import { pdfBBoxWords, pdfFonts, pdfInfo, pdfPageCount, pdfText, qpdfCheck, requirePopplerOrSkip } from '../support/poppler.js';
import { missingSentences, normalizeText, RUNNING_HEADER, seedMessaging, seedSentences, seedSentencesOf, seedSlides } from '../support/seed.js';
import { processScratchDir, type SkipContext } from '../support/tools.js';
import { buildInto, EXPECTED_FILES, listFiles, PARTNERSHIPS, readManifest, type CliRun } from './cli.js';
import {
  artifactText,
  contentNotes,
  docxHeaderFooterParts,
  docxParagraphs,
  docxTables,
  partText,
  pdfSameBeyondDates,
  slideLayouts,
  slideTitles,
  xmlOf,
  zipDiffBeyondDates,
} from './read-back.js';

const scratch = processScratchDir('e2e-build');
const [A, B, C] = ['a', 'b', 'c'].map((d) => join(scratch, d)) as [string, string, string];
const OTHER_EPOCH = '1700000000'; // 2023-11-14, far from the default date
const runs: CliRun[] = [];
const ARTIFACTS = EXPECTED_FILES.filter((f) => f !== 'manifest.json');
const file = (rel: string, dir = A) => join(dir, rel);
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const lower = (s: string) => normalizeText(s).toLowerCase();

beforeAll(async () => {
  runs.push(await buildInto(A), await buildInto(B), await buildInto(C, { SOURCE_DATE_EPOCH: OTHER_EPOCH }));
  runs.forEach((r, i) => {
    if (r.code !== 0) throw new Error(`build ${'abc'[i]} exited with ${r.code}:\n${r.stderr}${r.stdout}`);
  });
});

function expectPtSansEmbedded(pdf: string): void {
  const fonts = pdfFonts(pdf);
  expect(fonts.length, `${pdf} has no fonts`).toBeGreaterThan(0);
  const others = fonts.filter((f) => !f.embedded || !/^PTSans/.test(f.baseName));
  expect(others, `fonts of ${pdf} other than embedded PT Sans`).toEqual([]);
}

describe('council-press build (CLI)', () => {
  it('exits 0 and lists every artifact on stdout', () => {
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    for (const path of ARTIFACTS) expect(runs[0]!.stdout, `stdout lists ${path}`).toContain(path);
    expect(runs[0]!.stderr).not.toMatch(/\berror:/);
  });

  it('writes exactly one deck, its PDF, three briefs, four handouts and the manifest', () => {
    expect(listFiles(A)).toEqual(EXPECTED_FILES);
  });

  it('lists every artifact in the manifest with its sha256, size and existing source files', () => {
    const manifest = readManifest(A);
    expect(manifest.generator).toMatch(/council-press/);
    expect(manifest.artifacts.map((a) => a.path).sort()).toEqual(ARTIFACTS);
    for (const a of manifest.artifacts) {
      const path = file(a.path);
      expect(a.sha256, a.path).toBe(sha(path));
      expect(a.bytes, a.path).toBe(readFileSync(path).length);
      expect(a.format, a.path).toBe(a.path.split('.').pop());
      expect(a.lang, a.path).toBe('ru');
      expect(a.sources.length, `${a.path} has sources`).toBeGreaterThan(0);
      for (const s of a.sources) expect(existsSync(join(REPO_ROOT, s)), `${a.path}: source ${s} exists`).toBe(true);
    }
    const sourcesOf = (p: string) => manifest.artifacts.find((a) => a.path === p)!.sources;
    const all = ['content/council.md', ...PARTNERSHIPS.map((p) => `content/partnerships/${p.slug}.md`)];
    for (const p of ['deck.pptx', 'deck.pdf', 'handouts/council.pdf']) expect(sourcesOf(p)).toEqual(expect.arrayContaining(all));
    for (const { slug } of PARTNERSHIPS)
      for (const p of [`briefs/${slug}.docx`, `handouts/${slug}.pdf`]) {
        const own = sourcesOf(p).filter((s) => s.startsWith('content/partnerships/'));
        expect(own, `${p}: partnership sources`).toEqual([`content/partnerships/${slug}.md`]);
      }
  });

  it('is reproducible: a second build is byte-identical', () => {
    const shas = (dir: string) => Object.fromEntries(readManifest(dir).artifacts.map((a) => [a.path, a.sha256]));
    expect(shas(B)).toEqual(shas(A));
    for (const path of EXPECTED_FILES) expect(readFileSync(file(path, B)).equals(readFileSync(file(path))), path).toBe(true);
  });

  it('with another SOURCE_DATE_EPOCH differs only in dates', (ctx) => {
    requirePopplerOrSkip(ctx);
    for (const path of ARTIFACTS) {
      const [a, c] = [file(path), file(path, C)];
      expect(sha(c), `${path}: the date is in the file`).not.toBe(sha(a));
      expect(artifactText(c), `${path}: same text`).toBe(artifactText(a));
      if (path.endsWith('.pdf')) {
        expect(pdfSameBeyondDates(readFileSync(a), readFileSync(c)), `${path}: same bytes but dates`).toBe(true);
        expect(pdfInfo(c)['CreationDate'], path).toMatch(/2023/);
      } else expect(zipDiffBeyondDates(readFileSync(a), readFileSync(c)), `${path}: parts differing beyond dates`).toEqual([]);
    }
  });
});

describe('deck.pptx', () => {
  const load = () => {
    const buf = readFileSync(file('deck.pptx'));
    const zip = readZip(buf);
    return { buf, zip, texts: slideTexts(buf), titles: slideTitles(zip), layouts: slideLayouts(zip), slides: slideParts(zip) };
  };

  it('is a valid package', () => {
    assertValidOoxmlPackage(readFileSync(file('deck.pptx')));
  });

  it('opens with the title slide, the messaging and the list of partnerships', () => {
    const { texts } = load();
    const title = texts[0]!;
    expect(title.some((p) => p.split('\n').map((l) => l.trim()).join('|') === 'совет|муниципальных|образований|московской области'), `cover: ${JSON.stringify(title)}`).toBe(true);
    const titleText = normalizeText(title.join(' '));
    for (const s of ['Олег Борисович Иванов', 'Исполнительный директор']) expect(titleText).toContain(s);
    expect(missingSentences(texts[1]!.join(' '), seedMessaging()), 'slide 2: messaging').toEqual([]);
    expect(texts[2]!.map(normalizeText), 'slide 3').toEqual(seedSlides()[2]);
  });

  it('has one titled slide per partnership in order, continuations marked «(продолжение)»', () => {
    const { titles } = load();
    const rest = titles.slice(3);
    const expected: string[] = [];
    let p = -1;
    for (const t of rest) {
      const cont = t !== null && t.includes('(продолжение)') && p >= 0;
      if (!cont) p += 1;
      const base = PARTNERSHIPS[p]?.title ?? '(no more partnerships)';
      expected.push(cont ? `${base} (продолжение)` : base);
    }
    expect(rest.map((t) => (t === null ? null : normalizeText(t)))).toEqual(expected.map(normalizeText));
    expect(p, 'every partnership has a slide').toBe(PARTNERSHIPS.length - 1);
  });

  it('holds every seed sentence', () => {
    const { texts } = load();
    expect(missingSentences(texts.flat().join(' '), seedSentences())).toEqual([]);
  });

  it('takes the running header and slide number from the layouts, not the slides', () => {
    const { zip, slides, layouts, texts } = load();
    expect(lower(partText(zip, layouts[0]!)), `title layout ${layouts[0]}`).not.toContain(RUNNING_HEADER);
    slides.forEach((slide, i) => {
      expect(xmlOf(zip, slide), `${slide}: no pasted slide number`).not.toMatch(/type="slidenum"/);
      if (i === 0) return;
      expect(lower(texts[i]!.join(' ')), `${slide}: header not pasted`).not.toContain(RUNNING_HEADER);
      expect(lower(partText(zip, layouts[i]!)), `${layouts[i]} (slide ${i + 1}): running header`).toContain(RUNNING_HEADER);
      expect(xmlOf(zip, layouts[i]!), `${layouts[i]}: slide number field`).toMatch(/<a:fld\b[^>]*type="slidenum"/);
    });
  });

  it('has speaker notes on the partnership slides, and their text is on no slide', () => {
    const { buf, titles, texts } = load();
    const notes = notesTexts(buf);
    const onSlides = normalizeText(texts.flat().join(' '));
    for (const p of PARTNERSHIPS) {
      const i = titles.findIndex((t) => t !== null && normalizeText(t) === normalizeText(p.title));
      expect(missingSentences(notes[i]!.join(' '), contentNotes(`content/partnerships/${p.slug}.md`)), `notes of ${p.title}`).toEqual([]);
    }
    for (const n of notes.flat()) expect(onSlides, 'notes text on a slide').not.toContain(normalizeText(n));
  });

  it('tags every run ru-RU and sets it in PT Sans', () => {
    const { zip, slides } = load();
    for (const slide of slides) {
      const xml = xmlOf(zip, slide);
      const runs = xml.match(/<a:r>[\s\S]*?<\/a:r>/g) ?? [];
      const untagged = runs.filter((r) => !/^<a:r><a:rPr\b[^>]*\blang="ru-RU"/.test(r));
      expect(untagged, `${slide}: runs without lang="ru-RU"`).toEqual([]);
    }
    const theme = [...zip.keys()].filter((n) => /^ppt\/theme\/theme\d+\.xml$/.test(n));
    expect(theme.length).toBeGreaterThan(0);
    for (const t of theme) {
      const faces = [...xmlOf(zip, t).matchAll(/<a:(?:major|minor)Font>\s*<a:latin typeface="([^"]*)"/g)].map((m) => m[1]);
      expect(faces, `${t}: theme fonts`).toEqual(['PT Sans', 'PT Sans']);
    }
    const used = new Set<string>();
    for (const [name, part] of zip)
      if (typeof part === 'string' && /^ppt\/(slides|slideLayouts|slideMasters)\//.test(name))
        for (const m of part.matchAll(/<a:(?:latin|cs) typeface="([^"]*)"/g)) used.add(m[1]!);
    expect([...used].filter((f) => !['PT Sans', '+mj-lt', '+mn-lt', '+mj-cs', '+mn-cs'].includes(f))).toEqual([]);
  });
});

describe.each(PARTNERSHIPS.map((p) => [p.slug, p] as const))('briefs/%s.docx', (_slug, p) => {
  const load = () => {
    const buf = readFileSync(file(`briefs/${p.slug}.docx`));
    return { buf, zip: readZip(buf) };
  };

  it('is a valid package with a Title, the facts table, the prose and the messaging', () => {
    const { buf, zip } = load();
    assertValidOoxmlPackage(buf);
    const paragraphs = docxParagraphs(zip);
    const titles = paragraphs.filter((x) => x.style === 'Title');
    expect(titles.length, 'one Title paragraph').toBe(1);
    for (const c of [p.city, p.partnerCity]) expect(normalizeText(titles[0]!.text)).toContain(normalizeText(c));
    const facts = docxTables(zip).map((t) => normalizeText(t.flat().join(' | ')));
    const factsTable = facts.find((t) => [p.city, p.partnerCity, p.state, String(p.since)].every((v) => t.includes(normalizeText(v))));
    expect(factsTable, `a table with the facts; tables: ${JSON.stringify(facts)}`).toBeDefined();
    const text = paragraphs.map((x) => x.text).join(' ');
    expect(missingSentences(text, seedSentencesOf(p.partnerCity)), 'partnership sentences').toEqual([]);
    expect(missingSentences(text, seedMessaging()), 'messaging').toEqual([]);
  });

  it('has the running header with the logo and a PAGE field in the footer', () => {
    const { zip } = load();
    const { headers, footers } = docxHeaderFooterParts(zip);
    expect(headers.some((h) => lower(partText(zip, h)).includes(RUNNING_HEADER)), `headers ${headers.join(', ')}`).toBe(true);
    expect(headers.some((h) => /<(?:w:drawing|w:pict)\b/.test(xmlOf(zip, h))), 'a logo in a header').toBe(true);
    expect(
      footers.some((f) => /w:instr="\s*PAGE\b|<w:instrText[^>]*>\s*PAGE\b/.test(xmlOf(zip, f))),
      `PAGE field in ${footers.join(', ')}`,
    ).toBe(true);
  });

  it('embeds PT Sans, tags the text ru-RU', () => {
    const { zip } = load();
    expect([...zip.keys()].filter((n) => /^word\/fonts\/.+\.odttf$/.test(n)).length).toBeGreaterThan(0);
    expect(xmlOf(zip, 'word/fontTable.xml')).toMatch(/<w:font w:name="PT Sans">[\s\S]*?<w:embedRegular\b/);
    const styles = xmlOf(zip, 'word/styles.xml');
    expect(styles).toMatch(/<w:rFonts\b(?=[^>]*w:ascii="PT Sans")(?=[^>]*w:hAnsi="PT Sans")(?=[^>]*w:cs="PT Sans")/);
    expect(styles).toMatch(/<w:lang\b[^>]*w:val="ru-RU"/);
  });

  it('leaves the speaker notes out', () => {
    const { zip } = load();
    const paragraphs = docxParagraphs(zip);
    expect(paragraphs.filter((x) => normalizeText(x.text) === 'Заметки')).toEqual([]);
    const text = normalizeText(paragraphs.map((x) => x.text).join(' '));
    const notes = [...contentNotes(`content/partnerships/${p.slug}.md`), ...contentNotes('content/council.md')];
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.filter((n) => text.includes(normalizeText(n)))).toEqual([]);
  });
});

function expectPrintableHandout(ctx: SkipContext, pdf: string, sentences: string[], title: string): void {
  requirePopplerOrSkip(ctx, { qpdf: true });
  expect(missingSentences(pdfText(pdf), sentences, true), `${pdf}: sentences`).toEqual([]);
  expectPtSansEmbedded(pdf);
  const check = qpdfCheck(pdf);
  expect(check.ok, check.output).toBe(true);
  const info = pdfInfo(pdf);
  expect(info['Title'] ?? '', `${pdf}: title`).toContain(title);
  expect(info['Author'] ?? '', `${pdf}: author`).toMatch(/Совет муниципальных образований/i);
  expect(`${info['Producer'] ?? ''} ${info['Creator'] ?? ''}`, `${pdf}: producer`).toMatch(/council-press/);
}

describe('handouts', () => {
  it.for(PARTNERSHIPS.map((p) => [p.slug, p] as const))('handouts/%s.pdf holds its partnership in PT Sans', ([, p], ctx) => {
    expectPrintableHandout(ctx, file(`handouts/${p.slug}.pdf`), seedSentencesOf(p.partnerCity), p.city);
  });

  it('handouts/council.pdf holds the messaging and every partnership', (ctx) => {
    const all = [...seedMessaging(), ...PARTNERSHIPS.flatMap((p) => seedSentencesOf(p.partnerCity))];
    expectPrintableHandout(ctx, file('handouts/council.pdf'), all, '');
  });

  it('ends no line with a one-letter preposition or conjunction', (ctx) => {
    requirePopplerOrSkip(ctx);
    const bad: string[] = [];
    for (const path of ARTIFACTS.filter((f) => f.startsWith('handouts/'))) {
      for (const line of pdfText(file(path), { layout: true }).split('\n'))
        // -layout puts side-by-side columns on one line; each column's text must end well.
        for (const column of line.split(/\s{3,}/))
          if (/(?:^|[\s\u00A0«(])[вискаоуВИСКАОУ]$/.test(column.trimEnd())) bad.push(`${path}: ${column.trim()}`);
    }
    expect(bad).toEqual([]);
  });
});

describe('deck.pdf', () => {
  it('has a page per slide, every seed sentence, PT Sans embedded', (ctx) => {
    requirePopplerOrSkip(ctx, { qpdf: true });
    const pdf = file('deck.pdf');
    expect(pdfPageCount(pdf)).toBe(slideTexts(readFileSync(file('deck.pptx'))).length);
    expect(missingSentences(pdfText(pdf), seedSentences(), true)).toEqual([]);
    expectPtSansEmbedded(pdf);
    expect(qpdfCheck(pdf).ok).toBe(true);
  });
});

describe('in LibreOffice', () => {
  const lo = join(scratch, 'lo');
  let deckPdf: Promise<string> | undefined;
  const convertDeck = () => (deckPdf ??= convertToPdf(file('deck.pptx'), lo));

  it('deck.pptx converts and shows every seed sentence in PT Sans', async (ctx) => {
    requireSofficeOrSkip(ctx);
    requirePopplerOrSkip(ctx);
    const pdf = await convertDeck();
    expect(pdfPageCount(pdf)).toBe(slideTexts(readFileSync(file('deck.pptx'))).length);
    expect(missingSentences(pdfText(pdf), seedSentences(), true)).toEqual([]);
    expectPtSansEmbedded(pdf);
  });

  it('deck.pptx has no word outside its slide', async (ctx) => {
    requireSofficeOrSkip(ctx);
    requirePopplerOrSkip(ctx);
    const pages = pdfBBoxWords(await convertDeck());
    expect(pages.every((p) => p.words.length > 0), 'every slide has words').toBe(true);
    const outside = pages.flatMap((page, i) =>
      page.words
        .filter((w) => w.xMin < 0 || w.yMin < 0 || w.xMax > page.width || w.yMax > page.height)
        .map((w) => `slide ${i + 1}: «${w.text}» at ${w.xMin.toFixed(1)},${w.yMin.toFixed(1)}–${w.xMax.toFixed(1)},${w.yMax.toFixed(1)} on ${page.width}×${page.height}`),
    );
    expect(outside).toEqual([]);
  });

  it('a brief converts and shows its partnership in PT Sans', async (ctx) => {
    requireSofficeOrSkip(ctx);
    requirePopplerOrSkip(ctx);
    const p = PARTNERSHIPS[0]!;
    const pdf = await convertToPdf(file(`briefs/${p.slug}.docx`), lo);
    expect(missingSentences(pdfText(pdf), [...seedSentencesOf(p.partnerCity), ...seedMessaging()], true)).toEqual([]);
    expectPtSansEmbedded(pdf);
  });
});
