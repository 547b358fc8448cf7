/**
 * Loads, checks and compiles the Handlebars templates and locale files of a templates folder.
 * Everything is parsed up front (Handlebars compiles lazily, so a syntax error in a template
 * nobody rendered yet would otherwise surface mid-build), and each template's AST is checked
 * against the context's fields.
 */
import Handlebars from 'handlebars';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Lang } from '../document/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { checkTemplate } from './check.js';
import { brandGlyphCheck } from '../content/glyphs.js';
import { CONTEXT_SHAPE, type TemplateContext } from './context.js';
import { registerHelpers, HELPER_NAMES, type Locale } from './helpers.js';

import { TEMPLATE_FILES, type TemplateName } from './template-files.js';

export { TEMPLATE_FILES, type TemplateName } from './template-files.js';

export const DEFAULT_TEMPLATE_LIMIT = 256 * 1024;

/** strict: a field missing from the context throws instead of rendering an empty string; Markdown, not HTML, is escaped by the context. */
export const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;
/**
 * Prototype access stays off (Handlebars' default since 4.6); stated here so nobody turns it on.
 * With it off, `constructor`, `__proto__` and the `#with "s" as |string|` gadget find nothing.
 */
export const RUNTIME_OPTIONS = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;

export interface LoadedTemplates {
  dir: string;
  /** Source text of each template and locale file (for the build cache key). */
  sources: Record<string, string>;
  render(name: TemplateName, lang: Lang, context: TemplateContext): string;
  locale(lang: Lang): Locale;
}

/** Jison's token names, in the words a template author typed. */
const TOKEN_TEXT: Record<string, string> = {
  OPEN: '{{',
  OPEN_BLOCK: '{{#',
  OPEN_ENDBLOCK: '{{/',
  OPEN_INVERSE: '{{^',
  OPEN_PARTIAL: '{{>',
  CLOSE: '}}',
  CLOSE_UNESCAPED: '}}}',
  OPEN_SEXPR: '(',
  CLOSE_SEXPR: ')',
  EQUALS: '=',
};

interface ParseProblem {
  message: string;
  line: number;
  column: number;
}

/**
 * Where and what a Handlebars parse error is. Jison's message points into a 40-character excerpt
 * with newlines removed, not into the file; its lexer, which `parse` runs synchronously on a
 * shared parser, still holds the exact location of the token it choked on.
 */
function parseProblem(error: Error & { lineNumber?: number; column?: number }, parser: { lexer?: { yylloc?: { first_line: number; first_column: number } } }, text: string): ParseProblem {
  // Handlebars' own checks ("if doesn't match each") carry the opening block's position.
  if (error.lineNumber) {
    const mismatch = /^(\S+) doesn't match (\S+)/.exec(error.message);
    const message = mismatch ? `{{#${mismatch[1]}}} is closed by {{/${mismatch[2]}}}` : error.message.replace(/ - \d+:\d+$/, '');
    return { message, line: error.lineNumber, column: (error.column ?? 0) + 1 };
  }
  const loc = parser.lexer?.yylloc;
  const got = /got '(\w+)'/.exec(error.message)?.[1];
  // The offending text itself, up to the next space: `name\` in `{{council.name\`.
  const found = loc ? (/^\S{1,30}/.exec((text.split('\n')[loc.first_line - 1] ?? '').slice(loc.first_column))?.[0] ?? '') : '';
  let message = error.message.split('\n')[0]!;
  if (got === 'EOF') message = 'the template ends inside an open {{#block}} or {{ … }}';
  else if (got) message = `unexpected "${TOKEN_TEXT[got] ?? (found || got.toLowerCase())}"${got === 'OPEN' ? ' (is an earlier {{ … }} not closed?)' : ''}`;
  else if (/^Lexical error/.test(message)) message = 'unexpected characters inside {{ … }}';
  if (loc) return { message, line: loc.first_line, column: loc.first_column + 1 };
  const m = /on line (\d+)/.exec(error.message);
  return { message, line: m ? Number(m[1]) : 1, column: 1 };
}

