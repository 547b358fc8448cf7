/**
 * The cache key of each job: everything that can change its bytes. Global inputs (tool version,
 * date, brand with its fonts and logo, every template and locale, every asset) plus the job's own
 * content files. A brief depends on its partnership and the council only, unless its template
 * reaches for `partnerships` (then on all of them).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { markdownName } from '../content/file-names.js';
import { VERSION } from '../version.js';
import { hashTree, sha256 } from './cache.js';
import type { Format, Job } from './plan.js';
import type { RenderEnv } from './render-artifact.js';
import { TEMPLATE_FILES } from '../templates/template-files.js';
import { BUNDLED, PACKAGE_ROOT } from '../package-root.js';

function stamp(path: string): string {
  try {
    const s = statSync(path);
    return `${path}:${s.size}:${s.mtimeMs}`;
  } catch {
    return `${path}:missing`;
  }
}

/**
 * Size and mtime of every compiled module: a rebuilt council-press (a developer's change with the
 * same version number) must not reuse artifacts its previous code made. npm's record of the
 * installed libraries (node_modules/.package-lock.json, rewritten by every install) stands for
 * their versions: a new pdfkit must not reuse artifacts the old one made either.
 */
const NPM_LOCKFILE = join(PACKAGE_ROOT, 'node_modules', '.package-lock.json');
let codeStampMemo: string | undefined;
export function codeStamp(): string {
  if (codeStampMemo) return codeStampMemo;
  const root = join(PACKAGE_ROOT, 'dist');
  const stamps: string[] = [stamp(NPM_LOCKFILE)];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) stamps.push(stamp(full));
    }
  };
  walk(root);
  return (codeStampMemo = sha256(stamps.sort().join('\n')));
}

/**
 * What the code that runs now is, as cheaply as it can be told: in the one-file bundles (which
 * bin/council-press.js runs only while they are current with every module they were made from),
 * the bundles' own stamps; from the compiled modules, codeStamp's walk of dist/ (~140 files).
 */
export function toolStamp(): string {
  if (!BUNDLED) return codeStamp();
  const bundles = join(PACKAGE_ROOT, 'dist', 'bundle');
  // A worker runs worker.cjs only while it is current too; the one module it holds that neither of
  // the others does is the worker's entry, so that entry's stamp stands for it.
  const workerOnly = join(PACKAGE_ROOT, 'dist', 'build', 'worker.js');
  return sha256([NPM_LOCKFILE, workerOnly, ...['made.json', 'cli.cjs', 'render.cjs', 'worker.cjs'].map((f) => join(bundles, f))].map(stamp).join('\n'));
}

export function jobKeys(jobs: readonly Job[], env: RenderEnv & { formats: readonly Format[] }, contentDir: string): Map<Job, string> {
  const content = hashTree(contentDir);
  const templateText = (name: keyof typeof TEMPLATE_FILES) => env.templates.sources[join(env.templates.dir, TEMPLATE_FILES[name])] ?? '';
  const global = createHash('sha256')
    .update(`council-press ${VERSION}\0${toolStamp()}\0${env.date.toISOString()}\0`)
    .update(JSON.stringify(env.brand))
    .update(Object.values(env.brand.fonts.files).map(stamp).join('\0'))
    .update(sha256(readFileSync(env.brand.logo)))
    .update(JSON.stringify(Object.entries(env.templates.sources).sort()))
    .update(JSON.stringify([...content].filter(([file]) => !markdownName(basename(file)))))
    .digest('hex');
  // Content files by what their names say (file-names.ts, as the loader reads them).
  const named = [...content].flatMap((entry) => {
    const name = markdownName(basename(entry[0]));
    return name ? [{ entry, stem: name.stem }] : [];
  });
  const allMarkdown = named.map(({ entry }) => entry);
  // Each partnership's own files (`<slug>.md`, `<slug>.<lang>.md`) with the council's, grouped in
  // one pass: filtering all files per job made 600 jobs × 300 files of work at N = 300.
  const council = named.filter(({ stem }) => stem === 'council').map(({ entry }) => entry);
  const bySlug = new Map<string, [string, string][]>();
  for (const { entry, stem } of named) {
    if (stem === 'council') continue;
    const own = bySlug.get(stem) ?? bySlug.set(stem, []).get(stem)!;
    own.push(entry);
  }
  // The walk is sorted, so council.* (content/) comes before partnerships/…: the same order as all files.
  const ownFiles = (slug: string) => [...council, ...(bySlug.get(slug) ?? [])];
  const keys = new Map<Job, string>();
  for (const job of jobs) {
    const template = job.kind === 'brief' ? templateText('brief') : job.kind === 'handout' ? templateText('handout') : '';
    const sources = job.slug && !template.includes('partnerships') ? ownFiles(job.slug) : allMarkdown;
    keys.set(job, sha256(JSON.stringify([global, job.kind, job.lang, job.slug ?? '', job.outputs, sources])));
  }
  return keys;
}
