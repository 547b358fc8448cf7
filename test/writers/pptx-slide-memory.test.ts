// In watch the deck is written again after every save; slides that did not change take the XML
// the last deck of the same name had (slide-memory.ts). The package must be exactly the one a
// fresh write makes, and the remembered XML must really be what goes in.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LaidDeck, LaidSlide } from '../../src/layout/model.js';
import { loadBrand } from '../../src/templates/brand.js';
import { laidDeckToPptx } from '../../src/writers/pptx/index.js';
import { rememberedSlides } from '../../src/writers/pptx/slide-memory.js';
import { REPO_ROOT } from '../support/fontconfig.js';
import { SAMPLE, sampleLaidDeck } from '../support/laid-deck.js';
import { readZip } from '../support/ooxml.js';

const brand = loadBrand(join(REPO_ROOT, 'templates'));
const base = sampleLaidDeck(brand);

/** The deck with the statement slide's first sentence edited (a save in watch). */
function edited(deck: LaidDeck): LaidDeck {
  const statement = SAMPLE.statement[0]!;
  const edit = (slide: LaidSlide): LaidSlide => JSON.parse(JSON.stringify(slide).replaceAll(statement, `${statement} Правка.`)) as LaidSlide;
  return { ...deck, slides: deck.slides.map((slide) => (slide.layout === 'statement' ? edit(slide) : slide)) };
}

const slideXml = (pptx: Buffer, n: number): string => readZip(pptx).get(`ppt/slides/slide${n}.xml`) as string;

describe('the deck written again with its slides remembered', () => {
  it('is byte for byte the deck a fresh write makes, after an edit and without one', async () => {
    const next = edited(base);
    expect(JSON.stringify(next.slides)).not.toBe(JSON.stringify(base.slides));
    const fresh = (await laidDeckToPptx(next)).data;
    await laidDeckToPptx(base, { rememberAs: 'memory-test-1' });
    expect((await laidDeckToPptx(next, { rememberAs: 'memory-test-1' })).data.equals(fresh)).toBe(true);
    expect((await laidDeckToPptx(next, { rememberAs: 'memory-test-1' })).data.equals(fresh)).toBe(true);
    expect(slideXml(fresh, 2)).toContain('Правка.');
  });

  it('remembers the slides without pictures, charts or links, and puts their XML back', async () => {
    await laidDeckToPptx(base, { rememberAs: 'memory-test-2' });
    const remembered = rememberedSlides('memory-test-2')!;
    // Title, statement and table; not the partnership slide (a link) nor the chart-and-photo slide.
    const withPictureOrLink = base.slides.filter((s) => s.frames.some((f) => f.kind === 'image' || f.kind === 'chart') || JSON.stringify(s.frames).includes('"href"')).length;
    expect(remembered.size).toBe(base.slides.length - withPictureOrLink);
    expect(remembered.size).toBeGreaterThan(0);
    // What is remembered is what goes in: a marked copy shows up in the next write.
    for (const [key, xml] of remembered) remembered.set(key, Buffer.from(Buffer.from(xml).toString('utf8').replace('<p:cSld', '<p:cSld name="from-memory"')));
    const again = (await laidDeckToPptx(base, { rememberAs: 'memory-test-2' })).data;
    const marked = base.slides.map((_, i) => slideXml(again, i + 1).includes('name="from-memory"'));
    expect(marked.filter(Boolean)).toHaveLength(remembered.size);
    expect(slideXml((await laidDeckToPptx(base)).data, 1)).not.toContain('from-memory');
  });
});
