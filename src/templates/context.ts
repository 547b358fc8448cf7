/**
 * What a template can see. The context is built from the validated model, every string escaped
 * for Markdown, every optional field present (as undefined) so Handlebars' strict mode can tell
 * "missing on purpose" from "misspelt". `CONTEXT_SHAPE` describes the same fields for the
 * up-front template check (helpers' arguments, which strict mode does not see).
 */
import type { Council, Edition, Partnership } from '../schema/model.js';
import type { Brand } from './brand-model.js';
import { EmbedRegistry } from './embeds.js';
import { escapeDeep } from './markdown-escape.js';

/** A field is a leaf (`true`), an object shape, or a list of a shape (`[shape]`). */
export type Shape = true | { [key: string]: Shape } | [Shape];

const partnershipShape: Shape = {
  slug: true,
  city: true,
  partnerCity: true,
  state: true,
  since: true,
  document: true,
  programmes: [true],
  order: true,
  layout: true,
  body: true,
  photos: true,
  chart: true,
  hasPhotos: true,
  hasChart: true,
};

const councilShape: Shape = {
  name: true,
  coverLines: [true],
  lead: true,
  director: { name: true, title: true },
  body: true,
};

export const CONTEXT_SHAPE: Record<'deck' | 'flow', Shape> = {
  deck: { lang: true, council: councilShape, partnerships: [partnershipShape], brand: { runningHeader: true } },
  flow: { lang: true, council: councilShape, partnership: partnershipShape, partnerships: [partnershipShape], brand: { runningHeader: true } },
};

function councilContext(council: Council, embeds: EmbedRegistry) {
  return {
    name: council.name,
    coverLines: council.coverLines ?? [council.name],
    lead: council.lead,
    director: council.director,
    body: embeds.token({ kind: 'body', body: council.body }),
  };
}

function partnershipContext(p: Partnership, embeds: EmbedRegistry) {
  return {
    slug: p.slug,
    city: p.city,
    partnerCity: p.partnerCity,
    state: p.state,
    // Years are integers shown as written, never formatted as numbers («1 990»).
    since: String(p.since),
    document: p.document,
    programmes: p.programmes,
    order: p.order,
    layout: p.layout,
    body: embeds.token({ kind: 'body', body: p.body }),
    photos: p.images.length ? embeds.token({ kind: 'images', images: p.images }) : '',
    chart: p.timeline ? embeds.token({ kind: 'chart', timeline: p.timeline }) : '',
    hasPhotos: p.images.length > 0,
    hasChart: Boolean(p.timeline),
  };
}

export interface TemplateContext {
  data: unknown;
  embeds: EmbedRegistry;
}

export function deckContext(edition: Edition, brand: Brand): TemplateContext {
  const embeds = new EmbedRegistry();
  const data = {
    lang: edition.lang,
    council: councilContext(edition.council, embeds),
    partnerships: edition.partnerships.map((p) => partnershipContext(p, embeds)),
    brand: { runningHeader: brand.runningHeader },
  };
  return { data: escapeDeep(data), embeds };
}

/** Context of a brief or handout; `partnership` is undefined for the combined council handout. */
export function flowContext(edition: Edition, brand: Brand, partnership?: Partnership): TemplateContext {
  const embeds = new EmbedRegistry();
  const data = escapeDeep({
    lang: edition.lang,
    council: councilContext(edition.council, embeds),
    partnership: partnership ? partnershipContext(partnership, embeds) : undefined,
    brand: { runningHeader: brand.runningHeader },
  }) as Record<string, unknown>;
  // Every partnership, made (and escaped) only if the template reads it: a brief's template
  // usually does not, and building all of them for each of 300 briefs and 300 handouts made
  // context building quadratic in the number of partnerships. An own property with a getter, so
  // Handlebars' strict mode and its own-property check see it like any other field; its embed
  // tokens are registered when it is first read, after the fields above, as before.
  let partnerships: unknown;
  Object.defineProperty(data, 'partnerships', {
    enumerable: true,
    get: () => (partnerships ??= escapeDeep(edition.partnerships.map((p) => partnershipContext(p, embeds)))),
  });
  return { data, embeds };
}
