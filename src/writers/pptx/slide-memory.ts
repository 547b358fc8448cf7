/**
 * The XML of each slide of the last deck written under a name, for the next deck of that name.
 *
 * In watch, the deck is written again after every save, with all slides but the edited
 * partnership's as they were. pptxgenjs makes every slide's XML from scratch (at 300 partnerships,
 * ~600 slides and ~8.6 MB of XML: about half of the deck's PPTX time, with the garbage it leaves).
 * A slide whose laid-out content, number, layout and brand are the same gives the same XML, so the
 * writer hands pptxgenjs an empty slide (notes only) and puts the remembered part in its place, as
 * it was after post-processing (post-process.ts: its title box and the brand's bullets, both part
 * of the key), so that it is not decoded and rewritten again either.
 *
 * Only slides that refer to no other part are remembered: a picture, a chart or a link adds
 * relationships that an empty slide would not have. The slide number is part of the key because
 * pptxgenjs derives a table's shape id from it.
 */
import { createHash } from 'node:crypto';
import type { LaidSlide } from '../../layout/model.js';
import { LatestByName } from '../ooxml/latest-by-name.js';

type Slides = Map<string, Uint8Array>;

const decks = new LatestByName<Slides>(4);

/** The relationship lists pptxgenjs keeps on a slide (private fields of pptxgenjs 4). */
interface SlideRels {
  _rels?: unknown[];
  _relsMedia?: unknown[];
  _relsChart?: unknown[];
}

/** True when pptxgenjs's slide refers to no other part (and its rels list nothing but layout and notes). */
export function refersToNothing(slide: object): boolean {
  const s = slide as SlideRels;
  return Array.isArray(s._rels) && Array.isArray(s._relsMedia) && Array.isArray(s._relsChart) && s._rels.length + s._relsMedia.length + s._relsChart.length === 0;
}

/**
 * Each laid slide's frames as a digest. The layout stage hands out the same frames for a slide that
 * did not change (layout/deck.ts), and nothing modifies them, so each is serialised once.
 */
const framesDigests = new WeakMap<object, string>();
function framesDigest(frames: LaidSlide['frames']): string {
  let digest = framesDigests.get(frames);
  if (digest === undefined) framesDigests.set(frames, (digest = createHash('sha256').update(JSON.stringify(frames)).digest('base64')));
  return digest;
}

export class SlideMemory {
  private readonly previous: Slides;
  private readonly next: Slides = new Map();
  private readonly deckKey: string;

  /** `context`: everything beyond the slide that its XML depends on (the brand, the language). */
  constructor(
    private readonly name: string,
    context: unknown,
  ) {
    this.previous = decks.get(name) ?? new Map();
    this.deckKey = createHash('sha256').update(JSON.stringify(context)).digest('base64');
  }

  /** The key of the slide at `index` (0-based), or undefined for one with pictures or charts (never remembered). */
  keyOf(slide: LaidSlide, index: number): string | undefined {
    if (slide.frames.some((frame) => frame.kind === 'image' || frame.kind === 'chart')) return undefined;
    return `${this.deckKey} ${index} ${slide.layout} ${framesDigest(slide.frames)}`;
  }

  /** The finished XML the last deck had for a slide with this key. */
  recall(key: string): Uint8Array | undefined {
    const xml = this.previous.get(key);
    if (xml) this.next.set(key, xml);
    return xml;
  }

  /** Remembers a slide's finished XML for the next deck of this name. */
  keep(key: string, xml: Uint8Array): void {
    this.next.set(key, xml);
  }

  /** Ends this deck: its slides become the ones the next deck of this name is compared with. */
  commit(): void {
    decks.set(this.name, this.next);
  }
}

/** The slides remembered under a name (tests look into it). */
export function rememberedSlides(name: string): Map<string, Uint8Array> | undefined {
  return decks.get(name);
}
