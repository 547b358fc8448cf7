/**
 * What the Markdown → document conversion needs from its surroundings: where the nodes come
 * from (a content file or a template's output), how to report a problem, and how to load an
 * image. Diagnostics are collected, never printed.
 */
import type { Position } from 'unist';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { ImageBlock } from './model.js';

export interface ConvertContext {
  /** Absolute path of the file the nodes at hand came from. */
  file: string;
  contentDir: string;
  diagnostics: Diagnostic[];
  report(code: string, args: Record<string, unknown>, position?: Position): void;
  reportHtml(html: string, position?: Position): void;
  position(position?: Position): SourcePosition | undefined;
  /** Loads an image referenced from `file` (relative path), or reports why it cannot. */
  loadImage(ref: string, alt: string, position?: Position): Promise<ImageBlock | undefined>;
}

export type ImageLoader = (ref: string, fromFile: string, contentDir: string, position: SourcePosition) => Promise<{ image?: ImageBlock; diagnostics: Diagnostic[] }>;

export function createContext(file: string, contentDir: string, diagnostics: Diagnostic[], loadImage: ImageLoader): ConvertContext {
  const ctx: ConvertContext = {
    file,
    contentDir,
    diagnostics,
    position(position) {
      return position ? { file, line: position.start.line, column: position.start.column } : undefined;
    },
    report(code, args, position) {
      diagnostics.push(diagnostic(code, args, ctx.position(position) ?? { file, line: 1, column: 1 }));
    },
    reportHtml(html, position) {
      // HTML comments are how authors hide a line; they never carry content, so they pass quietly.
      if (/^<!--[\s\S]*-->$/.test(html.trim())) return;
      ctx.report('raw-html', { html: html.trim().slice(0, 40) }, position);
    },
    async loadImage(ref, alt, position) {
      const where = ctx.position(position) ?? { file, line: 1, column: 1 };
      const result = await loadImage(ref, file, contentDir, where);
      diagnostics.push(...result.diagnostics);
      return result.image ? { ...result.image, alt: alt || result.image.alt, source: where } : undefined;
    },
  };
  return ctx;
}
