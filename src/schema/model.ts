/**
 * The typed content model: what `loadProject` returns after every file has been read, parsed and
 * validated. Templates render from this; nothing downstream reads content files again.
 */
import type { SourcePosition } from '../diagnostics/diagnostic.js';
import type { Lang } from '../document/model.js';

/** A Markdown body together with where it starts in its file, so positions stay file-relative. */
export interface MarkdownBody {
  /** The Markdown text after the front matter (BOM removed, CRLF normalised to LF). */
  text: string;
  /** Absolute path of the file the body comes from. */
  file: string;
  /** 1-based line of the body's first line in that file. */
  startLine: number;
}

export interface ImageRef {
  /** Path as written in front matter, relative to the content folder (e.g. `assets/dubna.png`). */
  src: string;
  /** Absolute, resolved, checked to stay inside the content folder. */
  path: string;
  alt: string;
  caption?: string;
  credit?: string;
  position: SourcePosition;
}

export interface TimelinePoint {
  year: number;
  value: number;
}

export interface Timeline {
  /** What is counted, e.g. «Делегации». */
  label: string;
  points: TimelinePoint[];
}

export interface Council {
  lang: Lang;
  name: string;
  /** How the name is set on the title slide, one entry per line (default: the name on one line). */
  coverLines?: string[];
  /** The lead line of the partnerships slide («Города Подмосковья, связанные … с городами США:»). */
  lead: string;
  director: { name: string; title: string };
  /** The council's messaging (the seed's second slide). */
  body: MarkdownBody;
  file: string;
  /** When `file` is a translation: the Russian file it stands beside (also a source of the edition). */
  factsFile?: string;
}

export type PartnershipLayout = 'partnership' | 'statement' | 'list' | 'section';

export interface Partnership {
  lang: Lang;
  slug: string;
  city: string;
  partnerCity: string;
  state: string;
  /** Year the partnership began (an integer, never formatted as a number). */
  since: number;
  /** The kind of document signed, in words (e.g. «Договор о побратимстве и сотрудничестве»). */
  document?: string;
  programmes: string[];
  order: number;
  layout?: PartnershipLayout;
  images: ImageRef[];
  timeline?: Timeline;
  body: MarkdownBody;
  /** Absolute path of the file this edition's words come from. */
  file: string;
  /** When `file` is a translation: the Russian file the facts come from. */
  factsFile?: string;
  /** Position of the opening `---` of the front matter (for file-level diagnostics). */
  position: SourcePosition;
}

/** One language edition of all content. Translations share language-neutral facts with the Russian file. */
export interface Edition {
  lang: Lang;
  council: Council;
  /** Sorted by `order`. */
  partnerships: Partnership[];
}

export interface Project {
  contentDir: string;
  templatesDir: string;
  /** Always has `ru`; `en` when asked for (falling back to Russian text, with warnings, where a translation is missing). */
  editions: Partial<Record<Lang, Edition>> & { ru: Edition };
}
