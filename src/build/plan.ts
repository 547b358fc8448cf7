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

/** A translation's words come from `<slug>.<lang>.md`, its facts from the Russian file beside it: both are sources. */
function sourcesOf(...items: readonly { file: string; factsFile?: string }[]): string[] {
  return [...new Set(items.flatMap((item) => (item.factsFile ? [item.factsFile, item.file] : [item.file])))];
}

export function planJobs(editions: Edition[], formats: readonly Format[], only?: readonly string[]): Job[] {
  const jobs: Job[] = [];
  const want = new Set(formats);
  for (const edition of editions) {
    const prefix = edition.lang === 'ru' ? '' : `${edition.lang}/`;
    const lang = edition.lang;
    const all = sourcesOf(edition.council, ...edition.partnerships);
    const deckOutputs = [
      ...(want.has('pptx') ? [{ path: `${prefix}deck.pptx`, format: 'pptx' as const }] : []),
      ...(want.has('pdf') ? [{ path: `${prefix}deck.pdf`, format: 'pdf' as const }] : []),
    ];
    if (deckOutputs.length) jobs.push({ kind: 'deck', lang, outputs: deckOutputs, sources: all });
    for (const p of edition.partnerships) {
      if (only && !only.includes(p.slug)) continue;
      const sources = sourcesOf(edition.council, p);
      if (want.has('docx')) jobs.push({ kind: 'brief', lang, slug: p.slug, outputs: [{ path: `${prefix}briefs/${p.slug}.docx`, format: 'docx' }], sources });
      if (want.has('pdf')) jobs.push({ kind: 'handout', lang, slug: p.slug, outputs: [{ path: `${prefix}handouts/${p.slug}.pdf`, format: 'pdf' }], sources });
    }
    if (want.has('pdf')) jobs.push({ kind: 'council-handout', lang, outputs: [{ path: `${prefix}handouts/council.pdf`, format: 'pdf' }], sources: all });
  }
  return jobs;
}
