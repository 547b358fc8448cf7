/** The typograph over a whole Deck or FlowDocument, in the document's own language unless told otherwise. */
import type { Deck, FlowDocument, Lang } from '../document/model.js';
import { mapDocument } from './map-document.js';
import { typographRuns, typographText } from './typograph-runs.js';

/**
 * Returns a new document with every text typographed; the input is not mutated. `checkpoint` is
 * called before each slide or top-level block and may throw to abandon the work.
 */
export function typographDocument<D extends Deck | FlowDocument>(doc: D, lang: Lang = doc.meta.lang, checkpoint?: () => void): D {
  return mapDocument(doc, {
    runs: (runs) => typographRuns(runs, lang),
    text: (text) => typographText(text, lang),
    checkpoint,
  });
}
