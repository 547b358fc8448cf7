/** Front matter of `content/council.md` and its translations (all of it is words, so both use one schema). */
import { z } from 'zod';
import { text, textList } from './fields.js';

export const councilSchema = z.strictObject({
  name: text().describe('Полное название совета'),
  coverLines: textList().optional().describe('Название на титульном слайде, по строкам'),
  lead: text().describe('Вводная строка слайда о побратимствах'),
  director: z.strictObject({ name: text(), title: text() }, { error: 'mapping' }).describe('Руководитель: имя и должность'),
});

export type CouncilFrontMatter = z.infer<typeof councilSchema>;

export function councilJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(councilSchema, { target: 'draft-7' }) as Record<string, unknown>;
}
