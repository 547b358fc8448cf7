// Run by pdf-font-streams.test.ts in a separate Node process (see docx/ts-loader.mjs): builds the
// fixture handout with every per-process cache empty and writes it to the path given.
import { writeFileSync } from 'node:fs';
import { flowToPdf } from '../../src/writers/pdf/index.js';
import { COUNCIL_MESSAGE, handout, testBrand } from './pdf-fixtures.js';

const out = process.argv[2];
if (!out) throw new Error('usage: pdf-child-build.ts <out.pdf>');
const result = await flowToPdf(handout(), await testBrand(), { labels: { page: 'Стр.', of: 'из' }, pullQuote: COUNCIL_MESSAGE, commonGlyphs: true });
writeFileSync(out, result.data);
