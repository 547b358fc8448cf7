// Deflated streams remembered in watch (gathered-writes.ts rememberDeflatedStreams): the deck's PDF
// and a long handout made with remembering are byte for byte the ones made without, and the second
// time the same document is made its streams come from the memory, not from zlib again.
import { describe, expect, it } from 'vitest';
import { rememberedDeflateStats } from '../../src/writers/pdf/gathered-writes.js';
import { flowToPdf, laidDeckToPdf } from '../../src/writers/pdf/index.js';
import { laidDeck, longDocument, testBrand } from './pdf-fixtures.js';

const LABELS = { page: 'Стр.', of: 'из' };

describe('remembered deflated streams', () => {
  it('make the same deck PDF, and reuse its streams when it is made again', async () => {
    const brand = await testBrand();
    const plain = (await laidDeckToPdf(laidDeck(brand))).data;
    const first = (await laidDeckToPdf(laidDeck(brand), { rememberStreams: true })).data;
    const before = rememberedDeflateStats();
    const second = (await laidDeckToPdf(laidDeck(brand), { rememberStreams: true })).data;
    const after = rememberedDeflateStats();
    expect(first.equals(plain)).toBe(true);
    expect(second.equals(plain)).toBe(true);
    // Every compressed stream of the second deck was found; none was deflated again.
    expect(after.reused - before.reused).toBeGreaterThan(3);
    expect(after.deflated - before.deflated).toBe(0);
  });

  it('make the same long handout after its last page changed, deflating little more than that page', async () => {
    const brand = await testBrand();
    const original = longDocument(24);
    await flowToPdf(original, brand, { labels: LABELS, rememberStreams: true });
    // The closing chart gets another title: the pages before it are as they were.
    const changed = { ...original, blocks: original.blocks.map((b) => (b.kind === 'chart' ? { ...b, title: 'Делегации по годам' } : b)) };
    const plain = (await flowToPdf(changed, brand, { labels: LABELS })).data;
    const before = rememberedDeflateStats();
    const remembered = (await flowToPdf(changed, brand, { labels: LABELS, rememberStreams: true })).data;
    const after = rememberedDeflateStats();
    expect(remembered.equals(plain)).toBe(true);
    const pages = Number(/\/Type \/Pages\n\/Count (\d+)/.exec(plain.toString('latin1'))?.[1] ?? /\/Count (\d+)/.exec(plain.toString('latin1'))![1]);
    expect(pages).toBeGreaterThan(3);
    expect(after.reused - before.reused).toBeGreaterThanOrEqual(pages - 1);
    expect(after.deflated - before.deflated).toBeLessThanOrEqual(3);
  });
});
