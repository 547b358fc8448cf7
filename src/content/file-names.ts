/**
 * What a content file's name says. A partnership is `partnerships/<slug>.md` and its translation
 * `<slug>.<lang>.md`; the council is `council.md` and `council.<lang>.md`. The loader, the cache
 * keys (a partnership's own files) and the early threads' guess at the work read a name here, so
 * a name means the same to all of them (the plan takes a translation's Russian file from the
 * loaded model: `factsFile`).
 */

export interface MarkdownName {
  /** The name without its language and `.md`: a partnership's slug, or `council`. */
  stem: string;
  /** A translation's language as written (two letters, either case); absent for the Russian original. */
  lang?: string;
}

/** `<stem>.md` or `<stem>.<lang>.md` (`.md` in either case); undefined for any other file. */
export function markdownName(name: string): MarkdownName | undefined {
  if (!/\.md$/i.test(name)) return undefined;
  const base = name.slice(0, -3);
  const translation = /^(.+)\.([A-Za-z]{2})$/.exec(base);
  return translation ? { stem: translation[1]!, lang: translation[2]! } : { stem: base };
}
