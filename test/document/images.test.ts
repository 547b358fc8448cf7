// loadContentImage's three roads: a whole PNG of at most MAX_EDGE_PX is used as it is (checked
// without sharp, png.ts); a larger one is scaled down by sharp; a JPEG stays a JPEG. And a
// damaged small PNG is still reported, now by the check.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContentImage, MAX_EDGE_PX } from '../../src/document/images.js';

const work = realpathSync(mkdtempSync(join(tmpdir(), 'council-press-images-')));
const content = join(work, 'content');
const assets = join(content, 'assets');
const from = join(content, 'partnerships', 'a.md');
const at = { file: from, line: 12, column: 3 };

/** A picture with something in it (a gradient), so scaling and encoding have work to do. */
function picture(width: number, height: number): Sharp {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 13) & 0xff;
  return sharp(raw, { raw: { width, height, channels: 3 } });
}

const load = (name: string) => loadContentImage(join(assets, name), from, content, at);

beforeAll(async () => {
  mkdirSync(assets, { recursive: true });
  mkdirSync(join(content, 'partnerships'));
  writeFileSync(join(assets, 'small.png'), await picture(800, 400).png().toBuffer());
  writeFileSync(join(assets, 'large.png'), await picture(MAX_EDGE_PX + 600, 1500).png().toBuffer());
  writeFileSync(join(assets, 'photo.jpg'), await picture(640, 480).jpeg().toBuffer());
  const small = await picture(300, 200).png().toBuffer();
  writeFileSync(join(assets, 'cut.png'), small.subarray(0, Math.floor(small.length / 2)));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('loadContentImage', () => {
  it('uses a whole PNG of at most MAX_EDGE_PX as it is', async () => {
    const { image, diagnostics } = await load('small.png');
    expect(diagnostics).toEqual([]);
    expect(image).toMatchObject({ format: 'png', widthPx: 800, heightPx: 400, alt: 'small.png' });
    expect(image!.data.equals(await picture(800, 400).png().toBuffer())).toBe(true);
  });

  it('scales a larger PNG down to MAX_EDGE_PX on its long side, aspect kept', async () => {
    const { image, diagnostics } = await load('large.png');
    expect(diagnostics).toEqual([]);
    expect(image).toMatchObject({ format: 'png', widthPx: MAX_EDGE_PX, heightPx: Math.round((1500 * MAX_EDGE_PX) / (MAX_EDGE_PX + 600)) });
    const meta = await sharp(image!.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', image!.widthPx, image!.heightPx]);
  });

  it('keeps a JPEG a JPEG', async () => {
    const { image } = await load('photo.jpg');
    expect(image).toMatchObject({ format: 'jpeg', widthPx: 640, heightPx: 480 });
  });

  it('reports a damaged small PNG at the reference', async () => {
    const { image, diagnostics } = await load('cut.png');
    expect(image).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.position?.line, d.position?.column])).toEqual([['image-corrupt', 12, 3]]);
  });
});
