/**
 * One job, start to finish, in memory: template → Markdown → document → typograph → layout →
 * writer. Pure with respect to the disk (it reads images through the cached loader, writes
 * nothing), so jobs can run in any order or in worker threads.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { markdownToDeck, markdownToFlow, type TemplateOutput } from '../document/from-markdown.js';
import { loadContentImage, prefetchContentImage } from '../document/images.js';
import type { DocumentMeta, FlowDocument, Lang } from '../document/model.js';
import type { LaidDeck } from '../layout/model.js';
import type { Edition, Project } from '../schema/model.js';
import type { Brand } from '../templates/brand-model.js';
import { deckContext, flowContext } from '../templates/context.js';
import { TEMPLATE_FILES, type LoadedTemplates, type TemplateName } from '../templates/templates.js';
import { join } from 'node:path';
import { typographDocument } from '../typography/typograph-document.js';
import { hyphenateDocument, hyphenateEn, hyphenateRu, loadHyphenation } from '../typography/hyphenate.js';
import type { Format, Job } from './plan.js';
import { VERSION } from '../version.js';

/** Re-exported for the main thread: in the bundles, the render stage has its own catalogue (render-module.ts). */
export { setMessagesLanguage } from '../diagnostics/catalogue.js';
export { followAssetEpoch } from '../templates/asset-stamp.js';

/*
 * The layout stage and each writer's library are loaded on first use: a build that only checks,
 * finds everything in the cache, or makes one format never pays for the others' start-up.
 */
const lazy = {
  layout: () => import('../layout/deck.js'),
  pptx: () => import('../writers/pptx/index.js'),
  docx: () => import('../writers/docx/index.js'),
  pdf: () => import('../writers/pdf/index.js'),
};

/**
 * Loads the layout and every writer's library now rather than at their first job: a worker thread
 * of `build --watch` does this as it starts, while the first build is still being checked, so the
 * first save does not wait for it.
 */
export async function preloadRenderers(): Promise<void> {
  await Promise.all(Object.values(lazy).map((load) => load()));
}

export interface RenderEnv {
  project: Project;
  brand: Brand;
  templates: LoadedTemplates;
  /** Fixed date written into every artifact (SOURCE_DATE_EPOCH or the default). */
  date: Date;
  /**
   * The artifacts will be rendered again in this process after small changes (watch): a writer may
   * keep what the next render can reuse (the deck's slides; the deflated pages of the deck's PDF
   * and the combined handout). Off, nothing is kept.
   */
  incremental?: boolean;
  /**
   * Called between the Markdown's nodes, the typograph's and the layout's slides or blocks and each
   * writer's slides or blocks, in a render that may be abandoned (a warm-up in watch: cancel.ts);
   * it throws RenderCancelled to stop there. Absent, a render runs to the end.
   */
  checkpoint?: () => void;
}

export interface RenderedFile {
  path: string;
  format: Format;
  data: Buffer;
  /** Set when the bytes were hashed where they were made (a worker thread). */
  sha256?: string;
}

const LANG_TAGS: Record<Lang, string> = { ru: 'ru-RU', en: 'en-US' };

/**
 * The brand as one edition sees it: the running header is words, so a locale file may give its own
 * (templates/locales/en.yaml `runningHeader`); otherwise brand.yaml's text is used.
 */
function editionBrand(env: RenderEnv, lang: Lang): Brand {
  const header = env.templates.locale(lang).runningHeader;
  return header && header !== env.brand.runningHeader ? { ...env.brand, runningHeader: header } : env.brand;
}

function edition(env: RenderEnv, lang: Lang): Edition {
  return env.project.editions[lang] ?? env.project.editions.ru;
}

function meta(env: RenderEnv, lang: Lang, title: string, subject?: string): DocumentMeta {
  const council = edition(env, lang).council;
  return { title, subject, author: council.name, lang, langTag: LANG_TAGS[lang], date: env.date, producer: `council-press ${VERSION}` };
}

function templateOutput(env: RenderEnv, name: TemplateName, lang: Lang, context: ReturnType<typeof deckContext>): TemplateOutput {
  const locale = env.templates.locale(lang);
  return {
    templateFile: join(env.templates.dir, TEMPLATE_FILES[name]),
    markdown: env.templates.render(name, lang, context),
    embeds: context.embeds.embeds,
    contentDir: env.project.contentDir,
    notesHeadings: [locale.notesHeading ?? 'Заметки', 'Заметки', 'Notes'],
    yearLabel: locale.year,
    loadImage: loadContentImage,
    checkpoint: env.checkpoint,
  };
}

async function renderFlow(env: RenderEnv, job: Job, name: TemplateName, title: string): Promise<{ doc: FlowDocument; diagnostics: Diagnostic[] }> {
  const ed = edition(env, job.lang);
  const partnership = job.slug ? ed.partnerships.find((p) => p.slug === job.slug) : undefined;
  const context = flowContext(ed, editionBrand(env, job.lang), partnership);
  const { doc, diagnostics } = await markdownToFlow(templateOutput(env, name, job.lang, context), meta(env, job.lang, title, ed.council.name));
  return { doc: typographDocument(doc, undefined, env.checkpoint), diagnostics };
}

