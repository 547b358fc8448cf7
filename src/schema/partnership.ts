/**
 * Front matter of `content/partnerships/<slug>.md` (Russian, the source of every fact) and of its
 * translations `<slug>.<lang>.md` (words only). Strict objects: a misspelt key is an error with a
 * suggestion, never silently ignored.
 */
import { z } from 'zod';
import { text, textList, year } from './fields.js';

export const PARTNERSHIP_LAYOUTS = ['partnership', 'statement', 'list', 'section'] as const;

export const imageSchema = z.strictObject(
  {
    src: z.string({ error: 'image-path' }).min(1, { error: 'image-path' }).describe('Путь к картинке от папки content/, например assets/dubna.png'),
    alt: text().describe('Что изображено (для незрячих читателей)'),
    caption: text().optional().describe('Подпись под фотографией'),
    credit: text().optional().describe('Автор или источник фотографии'),
  },
  { error: 'image' },
);

export const timelineSchema = z.strictObject(
  {
    label: text().describe('Что считается, например «Делегации»'),
    points: z
      .array(z.strictObject({ year: year(), value: z.number({ error: 'number' }) }, { error: 'timeline-point' }), { error: 'list' })
      .min(1)
      .describe('Точки графика: год и значение'),
  },
  { error: 'mapping' },
);

export const partnershipSchema = z.strictObject({
  city: text().describe('Город Подмосковья, например «Дубна»'),
  partnerCity: text().describe('Город-побратим в США, например «Ла-Кросс»'),
  state: text().describe('Штат, например «Висконсин»'),
  since: year().describe('Год начала побратимства, например 1992'),
  document: text().optional().describe('Какой документ подписан, словами'),
  programmes: textList().optional().describe('Программы сотрудничества, списком'),
  order: z
    .number({ error: 'order' })
    .int({ error: 'order' })
    .min(1, { error: 'order' })
    .describe('Место в презентации: 1, 2, 3…'),
  layout: z.enum(PARTNERSHIP_LAYOUTS, { error: 'layout' }).optional().describe('Макет слайда (обычно не нужен)'),
  images: z.array(imageSchema, { error: 'list' }).optional().describe('Фотографии'),
  timeline: timelineSchema.optional().describe('Числовые данные по годам для графика'),
});

export type PartnershipFrontMatter = z.infer<typeof partnershipSchema>;

/** Facts shared by every edition: they live only in the Russian file. */
export const LANGUAGE_NEUTRAL_FIELDS = ['since', 'order', 'layout'] as const;

/** A translation holds only words; images and timeline carry only their wording, aligned with the Russian file. */
export const partnershipTranslationSchema = z.strictObject({
  city: text(),
  partnerCity: text(),
  state: text(),
  document: text().optional(),
  programmes: textList().optional(),
  images: z
    .array(z.strictObject({ alt: text().optional(), caption: text().optional(), credit: text().optional() }, { error: 'mapping' }), {
      error: 'list',
    })
    .optional(),
  timeline: z.strictObject({ label: text() }, { error: 'mapping' }).optional(),
});

export type PartnershipTranslationFrontMatter = z.infer<typeof partnershipTranslationSchema>;

/** JSON Schema (draft 7, what VS Code's YAML extension reads best) generated from the same zod schema. */
export function partnershipJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(partnershipSchema, { target: 'draft-7' }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'council-press: партнёрство (front matter)',
    description: 'Поля в начале файла content/partnerships/<slug>.md',
  };
}
