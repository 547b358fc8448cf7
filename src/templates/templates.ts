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
import { CONTEXT_SHAPE, type TemplateContext } from './context.js';
import { registerHelpers, HELPER_NAMES, type Locale } from './helpers.js';

export const TEMPLATE_FILES = {
  deck: 'deck.md.hbs',
  brief: 'brief.md.hbs',
  handout: 'handout.md.hbs',
  councilHandout: 'handout-council.md.hbs',
} as const;
export type TemplateName = keyof typeof TEMPLATE_FILES;

export const DEFAULT_TEMPLATE_LIMIT = 256 * 1024;

export interface LoadedTemplates {
  dir: string;
  /** Source text of each template and locale file (for the build cache key). */
  sources: Record<string, string>;
  render(name: TemplateName, lang: Lang, context: TemplateContext): string;
  locale(lang: Lang): Locale;
}

function parseErrorPosition(error: Error & { lineNumber?: number; column?: number }): { line: number; column: number } {
  if (error.lineNumber) return { line: error.lineNumber, column: (error.column ?? 0) + 1 };
  const m = /Parse error on line (\d+):\n(.*)\n(-*)\^/.exec(error.message);
  if (m) return { line: Number(m[1]), column: m[3]!.length + 1 };
  return { line: 1, column: 1 };
}

function firstLine(message: string): string {
  const m = /Expecting (.*), got '(\w+)'/.exec(message);
  if (m) return `unexpected ${m[2]!.toLowerCase()}`;
  return message.split('\n')[0]!.replace(/ - \d+:\d+$/, '');
}

export function loadTemplates(dir: string, langs: readonly Lang[], limit = DEFAULT_TEMPLATE_LIMIT): { templates?: LoadedTemplates; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const sources: Record<string, string> = {};
  const compiled = new Map<TemplateName, HandlebarsTemplateDelegate>();
  const locales = new Map<Lang, Locale>();
  const hbs = Handlebars.create();

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
      const e = error as Error;
      diagnostics.push(diagnostic('template-syntax', { message: firstLine(e.message) }, { file, ...parseErrorPosition(e) }));
      continue;
    }
    const shape = CONTEXT_SHAPE[name === 'deck' ? 'deck' : 'flow'];
    for (const problem of checkTemplate(ast, shape, HELPER_NAMES)) {
      const code = problem.kind === 'helper' ? 'template-unknown-helper' : 'template-unknown-field';
      diagnostics.push(diagnostic(code, { name: problem.path }, { file, line: problem.line, column: problem.column }));
    }
    // strict: a field missing from the context throws instead of rendering an empty string.
    // knownHelpersOnly would forbid block params on `each`; the AST check above covers helpers.
    compiled.set(name, hbs.compile(ast, { strict: true, noEscape: true }));
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
        return template(context.data, {
          helpers: env.helpers,
          // Prototype access stays off (Handlebars' default since 4.6); stated here so nobody turns it on.
          allowProtoPropertiesByDefault: false,
          allowProtoMethodsByDefault: false,
        });
      },
    },
  };
}