export function loadTemplates(dir: string, langs: readonly Lang[], limit = DEFAULT_TEMPLATE_LIMIT): { templates?: LoadedTemplates; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const sources: Record<string, string> = {};
  const compiled = new Map<TemplateName, HandlebarsTemplateDelegate>();
  const locales = new Map<Lang, Locale>();
  const hbs = Handlebars.create();
  // Text the brand font cannot draw, in templates, locales and the brand file (running header).
  const glyphs = brandGlyphCheck(dir);
  if (glyphs && existsSync(join(dir, 'brand.yaml'))) diagnostics.push(...glyphs(readFileSync(join(dir, 'brand.yaml'), 'utf8').replace(/\r\n?/g, '\n'), join(dir, 'brand.yaml')));

  const readText = (file: string): string | undefined => {
    if (!existsSync(file)) {
      diagnostics.push(diagnostic('template-missing', { file }, { file, line: 1, column: 1 }));
      return undefined;
    }
    const size = statSync(file).size;
    if (size > limit) {
      diagnostics.push(diagnostic('file-too-large', { size, limit }, { file, line: 1, column: 1 }));
      return undefined;
    }
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    sources[file] = text;
    if (glyphs) diagnostics.push(...glyphs(text, file));
    return text;
  };

  for (const lang of new Set<Lang>(['ru', ...langs])) {
    const file = join(dir, 'locales', `${lang}.yaml`);
    const text = readText(file);
    if (text === undefined) continue;
    try {
      const data: unknown = parseYaml(text, { maxAliasCount: 50 });
      if (!data || typeof data !== 'object') throw new Error('expected key: value pairs');
      locales.set(lang, data as Locale);
    } catch (error) {
      const e = error as Error & { linePos?: { line: number; col: number }[] };
      const pos = e.linePos?.[0];
      diagnostics.push(diagnostic('yaml-syntax', { message: e.message.split('\n')[0] }, { file, line: pos?.line ?? 1, column: pos?.col ?? 1 }));
    }
  }

  for (const [name, fileName] of Object.entries(TEMPLATE_FILES) as [TemplateName, string][]) {
    const file = join(dir, fileName);
    const text = readText(file);
    if (text === undefined) continue;
    let ast: hbs.AST.Program;
    try {
      ast = hbs.parse(text);
    } catch (error) {
      const { message, line, column } = parseProblem(error as Error, (hbs as unknown as { Parser: Parameters<typeof parseProblem>[1] }).Parser, text);
      diagnostics.push(diagnostic('template-syntax', { message }, { file, line, column }));
      continue;
    }
    const shape = CONTEXT_SHAPE[name === 'deck' ? 'deck' : 'flow'];
    for (const problem of checkTemplate(ast, shape, HELPER_NAMES)) {
      const code = problem.kind === 'helper' ? 'template-unknown-helper' : 'template-unknown-field';
      const args = { name: problem.path, suggestion: problem.suggestion, available: problem.available?.join(', ') };
      diagnostics.push(diagnostic(code, args, { file, line: problem.line, column: problem.column }));
    }
    // strict: a field missing from the context throws instead of rendering an empty string.
    // knownHelpersOnly would forbid block params on `each`; the AST check above covers helpers.
    compiled.set(name, hbs.compile(ast, COMPILE_OPTIONS));
  }

  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  const locale = (lang: Lang): Locale => locales.get(lang) ?? locales.get('ru')!;
  const helperEnvs = new Map<Lang, typeof Handlebars>();
  const envFor = (lang: Lang): typeof Handlebars => {
    let env = helperEnvs.get(lang);
    if (!env) {
      env = Handlebars.create();
      registerHelpers(env, lang, locale(lang));
      helperEnvs.set(lang, env);
    }
    return env;
  };

  return {
    diagnostics,
    templates: {
      dir,
      sources,
      locale,
      render(name, lang, context) {
        const template = compiled.get(name)!;
        const env = envFor(lang);
        return template(context.data, { helpers: env.helpers, ...RUNTIME_OPTIONS });
      },
    },
  };
}
