/** The templates a build renders, by name: kept apart from templates.ts (Handlebars) for the cache keys. */
export const TEMPLATE_FILES = {
  deck: 'deck.md.hbs',
  brief: 'brief.md.hbs',
  handout: 'handout.md.hbs',
  councilHandout: 'handout-council.md.hbs',
} as const;
export type TemplateName = keyof typeof TEMPLATE_FILES;
