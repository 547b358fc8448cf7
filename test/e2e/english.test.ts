// End to end, the English edition (issue 8): the real CLI builds `--lang ru,en` from the shipped
// content, and every English artifact is read back: slide order and titles, the translated text
// in the deck, briefs and handouts, English interface strings and running header, English
// typography, en-US language tags, no Cyrillic. A copy of the content missing one translation
// builds with a warning naming the file and falls back to the Russian text for that partnership.
//
// The CLI runs with a scratch folder as its working directory, so the build cache lives there and
// every run here really renders.
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/fontconfig.js';
import { notesTexts, readZip, slideParts, slideTexts } from '../support/ooxml.js';
import { pdfFonts, pdfText, requirePopplerOrSkip } from '../support/poppler.js';
import { processScratchDir } from '../support/tools.js';
import { CLI, EXPECTED_FILES, listFiles, readManifest, SLUGS, type CliRun } from './cli.js';
import { docxHeaderFooterParts, docxParagraphs, docxTables, partText, slideTitles, xmlOf } from './read-back.js';

const scratch = processScratchDir('e2e-english');
const OUT = join(scratch, 'out');
const FALLBACK = join(scratch, 'fallback');
const CONTENT = join(REPO_ROOT, 'content');
const TEMPLATES = join(REPO_ROOT, 'templates');
const MISSING = 'dubna-la-crosse';
const EN_HEADER = 'council of municipal formations of the moscow region';
const EN_TITLES = ['Serpukhov–Richmond', 'Chekhov–Saratoga Springs', 'Dubna–La Crosse'];
const CYRILLIC = /[\u0400-\u04FF]/;

