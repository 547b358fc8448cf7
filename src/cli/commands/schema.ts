/** `council-press schema`: the JSON Schema of a partnership's front matter (the same text as schema/partnership.schema.json). */
import { partnershipJsonSchema } from '../../schema/partnership.js';
import { UsageError } from '../args.js';
import { EXIT } from '../exit.js';
import type { CommandContext } from './context.js';

export async function runSchema(ctx: CommandContext): Promise<number> {
  if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`);
  ctx.io.stdout(`${JSON.stringify(partnershipJsonSchema(), null, 2)}\n`);
  return EXIT.ok;
}
