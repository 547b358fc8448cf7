// The PPTX writer takes pptxgenjs's parts before JSZip zips them (capture-parts.ts): the package it
// makes from them must be exactly the package unzipped from pptxgenjs's own bytes — text parts,
// a picture given as base64 and a chart with its embedded workbook (zipped by JSZip itself).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturePptxParts } from '../../dist/writers/pptx/capture-parts.js';
import { normalizeOoxmlEntries, normalizeOoxmlZip } from '../../dist/writers/ooxml/normalize-zip.js';
import { PptxGenJS } from '../../dist/writers/pptx/pptxgen.js';
import { REPO_ROOT } from '../support/fontconfig.js';

function presentation() {
  const pptx = new PptxGenJS();
  const slide = pptx.addSlide();
  slide.addText('Серпухов — Ричмонд: «Открытый мир»', { x: 1, y: 1, w: 6, h: 1 });
  const png = readFileSync(join(REPO_ROOT, 'templates', 'logo.png')).toString('base64');
  slide.addImage({ data: `image/png;base64,${png}`, x: 1, y: 2, w: 1, h: 1 });
  slide.addChart(pptx.ChartType.bar, [{ name: 'Делегации', labels: ['1990', '2001'], values: [2, 5] }], { x: 3, y: 2, w: 4, h: 3 });
  slide.addNotes('Заметки');
  return pptx;
}

describe('capturePptxParts', () => {
  it('gives the parts pptxgenjs would have zipped', async () => {
    const date = new Date('2026-01-01T00:00:00Z');
    // One presentation written twice: pptxgenjs numbers charts across all presentations of a process.
    const pptx = presentation();
    // Counts the zips JSZip really makes while capturing: the chart's workbook only, never the package.
    const JSZip = (await import('jszip')).default;
    const real = JSZip.prototype.generateAsync;
    const made: string[] = [];
    JSZip.prototype.generateAsync = function (this: InstanceType<typeof JSZip>, ...args: Parameters<typeof real>) {
      made.push(String(args[0]?.type));
      return real.apply(this, args);
    } as typeof real;
    let captured: Record<string, Uint8Array>;
    try {
      captured = await capturePptxParts(() => pptx.write({ outputType: 'nodebuffer' }));
    } finally {
      JSZip.prototype.generateAsync = real;
    }
    expect(made).toEqual(['base64']);
    const zipped = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
    expect(Object.keys(captured)).toContain('ppt/slides/slide1.xml');
    expect(Object.keys(captured).some((n) => /^ppt\/embeddings\/.+\.xlsx$/.test(n))).toBe(true);
    expect(Object.keys(captured).some((n) => /^ppt\/media\/.+\.png$/.test(n))).toBe(true);
    expect(Buffer.from(captured['ppt/slides/slide1.xml']!).toString('utf8')).toContain('Серпухов — Ричмонд');
    expect(normalizeOoxmlEntries(captured, { date }).equals(normalizeOoxmlZip(zipped, { date }))).toBe(true);
  });

  it('leaves JSZip as it was, also when the write fails', async () => {
    const JSZip = (await import('jszip')).default;
    const before = JSZip.prototype.generateAsync;
    const addFile = JSZip.prototype.file;
    await expect(capturePptxParts(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(JSZip.prototype.generateAsync).toBe(before);
    expect(JSZip.prototype.file).toBe(addFile);
    const zip = new JSZip();
    zip.file('a.txt', 'ф');
    expect((await zip.generateAsync({ type: 'nodebuffer' })).subarray(0, 2).toString()).toBe('PK');
  });
});
