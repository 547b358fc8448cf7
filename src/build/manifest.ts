/**
 * Joining the manifests of a sharded build (`--shard i/n` on n machines) into one: every
 * artifact once, sorted by path. Two shards claiming the same path with different bytes is an
 * error: the shards were built from different sources.
 */
import { readFileSync } from 'node:fs';
import { CouncilPressError } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import { VERSION } from '../version.js';

export interface ManifestEntry {
  path: string;
  format: string;
  lang: string;
  sources: string[];
  sha256: string;
  bytes: number;
}

export interface Manifest {
  generator: string;
  artifacts: ManifestEntry[];
}

export function renderManifest(entries: readonly ManifestEntry[]): string {
  const artifacts = [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(({ path, format, lang, sources, sha256, bytes }) => ({ path, format, lang, sources, sha256, bytes }));
  return `${JSON.stringify({ generator: `council-press ${VERSION}`, artifacts }, null, 2)}\n`;
}

export function mergeManifests(files: readonly string[]): string {
  const byPath = new Map<string, { entry: ManifestEntry; file: string }>();
  for (const file of files) {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
      if (!Array.isArray(manifest.artifacts)) throw new Error('no "artifacts" list');
    } catch (error) {
      throw new CouncilPressError([diagnostic('manifest-invalid', { reason: (error as Error).message }, { file, line: 1, column: 1 })]);
    }
    for (const entry of manifest.artifacts) {
      const seen = byPath.get(entry.path);
      if (seen && seen.entry.sha256 !== entry.sha256) {
        throw new CouncilPressError([diagnostic('manifest-conflict', { path: entry.path, other: seen.file }, { file, line: 1, column: 1 })]);
      }
      byPath.set(entry.path, { entry, file });
    }
  }
  return renderManifest([...byPath.values()].map((v) => v.entry));
}
