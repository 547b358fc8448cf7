/**
 * Templates produce Markdown, so values are escaped for Markdown, not HTML: Handlebars' default
 * escaping would turn «Ла-Кросс & Co» into `&amp;`. Backslash-escaping ASCII punctuation is always
 * legal in CommonMark, so we escape everything that could start syntax.
 */
const INLINE_SPECIAL = /[\\`*_[\]<>#|~!&{}()]/g;

export function escapeMarkdown(value: string): string {
  let out = value.replace(/\r?\n+/g, ' ').replace(INLINE_SPECIAL, (c) => `\\${c}`);
  // Line-start syntax: a value placed at the start of a line must not become a list item,
  // an ordered-list number or a heading.
  out = out.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  return out;
}

/**
 * Returns a deep copy of `value` with every string escaped for Markdown. Objects marked as
 * `Trusted` (embed tokens made by council-press itself) pass through untouched.
 */
export function escapeDeep(value: unknown): unknown {
  if (typeof value === 'string') return escapeMarkdown(value);
  if (value instanceof Trusted) return value.toString();
  if (Array.isArray(value)) return value.map(escapeDeep);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = escapeDeep(v);
    return out;
  }
  return value;
}

/** A string council-press wrote itself (an embed token), not user data: never escaped. */
export class Trusted {
  constructor(private readonly text: string) {}
  toString(): string {
    return this.text;
  }
}
