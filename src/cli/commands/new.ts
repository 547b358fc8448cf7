/** `council-press new partnership <slug>`: writes content/partnerships/<slug>.md to fill in; never overwrites. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { SLUG_PATTERN } from '../../content/load-project.js';
import { CouncilPressError } from '../../diagnostics/diagnostic.js';
import { diagnostic } from '../../diagnostics/catalogue.js';
import { UsageError } from '../args.js';
import { EXIT } from '../exit.js';
import { say } from '../messages.js';
import { partnershipScaffold } from '../scaffold.js';
import type { CommandContext } from './context.js';
import { PACKAGE_ROOT } from '../../package-root.js';

const SCHEMA_FILE = join('schema', 'partnership.schema.json');
/** The copy shipped in the npm package (package.json "files" lists schema/). */
const PACKAGE_SCHEMA = join(PACKAGE_ROOT, SCHEMA_FILE);

/** `Dubna_La Crosse` → `dubna-la-crosse`; nothing when no Latin letters or digits are left. */
function suggestSlug(text: string): string | undefined {
  const slug = text
    .toLowerCase()
    .replace(/\.md$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug && SLUG_PATTERN.test(slug) ? slug : undefined;
}

/** One more than the largest `order:` among the existing partnerships (read leniently: a broken file counts as none). */
function nextOrder(dir: string): number {
  let max = 0;
  if (!existsSync(dir)) return 1;
  for (const name of readdirSync(dir)) {
    if (!/^[^.]+\.md$/.test(name)) continue;
    const match = /^order:[ \t]*(\d+)[ \t]*$/m.exec(readFileSync(join(dir, name), 'utf8'));
    if (match) max = Math.max(max, Number(match[1]));
  }
  return max + 1;
}

function schemaPathFrom(fileDir: string, cwd: string): string {
  const local = join(cwd, SCHEMA_FILE);
  const target = existsSync(local) ? local : PACKAGE_SCHEMA;
  return relative(fileDir, target).split(sep).join('/');
}

export async function runNew(ctx: CommandContext): Promise<number> {
  const { settings, reporter } = ctx;
  const [kind, slug, ...rest] = ctx.args;
  if (kind !== 'partnership') throw new UsageError(kind ? `new: unknown kind "${kind}" (use: new partnership <slug>)` : 'new: what? (use: new partnership <slug>)');
  if (!slug) throw new UsageError('new partnership: give the file name, e.g. new partnership dubna-la-crosse');
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (!SLUG_PATTERN.test(slug)) {
    throw new CouncilPressError([diagnostic('new-slug', { slug, suggestion: suggestSlug(slug) })]);
  }
  const dir = join(settings.contentDir, 'partnerships');
  const file = join(dir, `${slug}.md`);
  if (existsSync(file)) {
    throw new CouncilPressError([diagnostic('file-exists', { path: reporter.path(file) }, { file, line: 1, column: 1 })]);
  }
  mkdirSync(dirname(file), { recursive: true });
  // `wx`: fail rather than overwrite if the file appeared since the check above.
  writeFileSync(file, partnershipScaffold({ schemaPath: schemaPathFrom(dir, settings.cwd), order: nextOrder(dir) }), { flag: 'wx' });
  reporter.success(say().created(reporter.path(file)));
  reporter.line(`  ${say().fillIn()}`);
  return EXIT.ok;
}
