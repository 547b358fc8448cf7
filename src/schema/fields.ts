/**
 * Field schemas shared by the content schemas. Each custom `error` is a key of the wording table in
 * src/diagnostics/wording.ts ("year" → "a year such as 1992" / «год, например 1992»), so the schemas stay
 * free of user-facing text in one language.
 */
import { z } from 'zod';

/** Non-empty text (not only spaces). */
export const text = () =>
  z.string({ error: 'text' }).min(1, { error: 'non-empty-text' }).regex(/\S/, { error: 'non-empty-text' });

/** A year is an integer; it is never formatted as a number (no thousands separator). */
export const year = () =>
  z
    .number({ error: 'year' })
    .int({ error: 'year' })
    .min(1900, { error: 'year' })
    .max(2100, { error: 'year' });

export const textList = () => z.array(text(), { error: 'text-list' });
