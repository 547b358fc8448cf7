/**
 * Checks a template's AST against the fields the context offers, before anything is rendered.
 * Handlebars' strict mode only catches unknown fields in plain mustaches; a misspelt field used as
 * a helper argument (`{{#if phto}}`) would silently be false. Walking `Handlebars.parse`'s AST
 * with a scope stack catches both, with the template's own line and column.
 */
import { suggest } from '../diagnostics/suggest.js';
import type { Shape } from './context.js';

type AST = hbs.AST.Program;
type Node = hbs.AST.Node;

export interface UnknownField {
  path: string;
  line: number;
  column: number;
  kind: 'field' | 'helper';
  /** A close spelling that exists (`partnership.since` for `partnership.sinse`). */
  suggestion?: string;
  /** The fields that exist where the unknown one was looked for. */
  available?: string[];
}

const BLOCK_SCOPE_HELPERS = new Set(['each', 'with']);
const PASS_THROUGH_BLOCKS = new Set(['if', 'unless']);

function lookup(shape: Shape | undefined, parts: string[]): Shape | undefined {
  let current = shape;
  for (const part of parts) {
    if (current === undefined || current === true) return undefined;
    if (Array.isArray(current)) {
      if (part === 'length') return true;
      if (!/^\d+$/.test(part)) return undefined;
      current = current[0];
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = current[part];
  }
  return current;
}

export function checkTemplate(ast: AST, root: Shape, helpers: ReadonlySet<string>): UnknownField[] {
  const problems: UnknownField[] = [];
  const scopes: Shape[] = [root];
  // `{{#each partnerships as |p i|}}`: names bound by enclosing blocks, innermost last.
  const params: Map<string, Shape | undefined>[] = [];

  const resolvePath = (path: hbs.AST.PathExpression): Shape | undefined => {
    if (path.data) return true; // @index, @first, @last, @key, @root…
    const head = path.parts[0];
    if (path.depth === 0 && head !== undefined && !/^(this\b|\.\/)/.test(path.original)) {
      for (let i = params.length - 1; i >= 0; i--) {
        if (params[i]!.has(head)) {
          const bound = params[i]!.get(head);
          // Bound to something already reported as unknown: one report is enough.
          return bound === undefined ? true : lookup(bound, path.parts.slice(1));
        }
      }
    }
    const scope = scopes[Math.max(0, scopes.length - 1 - path.depth)];
    if (path.parts.length === 0) return scope; // `this`
    return lookup(scope, path.parts);
  };

  /** What exists one level up from an unknown path, for "did you mean" and the list of fields. */
  const nearby = (path: hbs.AST.PathExpression): Pick<UnknownField, 'suggestion' | 'available'> => {
    const parent = path.parts.length > 1 ? resolvePath({ ...path, parts: path.parts.slice(0, -1) }) : scopes[Math.max(0, scopes.length - 1 - path.depth)];
    if (parent === undefined || parent === true || Array.isArray(parent)) return {};
    const available = Object.keys(parent);
    if (path.parts.length === 1 && !/^(this\b|\.\/)/.test(path.original)) for (const m of params) available.push(...m.keys());
    const last = path.parts[path.parts.length - 1] ?? '';
    const hit = suggest(last, available.filter((name) => name !== last));
    const prefix = path.original.slice(0, path.original.length - last.length);
    return { available, suggestion: hit === undefined ? undefined : prefix + hit };
  };

  const checkValue = (node: Node): void => {
    if (node.type === 'PathExpression') {
      const path = node as hbs.AST.PathExpression;
      if (resolvePath(path) === undefined) {
        problems.push({ path: path.original, line: path.loc.start.line, column: path.loc.start.column + 1, kind: 'field', ...nearby(path) });
      }
    } else if (node.type === 'SubExpression') {
      checkCall(node as hbs.AST.SubExpression);
    }
  };

  const checkCall = (call: { path: Node; params: Node[]; hash?: hbs.AST.Hash }): void => {
    const isCall = call.params.length > 0 || (call.hash?.pairs.length ?? 0) > 0;
    const path = call.path as hbs.AST.PathExpression;
    if (isCall) {
      if (path.type === 'PathExpression' && !helpers.has(path.original)) {
        problems.push({ path: path.original, line: path.loc.start.line, column: path.loc.start.column + 1, kind: 'helper' });
      }
    } else if (path.type === 'PathExpression' && !helpers.has(path.original)) {
      checkValue(path);
    }
    call.params.forEach(checkValue);
    call.hash?.pairs.forEach((pair: hbs.AST.HashPair) => checkValue(pair.value));
  };

  const walk = (program: hbs.AST.Program | undefined): void => {
    if (!program) return;
    for (const node of program.body) {
      if (node.type === 'MustacheStatement') checkCall(node as hbs.AST.MustacheStatement);
      else if (node.type === 'BlockStatement') {
        const block = node as hbs.AST.BlockStatement;
        const name = (block.path as hbs.AST.PathExpression).original;
        block.params.forEach(checkValue);
        block.hash?.pairs.forEach((pair: hbs.AST.HashPair) => checkValue(pair.value));
        if (BLOCK_SCOPE_HELPERS.has(name)) {
          const param = block.params[0];
          // A literal (`{{#with "s"}}`) is a plain value: it has no fields, `constructor` included.
          const target = param?.type === 'PathExpression' ? resolvePath(param as hbs.AST.PathExpression) : param ? true : undefined;
          const inner = name === 'each' ? (Array.isArray(target) ? target[0] : undefined) : target;
          const names = block.program?.blockParams ?? [];
          params.push(new Map<string, Shape | undefined>(names.map((n, i) => [n, i === 0 ? inner : true])));
          scopes.push(inner ?? {});
          walk(block.program);
          scopes.pop();
          params.pop();
          walk(block.inverse);
        } else {
          if (!PASS_THROUGH_BLOCKS.has(name) && !helpers.has(name)) {
            problems.push({ path: name, line: block.loc.start.line, column: block.loc.start.column + 1, kind: 'helper' });
          }
          walk(block.program);
          walk(block.inverse);
        }
      } else if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement' || node.type === 'DecoratorBlock' || node.type === 'Decorator') {
        const loc = (node as hbs.AST.PartialStatement).loc;
        problems.push({ path: 'partial', line: loc.start.line, column: loc.start.column + 1, kind: 'helper' });
      }
    }
  };
  walk(ast);
  return problems;
}
