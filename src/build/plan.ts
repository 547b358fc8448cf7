/**
 * Which artifacts a build makes, and from which sources. One job per template rendering; the deck
 * job yields both the PPTX and the deck PDF (they share one layout, hence one line breaking).
 */
import type { Lang } from '../document/model.js';
import type { Edition } from '../schema/model.js';

export type Format = 'pptx' | 'docx' | 'pdf';
export const FORMATS: readonly Format[] = ['pptx', 'docx', 'pdf'];

export type JobKind = 'deck' | 'brief' | 'handout' | 'council-handout';

export interface Job {
  kind: JobKind;
  lang: Lang;
  /** The partnership's slug for briefs and handouts. */
  slug?: string;
  /** Output files relative to the output folder, with their format. */
  outputs: { path: string; format: Format }[];
  /** Absolute paths of the content files the job reads. */
  sources: string[];
}

/** A translation's words come from `<slug>.<lang>.md`, its facts from the Russian `<slug>.md`: both are sources. */
function withOriginals(files: string[]): string[] {
  return [...new Set(files.flatMap((f) => (/\.[a-z]{2}\.md$/.test(f) ? [f.replace(/\.[a-z]{2}\.md$/, '.md'), f] : [f])))];
}

export interface PlanOptions {
  /** Briefs and handouts of these partnership slugs only. */
  only?: readonly string[];
  /**
   * The deck's PPTX and PDF as two jobs, so two threads make them at once (each lays the deck out
   * itself: more work in all, less time when the other core would otherwise wait). Watch does this.
   */
  splitDeck?: boolean;
}

export function planJobs(editions: Edition[], formats: readonly Format[], options: PlanOptions = {}): Job[] {
  const { only, splitDeck } = options;
  const jobs: Job[] = [];
  const want = new Set(formats);
  for (const edition of editions) {
    const prefix = edition.lang === 'ru' ? '' : `${edition.lang}/`;
    const lang = edition.lang;
    const all = withOriginals([edition.council.file, ...edition.partnerships.map((p) => p.file)]);
    const deckOutputs = [
      ...(want.has('pptx') ? [{ path: `${prefix}deck.pptx`, format: 'pptx' as const }] : []),
      ...(want.has('pdf') ? [{ path: `${prefix}deck.pdf`, format: 'pdf' as const }] : []),
    ];
    if (splitDeck) for (const output of deckOutputs) jobs.push({ kind: 'deck', lang, outputs: [output], sources: all });
    else if (deckOutputs.length) jobs.push({ kind: 'deck', lang, outputs: deckOutputs, sources: all });
    for (const p of edition.partnerships) {
      if (only && !only.includes(p.slug)) continue;
      const sources = withOriginals([edition.council.file, p.file]);
      if (want.has('docx')) jobs.push({ kind: 'brief', lang, slug: p.slug, outputs: [{ path: `${prefix}briefs/${p.slug}.docx`, format: 'docx' }], sources });
      if (want.has('pdf')) jobs.push({ kind: 'handout', lang, slug: p.slug, outputs: [{ path: `${prefix}handouts/${p.slug}.pdf`, format: 'pdf' }], sources });
    }
    if (want.has('pdf')) jobs.push({ kind: 'council-handout', lang, outputs: [{ path: `${prefix}handouts/council.pdf`, format: 'pdf' }], sources: all });
  }
  return jobs;
}
