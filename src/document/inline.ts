/**
 * mdast phrasing content → runs. Links are checked here: only http(s), mailto and tel reach an
 * artifact; anything else (`javascript:`, `file:`, `data:`) is refused with the link's position.
 */
import type { PhrasingContent } from 'mdast';
import type { Run, TextRun } from './model.js';
import type { ConvertContext } from './context.js';

const SAFE_LINK = /^(https?:\/\/|mailto:|tel:)/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

interface Style {
  bold?: boolean;
  italic?: boolean;
  href?: string;
}

function pushText(runs: Run[], text: string, style: Style, code = false): void {
  if (!text) return;
  // A soft line break inside a paragraph is a space, as every Markdown renderer shows it.
  const value = text.replace(/[ \t]*\n[ \t]*/g, ' ');
  const run: TextRun = { text: value };
  if (style.bold) run.bold = true;
  if (style.italic) run.italic = true;
  if (style.href) run.href = style.href;
  if (code) run.code = true;
  runs.push(run);
}

export function phrasingToRuns(nodes: readonly PhrasingContent[], ctx: ConvertContext, style: Style = {}, runs: Run[] = []): Run[] {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        pushText(runs, node.value, style);
        break;
      case 'inlineCode':
        pushText(runs, node.value, style, true);
        break;
      case 'strong':
        phrasingToRuns(node.children, ctx, { ...style, bold: true }, runs);
        break;
      case 'emphasis':
        phrasingToRuns(node.children, ctx, { ...style, italic: true }, runs);
        break;
      case 'delete':
        phrasingToRuns(node.children, ctx, style, runs);
        break;
      case 'break':
        runs.push({ break: true });
        break;
      case 'link': {
        const url = node.url.trim();
        if (SAFE_LINK.test(url)) {
          phrasingToRuns(node.children, ctx, { ...style, href: url }, runs);
        } else if (HAS_SCHEME.test(url)) {
          ctx.report('unsafe-link', { url: url.slice(0, 80) }, node.position);
          phrasingToRuns(node.children, ctx, style, runs);
        } else {
          ctx.report('relative-link', { url: url.slice(0, 80) }, node.position);
          phrasingToRuns(node.children, ctx, style, runs);
        }
        break;
      }
      case 'html':
        ctx.reportHtml(node.value, node.position);
        break;
      case 'image':
        // Images inside running text are lifted out by the block converter; nothing to add here.
        break;
      default:
        // footnotes, link references and the like carry no text of their own worth keeping
        if ('children' in node) phrasingToRuns(node.children as PhrasingContent[], ctx, style, runs);
        else if ('value' in node && typeof node.value === 'string') pushText(runs, node.value, style);
    }
  }
  return mergeRuns(runs);
}

function sameStyle(a: TextRun, b: TextRun): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.code === b.code && a.href === b.href;
}

/** Adjacent runs with the same formatting become one, so writers emit fewer, longer runs. */
export function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    if (last && !('break' in last) && !('break' in run) && sameStyle(last, run)) {
      out[out.length - 1] = { ...last, text: last.text + run.text };
    } else out.push(run);
  }
  return out;
}

export function runsText(runs: readonly Run[]): string {
  return runs.map((r) => ('break' in r ? '\n' : r.text)).join('');
}
