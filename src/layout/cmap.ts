/**
 * The code points a TrueType/OpenType font maps, read straight from its `cmap` table. The glyph
 * check of content and templates (issue 4, case 19) needs nothing else from the font, and importing
 * fontkit to get it cost ~0.2 s of every run, including `check` and a build with nothing to do
 * (issue 6: an unchanged build is a small fraction of a cold one). Formats 4 (BMP) and 12 (full
 * Unicode) of the Unicode subtables, which is what every font with Cyrillic ships; a font with
 * neither gives undefined and the caller falls back to fontkit.
 */
import { readFileSync } from 'node:fs';
import { AssetCache } from '../templates/asset-stamp.js';

/* Per file, read again when the file changes (asset-stamp.ts). */
const sets = new AssetCache<ReadonlySet<number> | undefined>();

/** Unicode subtables in order of preference: full-repertoire (format 12) first, then BMP. */
const PREFERRED: readonly [number, number][] = [
  [3, 10],
  [0, 6],
  [0, 4],
  [3, 1],
  [0, 3],
  [0, 2],
  [0, 1],
  [0, 0],
];

/**
 * Every code point of the font's preferred Unicode subtable with its glyph id, in the order
 * fontkit's `characterSet` lists them (format 12 by group; format 4 by segment, 0xFFFF and
 * unmapped code points included, with glyph 0) and with the glyph its cmap lookup gives.
 * Undefined for a font without such a subtable in format 4 or 12.
 */
export function cmapEntries(font: Buffer): [number, number][] | undefined {
  if (font.length < 12) return undefined;
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const entry = 12 + 16 * i;
    if (entry + 16 > font.length) return undefined;
    if (font.toString('latin1', entry, entry + 4) === 'cmap') cmap = font.readUInt32BE(entry + 8);
  }
  if (cmap < 0 || cmap + 4 > font.length) return undefined;
  const count = font.readUInt16BE(cmap + 2);
  const subtables = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const at = cmap + 4 + 8 * i;
    if (at + 8 > font.length) return undefined;
    const key = `${font.readUInt16BE(at)},${font.readUInt16BE(at + 2)}`;
    // fontkit takes the first subtable with the platform and encoding.
    if (!subtables.has(key)) subtables.set(key, cmap + font.readUInt32BE(at + 4));
  }
  for (const [platform, encoding] of PREFERRED) {
    const at = subtables.get(`${platform},${encoding}`);
    if (at === undefined) continue;
    if (at + 2 > font.length) return undefined;
    const format = font.readUInt16BE(at);
    if (format === 12) return format12(font, at);
    if (format === 4) return format4(font, at);
    return undefined;
  }
  return undefined;
}

function format12(font: Buffer, at: number): [number, number][] {
  const out: [number, number][] = [];
  const groups = font.readUInt32BE(at + 12);
  for (let g = 0; g < groups; g++) {
    const p = at + 16 + 12 * g;
    const start = font.readUInt32BE(p);
    const end = font.readUInt32BE(p + 4);
    const glyph = font.readUInt32BE(p + 8);
    for (let cp = start; cp <= end; cp++) out.push([cp, glyph + (cp - start)]);
  }
  return out;
}

function format4(font: Buffer, at: number): [number, number][] {
  const out: [number, number][] = [];
  const segments = font.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const offsets = deltas + 2 * segments;
  for (let s = 0; s < segments; s++) {
    const end = font.readUInt16BE(ends + 2 * s);
    const start = font.readUInt16BE(starts + 2 * s);
    const delta = font.readInt16BE(deltas + 2 * s);
    const rangeOffset = font.readUInt16BE(offsets + 2 * s);
    for (let cp = start; cp <= end; cp++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
      else {
        const p = offsets + 2 * s + rangeOffset + 2 * (cp - start);
        glyph = p + 2 <= font.length ? font.readUInt16BE(p) : 0;
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      out.push([cp, glyph]);
    }
  }
  return out;
}

function parse(font: Buffer): Set<number> | undefined {
  const entries = cmapEntries(font);
  // 0xFFFF is the format's end marker, not a character.
  return entries && new Set(entries.filter(([cp, glyph]) => glyph !== 0 && cp !== 0xffff).map(([cp]) => cp));
}

/** The font file's mapped code points, read once per process (and again if the file changes); undefined when the cmap is not one this reads. */
export function mappedCodePoints(path: string): ReadonlySet<number> | undefined {
  return sets.get(path, () => {
    try {
      return parse(readFileSync(path));
    } catch {
      return undefined;
    }
  });
}
