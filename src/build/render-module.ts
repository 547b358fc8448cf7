/**
 * The render stage on this thread, loaded on first use. A build the cache answers, `check`, and
 * every command but a build that renders never load it: it is most of the code (the Markdown
 * parser, the layout, the three writers' libraries, fontkit).
 *
 * In the one-file bundles (scripts/bundle.mjs) it is a bundle of its own, dist/bundle/render.cjs
 * with its own code cache, so the CLI's bundle stays a third of the size and starts in a third of
 * the time; the CLI bundle's import of render-artifact.js is replaced by a load of that bundle.
 * Modules both bundles contain (the message catalogue, the templates' helpers) are then two
 * copies: nothing that crosses between them may depend on module identity, and the catalogue's
 * language is handed over (`renderOnThisThread`).
 */
import type { MessagesLanguage } from '../diagnostics/catalogue.js';
import { assetEpoch } from '../templates/asset-stamp.js';

type RenderModule = typeof import('./render-artifact.js');

let loading: Promise<RenderModule> | undefined;

/** The render stage, in the language the diagnostics it makes must be worded in. */
export async function renderOnThisThread(messages: MessagesLanguage): Promise<RenderModule> {
  const module = await (loading ??= import('./render-artifact.js'));
  module.setMessagesLanguage(messages);
  // In the bundles the render stage has its own copy of asset-stamp.ts: it follows the command's.
  module.followAssetEpoch(assetEpoch());
  return module;
}
