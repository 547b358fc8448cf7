/**
 * The typograph applied to a paragraph's runs. The runs are concatenated into one cell string so rules see
 * across formatting boundaries («**в** Москве», a quote opened in plain text and closed in bold), then each
 * cell's text goes back to the run it came from: formatting and `href` are kept, code runs are never touched.
 */
import type { Lang, Run } from '../document/model.js';
import { cellsToRuns, cellsToString, runsToCells, stringToCells, type Cell } from './cells.js';
import { typographEnCells } from './typograph-en.js';
import { typographRuCells } from './typograph-ru.js';

const CELL_TYPOGRAPHS: Record<Lang, (cells: Cell[]) => Cell[]> = {
  ru: typographRuCells,
  en: typographEnCells,
};

/** The language's typograph on plain text (captions, labels, speaker notes). */
export function typographText(text: string, lang: Lang): string {
  return cellsToString(CELL_TYPOGRAPHS[lang](stringToCells(text)));
}

/** The language's typograph across one paragraph's runs; returns new runs, the input is not mutated. */
export function typographRuns(runs: readonly Run[], lang: Lang): Run[] {
  if (runs.length === 0) return [];
  return cellsToRuns(runs, CELL_TYPOGRAPHS[lang](runsToCells(runs)));
}