/**
 * The deck laid out. A function of its own so that the Markdown's deck model and its typographed
 * copy are garbage once laid out: an async function keeps every local alive across its awaits,
 * and at 300 partnerships they would stay in memory through both writers.
 */
async function laidDeck(env: RenderEnv, lang: Lang, brand: Brand, diagnostics: Diagnostic[]): Promise<LaidDeck> {
  const ed = edition(env, lang);
  const converted = await markdownToDeck(templateOutput(env, 'deck', lang, deckContext(ed, brand)), meta(env, lang, ed.council.name));
  diagnostics.push(...converted.diagnostics);
  const { layoutDeck } = await lazy.layout();
  const laid = layoutDeck(typographDocument(converted.deck, undefined, env.checkpoint), brand, { continuedSuffix: env.templates.locale(lang).continued, checkpoint: env.checkpoint });
  diagnostics.push(...laid.diagnostics);
  return laid.deck;
}

/**
 * Starts decoding the front-matter pictures of `jobs` (the deck and the combined handout show every
 * partnership's) and returns the jobs that show any, so a caller rendering them one after another
 * can do the others first while sharp decodes. Pictures in Markdown bodies are not known before
 * parsing and load when met.
 */
export function prefetchImages(env: RenderEnv, jobs: readonly Job[]): Set<Job> {
  const showing = new Set<Job>();
  for (const job of jobs) {
    const partnerships = edition(env, job.lang).partnerships.filter((p) => job.slug === undefined || p.slug === job.slug);
    for (const image of partnerships.flatMap((p) => p.images)) {
      prefetchContentImage(image.path);
      showing.add(job);
    }
  }
  return showing;
}

/*
 * The typography module's one function per language: the PDF writer remembers broken paragraphs
 * per hyphenator (by identity), so every handout must get the same function for the same language.
 */
const HYPHENATORS: Record<Lang, (text: string) => string> = { ru: hyphenateRu, en: hyphenateEn };

export async function renderJob(env: RenderEnv, job: Job): Promise<{ files: RenderedFile[]; diagnostics: Diagnostic[] }> {
  const ed = edition(env, job.lang);
  const locale = env.templates.locale(job.lang);
  const brand = editionBrand(env, job.lang);
  const files: RenderedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const out = (format: Format, data: Buffer) => {
    const target = job.outputs.find((o) => o.format === format);
    if (target) files.push({ path: target.path, format, data });
  };
  const hyphenate = HYPHENATORS[job.lang];
  // Briefs and handouts hyphenate; the patterns come from the bundle when the command runs from one.
  if (job.kind !== 'deck') await loadHyphenation(job.lang);

  if (job.kind === 'deck') {
    const laid = await laidDeck(env, job.lang, brand, diagnostics);
    if (job.outputs.some((o) => o.format === 'pptx')) {
      const { laidDeckToPptx } = await lazy.pptx();
      const pptx = await laidDeckToPptx(laid, { rememberAs: env.incremental ? `deck.pptx:${job.lang}` : undefined, checkpoint: env.checkpoint });
      diagnostics.push(...pptx.diagnostics);
      out('pptx', pptx.data);
    }
    if (job.outputs.some((o) => o.format === 'pdf')) {
      const { laidDeckToPdf } = await lazy.pdf();
      const pdf = await laidDeckToPdf(laid, { rememberStreams: env.incremental, checkpoint: env.checkpoint });
      diagnostics.push(...pdf.diagnostics);
      out('pdf', pdf.data);
    }
    return { files, diagnostics };
  }

  const p = job.slug ? ed.partnerships.find((x) => x.slug === job.slug) : undefined;
  // The document title (properties, footers) reads like the template's heading: the locale's slideTitle.
  const title = p ? (locale.slideTitle ?? '{city} — {partnerCity}').replace('{city}', () => p.city).replace('{partnerCity}', () => p.partnerCity) : ed.council.name;
  if (job.kind === 'brief') {
    const { doc, diagnostics: d } = await renderFlow(env, job, 'brief', title);
    diagnostics.push(...d);
    const { flowToDocx } = await lazy.docx();
    // Word breaks long words at the soft hyphens the patterns place (w:softHyphen); headings stay whole.
    const docx = await flowToDocx(hyphenateDocument(doc, job.lang), brand, { page: locale.page ?? 'Стр.', of: locale.of ?? 'из' });
    diagnostics.push(...docx.diagnostics);
    out('docx', docx.data);
  } else {
    const name: TemplateName = job.kind === 'handout' ? 'handout' : 'councilHandout';
    const { doc, diagnostics: d } = await renderFlow(env, job, name, title);
    diagnostics.push(...d);
    const { flowToPdf } = await lazy.pdf();
    const pdf = await flowToPdf(doc, brand, {
      labels: { page: locale.page ?? 'Стр.', of: locale.of ?? 'из' },
      hyphenate,
      commonGlyphs: job.kind === 'handout',
      // The combined handout is made again after every save in watch, most of its pages unchanged.
      rememberStreams: env.incremental && job.kind === 'council-handout',
      checkpoint: env.checkpoint,
    });
    diagnostics.push(...pdf.diagnostics);
    out('pdf', pdf.data);
  }
  return { files, diagnostics };
}
