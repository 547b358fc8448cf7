/**
 * Where council-press's own files are (package.json, schema/, dist/), wherever its code runs from:
 * the compiled modules (dist/**), or the one-file bundle (dist/bundle/, scripts/bundle.mjs), in
 * which esbuild replaces `import.meta.url` by the bundle's own location. Paths relative to a
 * module's URL would differ between the two; the folder that holds our package.json does not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/* Set to `true` by the bundler (esbuild `define`); an undeclared name everywhere else. */
declare const __COUNCIL_PRESS_BUNDLE__: boolean | undefined;

/** True when this code runs from dist/bundle (one file, with a V8 code cache) rather than dist/**. */
export const BUNDLED = typeof __COUNCIL_PRESS_BUNDLE__ !== 'undefined' && __COUNCIL_PRESS_BUNDLE__;

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'council-press') return dir;
    if (dirname(dir) === dir) throw new Error(`council-press: no package.json of council-press above ${from}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
