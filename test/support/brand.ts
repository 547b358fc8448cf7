// The shipped brand (templates/brand.yaml) for writer tests. No literal fallback: a brand that
// stops loading must fail the tests, not be silently replaced by a copy of its old values.
import { join } from 'node:path';
import { loadBrand } from '../../src/templates/brand.js';
import type { Brand } from '../../src/templates/brand-model.js';
import { REPO_ROOT } from './fontconfig.js';

export async function testBrand(): Promise<Brand> {
  return loadBrand(join(REPO_ROOT, 'templates'));
}
