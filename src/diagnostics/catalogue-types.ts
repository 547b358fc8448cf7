import type { Severity } from './diagnostic.js';

export type CatalogueArgs = Record<string, unknown>;
export type CatalogueText = (args: CatalogueArgs) => string;

/** One catalogue entry: severity, and message (and hint) in both languages. */
export interface CatalogueEntry {
  severity: Severity;
  message: { en: CatalogueText; ru: CatalogueText };
  hint?: { en: CatalogueText; ru: CatalogueText };
}
