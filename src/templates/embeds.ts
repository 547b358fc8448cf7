/**
 * Embeds carry content into a template's output without turning it into text first. A template
 * writes `{{partnership.body}}`; what it gets is a token such as `<!--cp:embed:3-->`, and the
 * document stage splices in the body's own Markdown tree, parsed from the content file with the
 * file's own line numbers. So a diagnostic about a body (an unsafe link, a missing image) points
 * into the content file, not into an intermediate string, and a `---` in a body can never split
 * a slide.
 */
import type { ImageRef, MarkdownBody, Timeline } from '../schema/model.js';
import { Trusted } from './markdown-escape.js';

export type Embed =
  | { kind: 'body'; body: MarkdownBody }
  | { kind: 'images'; images: ImageRef[] }
  | { kind: 'chart'; timeline: Timeline };

export const EMBED_PATTERN = /^<!--cp:embed:(\d+)-->$/;

export class EmbedRegistry {
  readonly embeds: Embed[] = [];

  /** A token on its own lines, so CommonMark parses it as an HTML block at the top level. */
  token(embed: Embed): Trusted {
    this.embeds.push(embed);
    return new Trusted(`\n\n<!--cp:embed:${this.embeds.length - 1}-->\n\n`);
  }
}
