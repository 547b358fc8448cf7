// The OOXML zip writer (native deflate and CRC, compressed entries remembered by level, length and
// CRC): archives read back with fflate and with `unzip -t`, the same bytes for the same entries,
// and never a stale payload for a buffer that changed in place, a CRC collision or a package's
// part that changed since its last version.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, neverChanges, writeZip, type ZipEntry } from '../../src/writers/ooxml/zip-writer.js';
import { REPO_ROOT } from '../support/fontconfig.js';
import { run, toolAvailable } from '../support/tools.js';

const OUT = join(REPO_ROOT, 'test/.out/ooxml-zip');
const DATE = new Date('2024-05-06T07:08:10Z');
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A deterministic, poorly compressible megabyte-ish buffer (like a font). */
function noise(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = (i % 7 === 0 ? 0x41 : x) & 0xff;
  }
  return out;
}

function readBack(zip: Buffer): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(zip)).map(([k, v]) => [k, Buffer.from(v).toString('latin1')]));
}

describe('zip writer', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(text('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('writes archives that fflate and unzip read back, stored and deflated entries alike', () => {
    const font = noise(300_000, 7);
    const entries: ZipEntry[] = [
      { name: '[Content_Types].xml', data: text('<Types/>'.repeat(50)), level: 6 },
      { name: 'word/document.xml', data: text('<w:p>Привет, мир</w:p>'.repeat(200)), level: 6 },
      { name: 'word/media/a.png', data: noise(5000, 3), level: 0 },
      { name: 'word/fonts/font1.odttf', data: font, level: 6 },
    ];
    const zip = writeZip(entries, DATE);
    const back = readBack(zip);
    expect(Object.keys(back)).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(back[e.name]).toBe(Buffer.from(e.data).toString('latin1'));
    if (toolAvailable('unzip')) {
      mkdirSync(OUT, { recursive: true });
      const file = join(OUT, 'roundtrip.zip');
      writeFileSync(file, zip);
      expect(run('unzip', ['-t', file]).stdout).toMatch(/No errors detected/);
    }
  });

  it('gives the same bytes for the same entries, from the cache or not', () => {
    const make = (): ZipEntry[] => [
      { name: 'a.xml', data: text('<a>один</a>'.repeat(30)), level: 6 },
      { name: 'f.odttf', data: noise(200_000, 11), level: 6 },
    ];
    const first = writeZip(make(), DATE);
    // Fresh buffers with the same content (as every brief makes its parts anew).
    expect(writeZip(make(), DATE).equals(first)).toBe(true);
  });

  it('encodes a buffer declared unchanging as any other, once', () => {
    const plain = noise(150_000, 17);
    const fixed = neverChanges(Buffer.from(plain));
    const a = writeZip([{ name: 'font.odttf', data: fixed, level: 6 }], DATE);
    expect(writeZip([{ name: 'font.odttf', data: fixed, level: 6 }], DATE).equals(a)).toBe(true);
    expect(writeZip([{ name: 'font.odttf', data: plain, level: 6 }], DATE).equals(a)).toBe(true);
    expect(readBack(a)['font.odttf']).toBe(plain.toString('latin1'));
    // Stored, too (a level has its own entry).
    expect(readBack(writeZip([{ name: 'font.odttf', data: fixed, level: 0 }], DATE))['font.odttf']).toBe(plain.toString('latin1'));
  });

  it('never reuses a payload for a buffer changed in place', () => {
    const data = noise(100_000, 5);
    const before = readBack(writeZip([{ name: 'x.bin', data, level: 6 }], DATE));
    data[12_345] ^= 0xff;
    const after = readBack(writeZip([{ name: 'x.bin', data, level: 6 }], DATE));
    expect(after['x.bin']).toBe(data.toString('latin1'));
    expect(after['x.bin']).not.toBe(before['x.bin']);
  });

  it('gives a package made again under its name the bytes of a fresh write, changed parts and all', () => {
    const slides = (edited: number, level: 1 | 6 = 6): ZipEntry[] =>
      Array.from({ length: 40 }, (_, i) => ({ name: `ppt/slides/slide${i + 1}.xml`, data: text(`<p:sld>${i === edited ? 'правка' : 'слайд'} ${i}</p:sld>`.repeat(20)), level }));
    const fresh = (entries: ZipEntry[]): Buffer => writeZip(entries, DATE);
    const first = writeZip(slides(-1), DATE, { sameAs: 'deck-test' });
    expect(first.equals(fresh(slides(-1)))).toBe(true);
    // One slide changed: its own new payload, every other slide's from the last version.
    const second = writeZip(slides(7), DATE, { sameAs: 'deck-test' });
    expect(second.equals(fresh(slides(7)))).toBe(true);
    expect(Buffer.from(readBack(second)['ppt/slides/slide8.xml']!, 'latin1').toString('utf8')).toContain('правка 7');
    // Back again, and at another level: never a payload of the other version or level.
    expect(writeZip(slides(-1), DATE, { sameAs: 'deck-test' }).equals(first)).toBe(true);
    const level1 = writeZip(slides(-1, 1), DATE, { sameAs: 'deck-test' });
    expect(fresh(slides(-1, 1)).equals(first)).toBe(false);
    expect(level1.equals(fresh(slides(-1, 1)))).toBe(true);
  });

  it('tells apart two entries with the same length and CRC-32', () => {
    // A copy of `a` with one letter changed and its last four bytes chosen to restore a's CRC.
    const a = Buffer.from('<w:t>Совпадение контрольной суммы</w:t>....', 'utf8');
    const b = Buffer.from(a);
    b[8] ^= 0x01;
    forceCrc(b, crc32(a));
    expect(b.length).toBe(a.length);
    expect(crc32(b)).toBe(crc32(a));
    expect(b.equals(a)).toBe(false);
    const za = readBack(writeZip([{ name: 'p.xml', data: a, level: 6 }], DATE));
    const zb = readBack(writeZip([{ name: 'p.xml', data: b, level: 6 }], DATE));
    expect(za['p.xml']).toBe(a.toString('latin1'));
    expect(zb['p.xml']).toBe(b.toString('latin1'));
  });
});

/** Sets the last four bytes of `buf` so that its CRC-32 becomes `target` (the standard CRC reversal). */
function forceCrc(buf: Buffer, target: number): void {
  const table: number[] = [];
  const inverse: number[] = [];
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
    inverse[c >>> 24] = n;
  }
  const end = buf.length - 4;
  // CRC register after the bytes before the patch.
  const reg = (crc32(buf.subarray(0, end)) ^ 0xffffffff) >>> 0;
  // Walk back from the wanted final register four steps, then pick the patch bytes that lead there.
  let want = (target ^ 0xffffffff) >>> 0;
  const idx: number[] = [];
  for (let i = 0; i < 4; i++) {
    const top = want >>> 24;
    const n = inverse[top]!;
    idx.unshift(n);
    want = (((want ^ table[n]!) << 8) | n) >>> 0;
  }
  let r = reg;
  for (let i = 0; i < 4; i++) {
    const byte = (idx[i]! ^ r) & 0xff;
    buf[end + i] = byte;
    r = (table[(r ^ byte) & 0xff]! ^ (r >>> 8)) >>> 0;
  }
}
