// Run by docx.test.ts in a separate Node process (see ts-loader.mjs): builds the test brief and
// writes it to the path given, so the test can compare bytes across processes and time zones.
import { writeFileSync } from 'node:fs';
import { flowToDocx } from '../../../src/writers/docx/index.js';
import { testBrand, testDocument } from './fixture.js';

const out = process.argv[2];
if (!out) throw new Error('usage: child-build.ts <out.docx>');
const result = await flowToDocx(testDocument(), await testBrand());
writeFileSync(out, result.data);
