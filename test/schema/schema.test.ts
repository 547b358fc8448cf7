import { readFileSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { partnershipJsonSchema, partnershipSchema, partnershipTranslationSchema } from '../../src/schema/partnership.js';
import { councilSchema } from '../../src/schema/council.js';
import { zodIssuesToDiagnostics } from '../../src/schema/zod-diagnostics.js';
import { parseYamlWithPositions } from '../../src/content/yaml.js';
import { setMessagesLanguage } from '../../src/diagnostics/catalogue.js';

beforeEach(() => setMessagesLanguage('en'));

/** Front matter text (YAML only) → the diagnostics as `line:col code message`. */
function check(yaml: string, schema: typeof partnershipSchema | typeof partnershipTranslationSchema | typeof councilSchema = partnershipSchema): string[] {
  const parsed = parseYamlWithPositions(yaml, 'f.md', 1);
  expect(parsed.diagnostics).toEqual([]);
  const r = schema.safeParse(parsed.value);
  if (r.success) return [];
  return zodIssuesToDiagnostics(r.error.issues, parsed, 'f.md', { schema })
    .sort((a, b) => a.position!.line - b.position!.line)
    .map((d) => `${d.position!.line}:${d.position!.column} ${d.code} ${d.message}`);
}

const valid = 'city: Дубна\npartnerCity: Ла-Кросс\nstate: Висконсин\nsince: 1992\norder: 3\n';

describe('partnership schema', () => {
  it('accepts the minimal valid front matter', () => {
    expect(check(valid)).toEqual([]);
  });
  it('`12:30` stays a string under YAML 1.2 (js-yaml 3 would give 750)', () => {
    expect(parseYamlWithPositions('t: 12:30\nn: no\n', 'f', 0).value).toEqual({ t: '12:30', n: 'no' });
  });
  it('years, order, layout, lists and nested objects: field, expected, found, at the value', () => {
    expect(
      check(
        'city: ""\npartnerCity: Ла-Кросс\nstate: Висконсин\nsince: 1892\norder: 0\nlayout: slide\nprogrammes: здравоохранение\n' +
          'images:\n  - src: assets/a.png\n    alt: 5\n    captoin: x\ntimeline:\n  label: Делегации\n  points:\n    - { year: 1992, value: много }\n',
      ),
    ).toEqual([
      '2:7 invalid-type city: expected some text, got an empty text',
      '5:8 invalid-type since: expected a year such as 1992, got 1892',
      '6:8 invalid-type order: expected a whole number from 1 up, such as 3, got 0',
      '7:9 invalid-type layout: expected one of partnership, statement, list, section, got "slide"',
      '8:13 invalid-type programmes: expected a list of text items (lines starting with "- "), got "здравоохранение"',
      '11:10 invalid-type images[0].alt: expected text, got 5',
      '12:5 unknown-field unknown field "images[0].captoin"; did you mean "caption"?',
      '16:28 invalid-type timeline.points[0].value: expected a number, got "много"',
    ]);
  });
  it('a non-integer year', () => {
    expect(check(valid.replace('1992', '1992.5'))).toEqual(['5:8 invalid-type since: expected a year such as 1992, got 1992.5']);
  });
  it('front matter that is not a mapping', () => {
    expect(check('- a\n- b\n')).toEqual(['1:1 invalid-type (front matter): expected a group of fields, got a list']);
  });
  it('a translation refuses language-neutral facts', () => {
    const parsed = parseYamlWithPositions('city: Dubna\npartnerCity: La Crosse\nstate: Wisconsin\norder: 3\n', 'f.en.md', 1);
    const r = partnershipTranslationSchema.safeParse(parsed.value);
    const d = zodIssuesToDiagnostics(r.error!.issues, parsed, 'f.en.md', {
      schema: partnershipTranslationSchema,
      refusedFields: ['since', 'order', 'layout'],
      refusedFieldsHome: 'f.md',
    });
    expect(d.map((x) => [x.code, x.position!.line, x.message, x.hint])).toEqual([
      ['translation-fact', 5, '"order" does not belong in a translation: language-neutral facts live only in the Russian file', 'remove it here and keep it in f.md'],
    ]);
  });
  it('council: a missing nested field points at its parent', () => {
    expect(check('name: Совет\nlead: Города\ndirector:\n  name: Иванов\n', councilSchema)).toEqual([
      '5:3 missing-field missing required field "director.title"',
    ]);
  });
});

describe('JSON Schema for editors', () => {
  const schema = partnershipJsonSchema();
  it('is generated from the zod schema, strict, with the required fields and types', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['city', 'partnerCity', 'state', 'since', 'order']);
    const props = schema.properties as Record<string, Record<string, unknown>>;
    expect(props.since).toMatchObject({ type: 'integer', minimum: 1900, maximum: 2100 });
    expect(props.layout).toMatchObject({ enum: ['partnership', 'statement', 'list', 'section'] });
    expect(props.city!.description).toBe('Город Подмосковья, например «Дубна»');
  });
  it('schema/partnership.schema.json is in sync (UPDATE=1 rewrites it)', () => {
    const file = join(process.cwd(), 'schema/partnership.schema.json');
    const expected = JSON.stringify(schema, null, 2) + '\n';
    if (process.env.UPDATE === '1' || !existsSync(file)) {
      mkdirSync(join(process.cwd(), 'schema'), { recursive: true });
      writeFileSync(file, expected);
    }
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });
});
