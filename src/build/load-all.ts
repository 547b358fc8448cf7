/**
 * Loading and checking everything a build reads (content, brand, templates); renders nothing.
 * Imported on first use by build() (a build the record answers needs none of it) and by check.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadProject } from '../content/load-project.js';
import { CouncilPressError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { Lang } from '../document/model.js';
import type { Project } from '../schema/model.js';
import { loadBrand } from '../templates/brand.js';
import type { Brand } from '../templates/brand-model.js';
import { loadTemplates, type LoadedTemplates } from '../templates/templates.js';

export interface ProjectOptions {
  /** Folder of the Markdown content (default `content`). */
  contentDir?: string;
  /** Folder of the templates and brand (default `templates`). */
  templatesDir?: string;
  /** Editions to build (default `['ru']`). */
  langs?: Lang[];
  /** Base for relative paths (default `process.cwd()`). */
  cwd?: string;
}

export interface LoadedProject {
  project?: Project;
  brand?: Brand;
  templates?: LoadedTemplates;
  diagnostics: Diagnostic[];
}

/** Loads and checks content, brand and templates; renders nothing. */
export function loadAll(options: ProjectOptions): LoadedProject {
  const cwd = options.cwd ?? process.cwd();
  const contentDir = resolve(cwd, options.contentDir ?? 'content');
  const templatesDir = resolve(cwd, options.templatesDir ?? 'templates');
  const langs = options.langs ?? ['ru'];
  const diagnostics: Diagnostic[] = [];
  let brand: Brand | undefined;
  try {
    brand = loadBrand(templatesDir);
  } catch (error) {
    if (!(error instanceof CouncilPressError)) throw error;
    diagnostics.push(...error.diagnostics);
  }
  const templates = loadTemplates(templatesDir, langs);
  diagnostics.push(...templates.diagnostics);
  const loaded = existsSync(contentDir)
    ? loadProject({ contentDir, templatesDir, langs })
    : { project: undefined, diagnostics: [diagnostic('content-missing', { dir: contentDir }, { file: contentDir, line: 1, column: 1 })] };
  diagnostics.push(...loaded.diagnostics);
  return { project: loaded.project, brand, templates: templates.templates, diagnostics };
}

