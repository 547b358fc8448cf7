/**
 * The config file's shape (zod) and its validation with positions (the `yaml` package; JSON is
 * YAML 1.2). Loaded by config.ts only when a project has a config.
 */
import { z } from 'zod';
import { FORMATS } from '../build/plan.js';
import { parseYamlWithPositions } from '../content/yaml.js';
import { diagnostic } from '../diagnostics/catalogue.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { zodIssuesToDiagnostics } from '../schema/zod-diagnostics.js';

const path = () => z.string({ error: 'text' }).min(1, { error: 'non-empty-text' });

export const configSchema = z.strictObject({
  content: path().optional(),
  templates: path().optional(),
  out: path().optional(),
  cacheDir: path().optional(),
  formats: z.array(z.enum(FORMATS), { error: 'list' }).min(1).optional(),
  langs: z.array(z.enum(['ru', 'en']), { error: 'list' }).min(1).optional(),
  messages: z.enum(['en', 'ru']).optional(),
  strict: z.boolean({ error: 'boolean' }).optional(),
});

export type ConfigFile = z.infer<typeof configSchema>;

/** Validates the config object found at `keyPath` inside a parsed JSON file. */
export function validateConfig(file: string, text: string, json: unknown, keyPath: string[]): { config: ConfigFile; diagnostics: Diagnostic[] } {
  // The yaml package only for positions; the value is JSON.parse's.
  const parsed = parseYamlWithPositions(text, file, 0);
  // Valid JSON the yaml package still objects to is a duplicate key: JSON.parse silently keeps the last one.
  const diagnostics = parsed.diagnostics.filter((d) => d.severity === 'error');
  let value: unknown = json;
  for (const key of keyPath) value = (value as Record<string, unknown>)[key];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const field = keyPath.length ? keyPath.join('.') : '(config)';
    return { config: {}, diagnostics: [...diagnostics, diagnostic('invalid-type', { field, expected: 'mapping', found: value }, parsed.positionOf(keyPath))] };
  }
  const result = configSchema.safeParse(value);
  if (result.success) return { config: result.data, diagnostics };
  const source = {
    positionOf: (p: (string | number)[]) => parsed.positionOf([...keyPath, ...p]),
    keyPositionOf: (p: (string | number)[]) => parsed.keyPositionOf([...keyPath, ...p]),
    value,
  };
  return { config: {}, diagnostics: [...diagnostics, ...zodIssuesToDiagnostics(result.error.issues, source, file, { schema: configSchema })] };
}