function cli(args: readonly string[], cwd: string): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
  delete env.SOURCE_DATE_EPOCH;
  return new Promise((done, fail) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 240_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return fail(error);
      done({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** Typography-neutral text: curly quotes and apostrophes straight, dashes as a bare hyphen, one space. */
function flat(text: string): string {
  return text
    .replace(/\u00AD/g, '')
    .replace(/[\u00A0\s]+/g, ' ')
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/[“”«»„"]/g, '"')
    .replace(/[‘’']/g, "'")
    .replace(/ ?[-–—] ?/g, '-')
    .trim();
}
/** Looser, for laid-out PDF text: a line-end hyphen (real or the hyphenator's) and all dashes go. */
const loose = (text: string) => flat(text.replace(/[-\u2010\u2011]\s*\n\s*/g, '')).replace(/-/g, '');

/** The prose of an English content file: its body before `## Notes`, as sentences; and the notes. */
function englishSource(rel: string): { sentences: string[]; notes: string[] } {
  const text = readFileSync(join(CONTENT, rel), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
  const [body, notes = ''] = text.split(/^## Notes\s*$/m);
  const paragraphs = (s: string) => s.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return {
    sentences: paragraphs(body!).flatMap((p) => p.split(/(?<=[.;:])\s+(?=[A-Z"])/)),
    notes: paragraphs(notes),
  };
}
const council = englishSource('council.en.md');
const partnership = (slug: string) => englishSource(`partnerships/${slug}.en.md`);

const en = (rel: string) => join(OUT, 'en', rel);
const missingIn = (hay: string, sentences: readonly string[], norm: (s: string) => string = flat) =>
  sentences.filter((s) => !norm(hay).includes(norm(s)));

let build: CliRun;
let fallback: CliRun;
let check: CliRun;
let checkJson: CliRun;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  rmSync(FALLBACK, { recursive: true, force: true });
  cpSync(CONTENT, join(FALLBACK, 'content'), { recursive: true });
  rmSync(join(FALLBACK, 'content', 'partnerships', `${MISSING}.en.md`));
  const fb = ['--content', 'content', '--templates', TEMPLATES];
  [build, fallback] = await Promise.all([
    cli(['build', '--lang', 'ru,en', '--content', CONTENT, '--templates', TEMPLATES, '--out', OUT], scratch),
    cli(['build', '--lang', 'en', ...fb, '--out', 'out'], FALLBACK),
  ]);
  [check, checkJson] = await Promise.all([cli(['check', '--lang', 'en', ...fb], FALLBACK), cli(['check', '--lang', 'en', '--json', ...fb], FALLBACK)]);
  if (build.code !== 0) throw new Error(`build --lang ru,en exited with ${build.code}:\n${build.stderr}`);
});

describe('build --lang ru,en', () => {
  it('exits 0 with no warnings: every translation is shipped', () => {
    expect(build.code).toBe(0);
    expect(build.stderr).toMatch(/0 errors, 0 warnings/);
    expect(build.stderr).not.toMatch(/missing-translation/);
  });

  it('writes the Russian artifacts at the top and the same artifacts again under en/', () => {
    const artifacts = EXPECTED_FILES.filter((f) => f !== 'manifest.json');
    expect(listFiles(OUT)).toEqual([...EXPECTED_FILES, ...artifacts.map((f) => `en/${f}`)].sort());
  });

  it('lists both editions in one manifest, each entry with its lang and its own sources', () => {
    const { artifacts } = readManifest(OUT);
    expect(new Set(artifacts.map((a) => a.lang))).toEqual(new Set(['ru', 'en']));
    for (const a of artifacts) {
      expect(a.lang, a.path).toBe(a.path.startsWith('en/') ? 'en' : 'ru');
      // Sources are shown relative to the working folder (here a scratch folder).
      if (a.lang === 'en') expect(a.sources.some((s) => s.endsWith('content/council.en.md')), a.path).toBe(true);
    }
    const brief = artifacts.find((a) => a.path === 'en/briefs/serpukhov-richmond.docx')!;
    expect(brief.sources.some((s) => s.endsWith('content/partnerships/serpukhov-richmond.en.md'))).toBe(true);
  });
});

describe('the English deck', () => {
  const deck = () => readFileSync(en('deck.pptx'));

  it('has the seed order with English titles from the data', () => {
    const titles = slideTitles(readZip(deck()));
    expect(titles).toHaveLength(6);
    expect(titles.slice(3)).toEqual(EN_TITLES);
  });

  it('says the translated text, slide by slide', () => {
    const slides = slideTexts(deck()).map((s) => s.join('\n'));
    expect(flat(slides[0]!)).toBe(flat('council\nof municipal formations\nof the moscow region\nOleg Borisovich Ivanov\nExecutive Director'));
    expect(missingIn(slides[1]!, council.sentences)).toEqual([]);
    expect(slides[2]!.split('\n')).toEqual([
      'Cities of the Moscow Region linked by sister-city relationships with cities in the USA:',
      'Serpukhov is a sister city of Richmond, Indiana;',
      'Chekhov is a sister city of Saratoga Springs, New York;',
      'Dubna is a sister city of La Crosse, Wisconsin.',
    ]);
    SLUGS.forEach((slug, i) => {
      expect(missingIn(slides[3 + i]!, partnership(slug).sentences), slug).toEqual([]);
      expect(slides[3 + i], slug).toMatch(/Sister city[\s\S]*Since[\s\S]*Programmes/);
    });
  });

  it('carries the English notes on the slides and only there', () => {
    const notes = notesTexts(deck()).map((n) => n.join('\n'));
    expect(missingIn(notes[1]!, council.notes)).toEqual([]);
    SLUGS.forEach((slug, i) => expect(missingIn(notes[3 + i]!, partnership(slug).notes), slug).toEqual([]));
    expect(slideTexts(deck()).flat().join('\n')).not.toMatch(/\bNotes\b/);
  });

  it('uses English typography: curly quotes and apostrophes, no Russian no-break spaces', () => {
    const text = [...slideTexts(deck()).flat(), ...notesTexts(deck()).flat()].join('\n');
    expect(text).toContain('the “Open World” programme');
    expect(text).toContain('the other’s life');
    expect(text).toContain('Moscow Region—Serpukhov, Chekhov and Dubna—are');
    expect(text).not.toMatch(/["'«»„\u00A0]/);
  });

  it('tags every run en-US, has no Cyrillic anywhere, and the masters carry the English running header', () => {
    const zip = readZip(deck());
    for (const [name, part] of zip) {
      if (typeof part !== 'string' || !name.endsWith('.xml')) continue;
      expect(part.match(/ lang="[^"]*"/g)?.filter((l) => l !== ' lang="en-US"') ?? [], name).toEqual([]);
      expect(part.match(/<a:t>[^<]*<\/a:t>/g)?.filter((t) => CYRILLIC.test(t)) ?? [], name).toEqual([]);
    }
    const layouts = [...zip.keys()].filter((n) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(n));
    expect(layouts.filter((n) => partText(zip, n).includes(EN_HEADER)).length).toBeGreaterThanOrEqual(4);
    expect(xmlOf(zip, 'docProps/core.xml')).toContain('<dc:language>en-US</dc:language>');
    expect(slideParts(zip)).toHaveLength(6);
  });
});

describe('the English briefs', () => {
  it.each(SLUGS.map((slug, i) => [slug, EN_TITLES[i]!]))('%s: title, facts, prose, position, header and footer in English', (slug, title) => {
    const zip = readZip(readFileSync(en(`briefs/${slug}.docx`)));
    const paragraphs = docxParagraphs(zip);
    expect(paragraphs.find((p) => p.style === 'Title')?.text).toBe(title);
    const facts = docxTables(zip)[0]!.map((row) => row[0]);
    expect(facts).toEqual(expect.arrayContaining(['City', 'Sister city', 'State', 'Since', 'Programmes']));
    const body = paragraphs.map((p) => p.text).join('\n');
    expect(missingIn(body, partnership(slug).sentences)).toEqual([]);
    expect(missingIn(body, council.sentences)).toEqual([]);
    expect(paragraphs.find((p) => p.style === 'Heading1')?.text).toBe('The Council’s position');
    const { headers, footers } = docxHeaderFooterParts(zip);
    expect(headers.map((h) => partText(zip, h)).join(' ')).toContain(EN_HEADER);
    expect(footers.map((f) => partText(zip, f)).join(' ')).toMatch(/Page\s.*\sof\s/);
    for (const part of ['word/document.xml', ...headers, ...footers]) expect(CYRILLIC.test(partText(zip, part)), part).toBe(false);
    const styles = xmlOf(zip, 'word/styles.xml');
    expect(styles).toMatch(/<w:lang w:val="en-US"/);
    expect(styles + xmlOf(zip, 'word/document.xml')).not.toMatch(/ru-RU/);
    expect(xmlOf(zip, 'docProps/core.xml')).toContain(`<dc:title>${title}</dc:title>`);
  });
});

describe('the English handouts and deck PDF', () => {
  it.for(SLUGS.map((slug, i) => [slug, EN_TITLES[i]!] as const))('%s.pdf: English text, labels, header and page label', ([slug, title], ctx) => {
    requirePopplerOrSkip(ctx);
    const text = pdfText(en(`handouts/${slug}.pdf`));
    expect(missingIn(text, partnership(slug).sentences, loose)).toEqual([]);
    expect(missingIn(text, council.sentences, loose)).toEqual([]);
    for (const label of [title, EN_HEADER, 'Sister city', 'Since', 'Programmes', 'The Council’s position', 'Page 1']) expect(text).toContain(label);
    expect(text.match(/.*[\u0400-\u04FF].*/g) ?? []).toEqual([]);
  });

  it('council.pdf and deck.pdf: English throughout, en-US, PT Sans embedded', (ctx) => {
    requirePopplerOrSkip(ctx);
    for (const file of [en('handouts/council.pdf'), en('deck.pdf')]) {
      const text = pdfText(file);
      expect(text.match(/.*[\u0400-\u04FF].*/g) ?? [], file).toEqual([]);
      expect(missingIn(text, council.sentences, loose), file).toEqual([]);
      for (const slug of SLUGS) expect(missingIn(text, partnership(slug).sentences, loose), `${file}: ${slug}`).toEqual([]);
      expect(text, file).toContain(EN_HEADER);
      expect(readFileSync(file, 'latin1'), file).toMatch(/\/Lang \(en-US\)/);
      expect(pdfFonts(file).filter((f) => !f.embedded || !/^PTSans/.test(f.baseName)), file).toEqual([]);
    }
  });

  // Known: the PDF writer draws the pull quote's mark as a fixed «, in every edition.
  it('the handouts use no Russian quotation marks (pull-quote mark)', (ctx) => {
    requirePopplerOrSkip(ctx);
    expect(pdfText(en('handouts/council.pdf'))).not.toMatch(/[«»„]/);
  });
});

describe('a missing translation', () => {
  const fbOut = (rel: string) => join(FALLBACK, 'out', 'en', rel);

  it('builds (exit 0) with one warning that names the missing file', () => {
    expect(fallback.code, fallback.stderr).toBe(0);
    const warnings = fallback.stderr.split('\n').filter((l) => /: warning: /.test(l));
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(`^content/partnerships/${MISSING}\\.md:1:1: warning: .*content/partnerships/${MISSING}\\.en\\.md.*\\[missing-translation\\]$`),
      ),
    ]);
    expect(fallback.stderr).toMatch(/0 errors, 1 warning/);
  });

  it('uses the Russian text for that partnership and English for the rest', (ctx) => {
    const slides = slideTexts(readFileSync(fbOut('deck.pptx'))).map((s) => s.join('\n'));
    expect(slides[5]).toMatch(/Дубна.Ла-Кросс/);
    expect(slides[5]).toContain('Школа сахарного диабета');
    expect(slides[5]).toContain('Sister city');
    expect(slides[3]).toContain('Serpukhov–Richmond');
    // The list slide names Дубна and Ла-Кросс too; the other partnerships' slides are English.
    expect(slides[2]).toContain('Дубна is a sister city of Ла-Кросс, Висконсин.');
    expect(CYRILLIC.test([slides[0], slides[1], slides[3], slides[4]].join('\n'))).toBe(false);
    const brief = docxParagraphs(readZip(readFileSync(fbOut(`briefs/${MISSING}.docx`)))).map((p) => p.text).join('\n');
    expect(brief).toContain('Договор о побратимстве и сотрудничестве');
    requirePopplerOrSkip(ctx);
    expect(pdfText(fbOut(`handouts/${MISSING}.pdf`))).toContain('Ла-Кросс');
    expect(CYRILLIC.test(pdfText(fbOut('handouts/serpukhov-richmond.pdf')))).toBe(false);
  });

  it('is listed by check --lang en (text and JSON)', () => {
    expect(check.code).toBe(0);
    expect(check.stderr + check.stdout).toContain(`content/partnerships/${MISSING}.en.md`);
    const report = JSON.parse(checkJson.stdout) as { diagnostics: { code: string; file: string; message: string }[]; warnings: number };
    expect(report.diagnostics.filter((d) => d.code === 'missing-translation')).toEqual([
      expect.objectContaining({ file: `content/partnerships/${MISSING}.md`, message: expect.stringContaining(`${MISSING}.en.md`) }),
    ]);
  });
});
