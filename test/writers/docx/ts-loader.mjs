// A minimal TypeScript loader for the reproducibility test's child process: it must run the
// writer's current sources in a fresh Node process (another clock, another time zone), without
// depending on a compiled dist/ that may be stale. esbuild strips the types (TypeScript 7, the
// native compiler, has no JavaScript API); `.js` specifiers that point at a `.ts` file are
// resolved to it (NodeNext style).
import { existsSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

if (!process.env.__CP_TS_LOADER_HOOKS) {
  process.env.__CP_TS_LOADER_HOOKS = '1';
  register(import.meta.url, pathToFileURL('./'));
}

export async function resolve(specifier, context, next) {
  if (specifier.endsWith('.js') && (specifier.startsWith('.') || specifier.startsWith('file:')) && context.parentURL) {
    const ts = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const { transformSync } = await import('esbuild');
  const file = fileURLToPath(url);
  const out = transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: file });
  return { format: 'module', source: out.code, shortCircuit: true };
}
