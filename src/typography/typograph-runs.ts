/**
 * The typograph applied to a paragraph's runs. The runs are concatenated into one cell string so rules see
 * across formatting boundaries («**в** Москве», a quote opened in plain text and closed in bold), then each
 * cell's text goes back to the run it came from: formatting and `href` are kept, code runs are never touched.
 */
import type { Lang, Run } from '../document/model.js';
import { cellsToRuns, cellsToString, runsToCells, stringToCells, type Cells } from './cells.js';
import { typographEnCells } from './typograph-en.js';
import { typographRuCells } from './typograph-ru.js';

const CELL_TYPOGRAPHS: Record<Lang, (cells: Cells) => Cells> = {
  ru: typographRuCells,
  en: typographEnCells,
};

/*
 * Results are remembered per process, by language and input: the council's messaging and the
 * template's labels reach every brief and handout, so a 300-partnership build typographs the same
 * paragraphs hundreds of times (the rules cost about 9 µs a character). The typograph is a pure
 * function of its input, so a remembered result is the result. Bounded, so a long watch session
 * cannot grow without end.
 */
const MEMO_LIMIT = 20_000;
const textMemo = new Map<string, string>();
const runsMemo = new Map<string, readonly Run[]>();

function remember<T>(memo: Map<string, T>, key: string, value: T): T {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** The language's typograph on plain text (captions, labels, speaker notes). */
export function typographText(text: string, lang: Lang): string {
  const key = `${lang}\0${text}`;
  return textMemo.get(key) ?? remember(textMemo, key, cellsToString(CELL_TYPOGRAPHS[lang](stringToCells(text))));
}

/** The language's typograph across one paragraph's runs; returns new runs, the input is not mutated. */
export function typographRuns(runs: readonly Run[], lang: Lang): Run[] {
  if (runs.length === 0) return [];
  const key = `${lang}\0${JSON.stringify(runs)}`;
  const done = runsMemo.get(key) ?? remember(runsMemo, key, cellsToRuns(runs, CELL_TYPOGRAPHS[lang](runsToCells(runs))));
  // Fresh run objects each time: callers own what they get back.
  return done.map((run) => ({ ...run }));
}
