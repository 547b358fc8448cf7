/**
 * `council-press merge-manifests <shard>/manifest.json…`: the last step of a sharded CI build. Joins the
 * shards' manifests (the library's mergeManifests refuses two shards that disagree about a path) and
 * gathers every listed file from beside its manifest into one output folder, each checked against its
 * sha256, through the same output transaction as a build: all or nothing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { mergeManifests, type Manifest } from '../../build/manifest.js';
import { OutputTransaction } from '../../build/output-dir.js';
import { CouncilPressError, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { diagnostic } from '../../diagnostics/catalogue.js';
import { UsageError } from '../args.js';
import { EXIT } from '../exit.js';
import { say } from '../messages.js';
import type { CommandContext } from './context.js';

export async function runMergeManifests(ctx: CommandContext): Promise<number> {
  const { settings, reporter } = ctx;
  if (!ctx.args.length) throw new UsageError('merge-manifests: give the shards\' manifest.json files (or their folders)');
  // A folder stands for its manifest.json, so `merge-manifests shards/*` works in shells without `**`.
  const files = ctx.args.map((arg) => {
    const path = resolve(settings.cwd, arg);
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'manifest.json') : path;
    if (!existsSync(file)) throw new UsageError(`merge-manifests: not found: ${arg}`);
    return file;
  });

  const merged = mergeManifests(files);
  // Where each path's bytes come from: the first manifest that lists it (mergeManifests made sure they agree).
  const origin = new Map<string, string>();
  for (const file of files) {
    for (const entry of (JSON.parse(readFileSync(file, 'utf8')) as Manifest).artifacts) if (!origin.has(entry.path)) origin.set(entry.path, file);
  }
  const entries = (JSON.parse(merged) as Manifest).artifacts;
  const problems: Diagnostic[] = [];
  const data = new Map<string, Buffer>();
  for (const entry of entries) {
    const manifest = origin.get(entry.path)!;
    const source = join(dirname(manifest), entry.path);
    const position = { file: manifest, line: 1, column: 1 };
    if (!existsSync(source)) {
      problems.push(diagnostic('shard-file', { path: entry.path, missing: true }, position));
      continue;
    }
    const bytes = readFileSync(source);
    if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256) problems.push(diagnostic('shard-file', { path: entry.path }, position));
    else data.set(entry.path, bytes);
  }
  if (problems.length) throw new CouncilPressError(problems);

  const tx = OutputTransaction.begin(settings.outDir, false);
  try {
    for (const [path, bytes] of data) tx.write(path, bytes);
    tx.write('manifest.json', merged);
    tx.commit();
  } catch (error) {
    tx.abort();
    throw error;
  }
  reporter.success(say().merged(entries.length, files.length, reporter.path(settings.outDir)));
  return EXIT.ok;
}
