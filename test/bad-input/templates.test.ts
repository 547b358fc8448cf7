/**
 * Issue 4, cases 8–10: templates. Each fixture (test/fixtures/bad-input/<case>/templates/) is laid
 * over a copy of the shipped project and built with the real CLI; the exact diagnostics, exit 1, the
 * previous output untouched and nothing written anywhere else.
 */
import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILE_OPTIONS, RUNTIME_OPTIONS } from '../../src/templates/templates.js';
import { FIXTURES, makeProject, projectSnapshot, report, runCli, seedOutput, snapshot, type CliRun, type TestProject } from './project.js';

/** Builds a fixture over a previous output; asserts exit 1 and that nothing changed anywhere. */
async function failingBuild(fixture: string): Promise<{ run: CliRun; p: TestProject }> {
  const p = makeProject(fixture);
  const before = await seedOutput(p);
  const project = projectSnapshot(p);
  const run = await runCli(p.root, ['build', '--out', 'out']);
  expect(run.code, run.stderr).toBe(1);
  expect(snapshot(p.out), 'output/ is byte-for-byte as before').toEqual(before);
  expect(projectSnapshot(p), 'nothing written beside the output (no lock, no staging folder)').toEqual(project);
  return { run, p };
}

const HERE = 'the fields here are: lang, council, partnership, partnerships, brand';

describe('8. a template that uses an unknown field', () => {
  it('is an error at the template’s line and column: plain, inside {{#if}}, as a helper argument, through a block param', async () => {
    const { run } = await failingBuild('8-template-unknown-field');
    expect(report(run.stderr)).toBe(
      'templates/brief.md.hbs:20:7: error: the template uses an unknown field "phto" [template-unknown-field]\n' +
        `  hint: ${HERE}\n` +
        'templates/brief.md.hbs:21:3: error: the template uses an unknown field "phto" [template-unknown-field]\n' +
        `  hint: ${HERE}\n` +
        'templates/brief.md.hbs:23:8: error: the template uses an unknown field "partnership.programms"; did you mean "partnership.programmes"? [template-unknown-field]\n' +
        'templates/handout-council.md.hbs:17:68: error: the template uses an unknown field "p.sate"; did you mean "p.state"? [template-unknown-field]\n' +
        '4 errors, 0 warnings\n',
    );
    // The lines it points at are the ones the fixture changed.
    const brief = readFileSync(join(FIXTURES, '8-template-unknown-field/templates/brief.md.hbs'), 'utf8').split('\n');
    expect(brief[19]!.slice(6)).toMatch(/^phto/);
    expect(brief[20]!.slice(2)).toMatch(/^phto/);
    expect(brief[22]!.slice(7)).toMatch(/^partnership\.programms/);
  });

  it('`check` reports the same, in Russian when asked', async () => {
    const p = makeProject('8-template-unknown-field');
    const run = await runCli(p.root, ['check', '--messages', 'ru']);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe('templates/brief.md.hbs:20:7: error: шаблон использует неизвестное поле «phto» [template-unknown-field]');
    expect(existsSync(p.out)).toBe(false);
  });
});

describe('9. a Handlebars syntax error', () => {
  it('is found in every template before anything is rendered, at the offending token', async () => {
    const { run } = await failingBuild('9-template-syntax');
    const hint = '  hint: check that every {{#block}} has its {{/block}} and every {{ has its }}\n';
    expect(report(run.stderr)).toBe(
      'templates/brief.md.hbs:11:41: error: template syntax: unexpected "}}}" [template-syntax]\n' +
        hint +
        'templates/deck.md.hbs:11:20: error: template syntax: unexpected "name\\" [template-syntax]\n' +
        hint +
        'templates/handout.md.hbs:10:4: error: template syntax: {{#if}} is closed by {{/each}} [template-syntax]\n' +
        hint +
        '3 errors, 0 warnings\n',
    );
    expect(run.stdout).not.toMatch(/\.pdf|\.docx|\.pptx/); // nothing was rendered
  });
});

describe('10. prototype access in a template', () => {
  it('is refused by the template check: no artifact, no code run', async () => {
    const { run, p } = await failingBuild('10-template-prototype');
    const errors = run.stderr.split('\n').filter((l) => /: error: /.test(l));
    expect(errors.slice(0, 4)).toEqual([
      'templates/brief.md.hbs:20:3: error: the template uses an unknown field "constructor" [template-unknown-field]',
      'templates/brief.md.hbs:21:3: error: the template uses an unknown helper "lookup" [template-unknown-helper]',
      'templates/brief.md.hbs:22:28: error: the template uses an unknown field "string.constructor" [template-unknown-field]',
      'templates/brief.md.hbs:23:3: error: the template uses an unknown field "__proto__" [template-unknown-field]',
    ]);
    // The known remote-code gadget (lines 24–42) is refused line by line, never run.
    expect(errors.slice(4).every((l) => /^templates\/brief\.md\.hbs:(2[4-9]|3\d|4[0-2]):\d+: error: .*\[template-unknown-(field|helper)\]$/.test(l))).toBe(true);
    expect(report(run.stderr)).toMatch(/\n15 errors, 0 warnings\n$/);
    expect(existsSync(join(p.root, 'PWNED'))).toBe(false);
  });

  it('even past the check, the runtime options render the gadgets as nothing and run no code', () => {
    // Defence in depth: the same compile and runtime options the product uses, on the fixture's text.
    const source = readFileSync(join(FIXTURES, '10-template-prototype/templates/brief.md.hbs'), 'utf8');
    const gadgets = source.slice(source.indexOf('{{constructor}}'), source.lastIndexOf('{{partnership.photos}}'));
    const cwd = process.cwd();
    const hbs = Handlebars.create();
    const render = (text: string) => hbs.compile(text, { ...COMPILE_OPTIONS, strict: false })({ partnership: {} }, { ...RUNTIME_OPTIONS });
    expect(render('[{{constructor}}][{{lookup this "constructor"}}][{{#with "s" as |string|}}{{string.constructor}}{{/with}}][{{__proto__}}]')).toBe('[][][][]');
    expect(render(gadgets).replace(/\s+/g, '')).toBe('');
    try {
      hbs.compile(gadgets, COMPILE_OPTIONS)({ partnership: {} }, { ...RUNTIME_OPTIONS });
    } catch {
      // strict mode may refuse a field the gadget reaches for; either way nothing ran
    }
    expect(existsSync(join(cwd, 'PWNED'))).toBe(false);
  });
});
