/**
 * LaidDeck → PPTX bytes. The layout stage decided every box and line; this writer builds the
 * brand's masters, translates frames into pptxgenjs objects (or, for the text boxes and tables of
 * most slides, writes their XML itself: slide-xml.ts), then normalises the package so two builds
 * of the same deck are byte-identical.
 */
import type { Frame, LaidDeck, TextFrame } from '../../layout/model.js';
import type { WriterResult } from '../writer.js';
import { normalizeOoxmlEntries } from '../ooxml/normalize-zip.js';
import { capturePptxParts } from './capture-parts.js';
import { addFrame, renumberCharts, type ChartTypes } from './frames.js';
import { defineMasters } from './masters.js';
import { pptxPartRewriter, type DeckFacts } from './post-process.js';
import { PptxGenJS } from './pptxgen.js';
import { refersToNothing, SlideMemory } from './slide-memory.js';
import { framesXml, ownFrames } from './slide-xml.js';
import { runsText, type TextStyle } from './text.js';

const LAYOUT_NAME = 'COUNCIL_PRESS';
/** PowerPoint's widescreen is exactly 13⅓ in (12 192 000 EMU); "13.333" would be 305 EMU short. */
const WIDESCREEN_W = 40 / 3;

function slideWidth(w: number): number {
  return Math.abs(w - WIDESCREEN_W) < 0.001 ? WIDESCREEN_W : w;
}

export interface PptxOptions {
  /**
   * The deck will be written again in this process with few changes (watch): remember its slides
   * and zip entries under this name, and reuse those of the last deck written under it.
   */
  rememberAs?: string;
  /** Called before each slide; may throw to abandon the deck. */
  checkpoint?: () => void;
  /**
   * Who writes the XML of text boxes and tables: this writer (slide-xml.ts; the default), or
   * pptxgenjs, which makes the same bytes more slowly (tests compare the two; for measuring,
   * COUNCIL_PRESS_PPTX_XML=pptxgenjs sets it in a whole build).
   */
  slideXml?: 'own' | 'pptxgenjs';
}

export async function laidDeckToPptx(deck: LaidDeck, options: PptxOptions = {}): Promise<WriterResult> {
  const lang = deck.meta.langTag || 'ru-RU';
  const facts: DeckFacts = { meta: deck.meta, brand: deck.brand, lang, titles: [], titleBoxes: [], notes: [] };
  const memory = options.rememberAs === undefined ? undefined : new SlideMemory(options.rememberAs, [deck.brand, lang]);
  const { parts, recalled, toKeep } = await pptxParts(deck, facts, memory, options.checkpoint, (options.slideXml ?? process.env.COUNCIL_PRESS_PPTX_XML) !== 'pptxgenjs');
  options.checkpoint?.();
  const data = normalizeOoxmlEntries(parts, {
    date: deck.meta.date,
    rewrite: pptxPartRewriter(facts),
    sameAs: options.rememberAs,
    finished: recalled,
    onPart: memory && ((name, bytes) => {
      const key = toKeep.get(name);
      if (key !== undefined) memory.keep(key, bytes);
    }),
  });
  memory?.commit();
  return { data, diagnostics: [] };
}

interface WrittenParts {
  parts: Record<string, Uint8Array>;
  /** Slides put in as the last deck of this name had them, finished. */
  recalled: Set<string>;
  /** Slides to remember once finished, by part name: their keys. */
  toKeep: Map<string, string>;
}

/**
 * The package's parts as pptxgenjs writes them. A function of its own so that pptxgenjs's objects
 * (every slide's shapes and runs, and each part's XML string) are garbage before the parts are
 * zipped: on a 300-slide deck they are ~60 MB of a ~110 MB heap.
 */
async function pptxParts(deck: LaidDeck, facts: DeckFacts, memory?: SlideMemory, checkpoint?: () => void, ownXml = true): Promise<WrittenParts> {
  const { meta, brand, lang } = facts;
  const style: TextStyle = { brand, lang };

  const pptx = new PptxGenJS();
  pptx.defineLayout({ name: LAYOUT_NAME, width: slideWidth(brand.slide.width), height: brand.slide.height });
  pptx.layout = LAYOUT_NAME;
  // Theme fonts: the major (headings) and minor (body) Latin faces; Cyrillic is set in the Latin slot.
  pptx.theme = { headFontFace: brand.fonts.family, bodyFontFace: brand.fonts.family };
  pptx.title = meta.title;
  pptx.author = meta.author;
  pptx.company = meta.author;
  pptx.subject = meta.subject ?? '';
  pptx.revision = '1';
  defineMasters(pptx, brand, lang);

  const chartTypes: ChartTypes = { bar: pptx.ChartType.bar, line: pptx.ChartType.line };
  let charts = 0;
  const nextChartId = (): number => ++charts;
  // Slides whose XML the last deck of this name had (replaced after writing), and slides to remember.
  const recalled = new Map<string, Uint8Array>();
  const toKeep = new Map<string, string>();
  // Slides whose text boxes and tables slide-xml.ts writes (made as pptxgenjs hands over the part).
  const own = new Map<string, { frames: Frame[]; afterTitle: boolean; number: number }>();
  deck.slides.forEach((laid, index) => {
    checkpoint?.();
    const slide = pptx.addSlide({ masterName: laid.layout });
    const part = `ppt/slides/slide${index + 1}.xml`;
    const key = memory?.keyOf(laid, index);
    const xml = key === undefined ? undefined : memory!.recall(key);
    if (xml) recalled.set(part, xml);
    else {
      const mine = ownXml ? ownFrames(laid, style) : undefined;
      if (mine) {
        if (mine.title) addFrame(slide, mine.title, style, 0, chartTypes);
        own.set(part, { frames: mine.frames, afterTitle: mine.title !== undefined, number: index + 1 });
      } else laid.frames.forEach((frame, i) => addFrame(slide, frame, style, i, chartTypes));
      renumberCharts(slide, nextChartId);
      if (key !== undefined && refersToNothing(slide)) toKeep.set(part, key);
    }
    const title = laid.frames.find((f): f is TextFrame => f.kind === 'text' && f.role === 'title');
    facts.titles.push(title ? title.paragraphs.map((p) => runsText(p.runs)).join(' ') : `${laid.number}`);
    facts.titleBoxes.push(title?.box);
    facts.notes.push(laid.notes);
    if (laid.notes.length) slide.addNotes(laid.notes.join('\n'));
  });

  const parts = await capturePptxParts(
    () => pptx.write({ outputType: 'nodebuffer' }),
    (name, xml) => {
      const slide = own.get(name);
      if (!slide) return xml;
      // Where pptxgenjs would have put them: after the title, the slide's first shape; else first.
      const after = slide.afterTitle ? '</p:sp>' : '</p:grpSpPr>';
      const at = xml.indexOf(after);
      if (at < 0) throw new Error(`pptx: no ${after} in ${name}`);
      const end = at + after.length;
      return xml.slice(0, end) + framesXml(slide.frames, slide.afterTitle ? 1 : 0, slide.number, style) + xml.slice(end);
    },
  );
  for (const [part, xml] of recalled) parts[part] = xml;
  return { parts, recalled: new Set(recalled.keys()), toKeep };
}
