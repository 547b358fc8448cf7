/**
 * Loads `templates/brand.yaml` into a typed Brand. Font files may be given as package paths
 * (resolved from council-press's own dependencies, so a templates folder copied elsewhere still
 * finds PT Sans) or as paths relative to the brand file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import type { Brand } from './brand-model.js';
import { parseYamlWithPositions } from '../content/yaml.js';
import { zodIssuesToDiagnostics } from '../schema/zod-diagnostics.js';
import { CouncilPressError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';

const requireFromHere = createRequire(import.meta.url);

const hex = z.string().regex(/^[0-9A-Fa-f]{6}$/, 'a colour as 6 hex digits such as 1B3A6B');
const pt = z.number().positive().max(400);

export const brandSchema = z.strictObject({
  colors: z.strictObject({
    primary: hex,
    accent: hex,
    text: hex,
    muted: hex,
    background: hex,
    panel: hex,
  }),
  fonts: z.strictObject({
    family: z.string().min(1),
    files: z.strictObject({ regular: z.string(), bold: z.string(), italic: z.string(), boldItalic: z.string() }),
  }),
  logo: z.string().min(1),
  runningHeader: z.string().min(1),
  slide: z.strictObject({
    width: z.number().positive().max(56),
    height: z.number().positive().max(56),
    margin: z.number().min(0).max(5),
    titleSize: pt,
    bodySize: pt,
    minBodySize: pt,
    headerSize: pt,
    lineHeight: z.number().min(0.8).max(3),
  }),
  page: z.strictObject({
    width: z.number().positive().max(2000),
    height: z.number().positive().max(2000),
    margins: z.strictObject({ top: z.number().min(0), right: z.number().min(0), bottom: z.number().min(0), left: z.number().min(0) }),
    bodySize: pt,
    titleSize: pt,
    heading1Size: pt,
    heading2Size: pt,
    smallSize: pt,
    lineHeight: z.number().min(0.8).max(3),
  }),
});

function resolveAsset(spec: string, brandDir: string): string | undefined {
  if (isAbsolute(spec)) return spec;
  if (spec.startsWith('./') || spec.startsWith('../')) return resolve(brandDir, spec);
  const local = resolve(brandDir, spec);
  if (existsSync(local)) return local;
  try {
    return requireFromHere.resolve(spec);
  } catch {
    return undefined;
  }
}

export function loadBrand(templatesDir: string): Brand {
  const file = resolve(templatesDir, 'brand.yaml');
  if (!existsSync(file)) {
    throw new CouncilPressError([diagnostic('brand-missing', { file }, { file, line: 1, column: 1 })]);
  }
  const text = readFileSync(file, 'utf8');
  const parsed = parseYamlWithPositions(text, file, 0);
  if (parsed.diagnostics.length) throw new CouncilPressError(parsed.diagnostics);
  const result = brandSchema.safeParse(parsed.value);
  if (!result.success) throw new CouncilPressError(zodIssuesToDiagnostics(result.error.issues, parsed, file));
  const data = result.data;
  const dir = dirname(file);
  const problems: Diagnostic[] = [];
  const asset = (spec: string, path: (string | number)[]): string => {
    const found = resolveAsset(spec, dir);
    if (!found || !existsSync(found)) {
      problems.push(diagnostic('brand-asset-missing', { spec }, parsed.positionOf(path)));
      return '';
    }
    return found;
  };
  const brand: Brand = {
    file,
    colors: data.colors,
    fonts: {
      family: data.fonts.family,
      files: {
        regular: asset(data.fonts.files.regular, ['fonts', 'files', 'regular']),
        bold: asset(data.fonts.files.bold, ['fonts', 'files', 'bold']),
        italic: asset(data.fonts.files.italic, ['fonts', 'files', 'italic']),
        boldItalic: asset(data.fonts.files.boldItalic, ['fonts', 'files', 'boldItalic']),
      },
    },
    logo: asset(data.logo, ['logo']),
    runningHeader: data.runningHeader,
    slide: data.slide,
    page: data.page,
  };
  if (problems.length) throw new CouncilPressError(problems);
  return brand;
}
