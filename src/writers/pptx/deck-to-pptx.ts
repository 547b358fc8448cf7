/**
 * LaidDeck → PPTX bytes. The layout stage decided every box and line; this writer builds the
 * brand's masters, translates frames into pptxgenjs objects, then normalises the package so two
 * builds of the same deck are byte-identical.
 */
import type { LaidDeck, TextFrame } from '../../layout/model.js';
import type { WriterResult } from '../writer.js';
import { normalizeOoxmlEntries } from '../ooxml/normalize-zip.js';
import { capturePptxParts } from './capture-parts.js';
import { addFrame, renumberCharts, type ChartTypes } from './frames.js';
import { defineMasters } from './masters.js';
import { pptxPartRewriter, type DeckFacts } from './post-process.js';
import { PptxGenJS } from './pptxgen.js';
import { runsText, type TextStyle } from './text.js';

const LAYOUT_NAME = 'COUNCIL_PRESS';
/** PowerPoint's widescreen is exactly 13⅓ in (12 192 000 EMU); "13.333" would be 305 EMU short. */
const WIDESCREEN_W = 40 / 3;

function slideWidth(w: number): number {
  return Math.abs(w - WIDESCREEN_W) < 0.001 ? WIDESCREEN_W : w;
}

export async function laidDeckToPptx(deck: LaidDeck): Promise<WriterResult> {
  const lang = deck.meta.langTag || 'ru-RU';
  const facts: DeckFacts = { meta: deck.meta, brand: deck.brand, lang, titles: [], titleBoxes: [], notes: [] };
  const parts = await pptxParts(deck, facts);
  // Made again after every edit in watch, with nearly every part as it was.
  const data = normalizeOoxmlEntries(parts, { date: deck.meta.date, rewrite: pptxPartRewriter(facts), sameAs: `deck.pptx:${lang}` });
  return { data, diagnostics: [] };
}

/**
 * The package's parts as pptxgenjs writes them. A function of its own so that pptxgenjs's objects
 * (every slide's shapes and runs, and each part's XML string) are garbage before the parts are
 * zipped: on a 300-slide deck they are ~60 MB of a ~110 MB heap.
 */
async function pptxParts(deck: LaidDeck, facts: DeckFacts): Promise<Record<string, Uint8Array>> {
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
  for (const laid of deck.slides) {
    const slide = pptx.addSlide({ masterName: laid.layout });
    laid.frames.forEach((frame, i) => addFrame(slide, frame, style, i, chartTypes));
    renumberCharts(slide, nextChartId);
    const title = laid.frames.find((f): f is TextFrame => f.kind === 'text' && f.role === 'title');
    facts.titles.push(title ? title.paragraphs.map((p) => runsText(p.runs)).join(' ') : `${laid.number}`);
    facts.titleBoxes.push(title?.box);
    facts.notes.push(laid.notes);
    if (laid.notes.length) slide.addNotes(laid.notes.join('\n'));
  }

  return capturePptxParts(() => pptx.write({ outputType: 'nodebuffer' }));
}
