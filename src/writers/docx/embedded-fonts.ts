/**
 * The brand's fonts, embedded in the DOCX (so a brief looks the same on a PC without PT Sans).
 *
 * docx's `fonts` option writes the font table, its relationships, the content type and
 * w:embedTrueTypeFonts; but it obfuscates each face with a random key and deflates ~1.3 MB of
 * fonts on every build. So docx is given 32-byte placeholders, and after packing each placeholder
 * part is replaced by the real face, obfuscated once per process with a key derived from the
 * face's own sha256: the same font always gives the same key and the same bytes.
 * (ECMA-376 Part 1 §17.8.1: the first 32 bytes of the font are XORed with the key's bytes.)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { strFromU8, strToU8 } from 'fflate';
import type { BrandFontFiles } from '../../templates/brand-model.js';
import { AssetCache } from '../../templates/asset-stamp.js';
import { DEFLATE_LEVEL } from '../ooxml/normalize-zip.js';
import { compressAhead, neverChanges } from '../ooxml/zip-writer.js';

type Entries = Record<string, Uint8Array>;

/** The w:embedXxx element of each face, and the brand's file for it. */
const FACES = { Regular: 'regular', Bold: 'bold', Italic: 'italic', BoldItalic: 'boldItalic' } as const satisfies Record<string, keyof BrandFontFiles>;

/** XOR the first 32 bytes with the key's bytes, last hex pair first: its own inverse. */
export function obfuscateFont(font: Uint8Array, guid: string): Uint8Array {
  const hex = guid.replace(/[{}-]/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a font key GUID: ${guid}`);
  const key = (hex.match(/../g) ?? []).map((h) => parseInt(h, 16)).reverse();
  const out = Uint8Array.from(font);
  for (let i = 0; i < 32 && i < out.length; i++) out[i]! ^= key[i % 16]!;
  return out;
}

/** A GUID (braced, upper case, as w:fontKey is written) from the font's own hash. */
export function fontKeyFor(font: Uint8Array): string {
  const h = createHash('sha256').update(font).digest('hex').toUpperCase();
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}}`;
}

interface ObfuscatedFace {
  key: string;
  data: Uint8Array;
  /** The w:sig element: the Unicode ranges and code pages the face covers. */
  sig?: string;
}

const hex8 = (n: number): string => n.toString(16).toUpperCase().padStart(8, '0');

/**
 * w:sig from the font's OS/2 table (ulUnicodeRange1–4 at offset 42, ulCodePageRange1–2 at 78).
 * docx writes fixed values borrowed from another font; Word uses them to judge whether the font
 * covers a script (Cyrillic: Unicode range bit 9, code page 1251 bit 2), so they should be true.
 */
export function fontSignature(ttf: Buffer): string | undefined {
  if (ttf.length < 12) return undefined;
  const tables = ttf.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const entry = 12 + 16 * i;
    if (entry + 16 > ttf.length) return undefined;
    if (ttf.toString('latin1', entry, entry + 4) !== 'OS/2') continue;
    const os2 = ttf.readUInt32BE(entry + 8);
    if (os2 + 86 > ttf.length || ttf.readUInt16BE(os2) < 1) return undefined;
    const u = (at: number): string => hex8(ttf.readUInt32BE(os2 + at));
    return `<w:sig w:usb0="${u(42)}" w:usb1="${u(46)}" w:usb2="${u(50)}" w:usb3="${u(54)}" w:csb0="${u(78)}" w:csb1="${u(82)}"/>`;
  }
  return undefined;
}
/* Per file, made again when the file changes (asset-stamp.ts: a face replaced while watch runs). */
const faceCache = new AssetCache<ObfuscatedFace>();

function obfuscatedFace(path: string): ObfuscatedFace {
  return faceCache.get(path, () => {
    const plain = readFileSync(path);
    const key = fontKeyFor(plain);
    // Shared by every brief and never written to: the zip writer may find its compressed form by identity.
    return { key, data: neverChanges(obfuscateFont(plain, key)), sig: fontSignature(plain) };
  });
}

/**
 * Reads and obfuscates the brand's faces, and starts compressing them off this thread for the
 * brief about to be made (zip-writer.ts, compressAhead); settles when they are ready.
 */
export function prepareBrandFonts(files: BrandFontFiles | undefined): Promise<unknown> {
  if (!files) return Promise.resolve();
  return Promise.all(Object.values(FACES).map((face) => compressAhead(obfuscatedFace(files[face]).data, DEFLATE_LEVEL)));
}

/** Stand-ins for docx's `fonts` option: distinct per face, never written to the final package. */
export function fontPlaceholders(): { data: Buffer; bold: Buffer; italic: Buffer; boldItalic: Buffer } {
  const stub = (n: number): Buffer => Buffer.alloc(32, n);
  return { data: stub(1), bold: stub(2), italic: stub(3), boldItalic: stub(4) };
}

export function relsTargets(rels: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) out.set(id, target);
  }
  return out;
}

/**
 * Puts the brand's faces into the package in place of docx's placeholders, with their fixed keys.
 * A face the brand does not name (a font embedded some other way) is re-keyed from its own bytes.
 */
export function embedBrandFonts(entries: Entries, files: BrandFontFiles | undefined): void {
  const tableName = 'word/fontTable.xml';
  const relsName = 'word/_rels/fontTable.xml.rels';
  if (!entries[tableName] || !entries[relsName]) return;
  const targets = relsTargets(strFromU8(entries[relsName]));
  let sig: string | undefined;
  const withFaces = strFromU8(entries[tableName]).replace(/<w:embed(\w+)\b[^>]*\/>/g, (element, face: string) => {
    const id = /\br:id="([^"]+)"/.exec(element)?.[1];
    const oldKey = /\bw:fontKey="([^"]+)"/.exec(element)?.[1];
    const target = id ? targets.get(id) : undefined;
    const part = target ? `word/${target.replace(/^\/?(word\/)?/, '')}` : undefined;
    if (!oldKey || !part || !entries[part]) return element;
    const file = files?.[FACES[face as keyof typeof FACES]];
    let fixed: ObfuscatedFace;
    if (file) fixed = obfuscatedFace(file);
    else {
      const plain = obfuscateFont(entries[part], oldKey);
      const key = fontKeyFor(plain);
      fixed = { key, data: obfuscateFont(plain, key) };
    }
    entries[part] = fixed.data;
    if (face === 'Regular') sig = fixed.sig;
    return element.replace(oldKey, fixed.key);
  });
  // One family is embedded (the brand's), so its w:font is the one whose signature is replaced.
  const table = sig && files ? withFaces.replace(/<w:sig\b[^>]*\/>(?=(?:(?!<\/w:font>)[\s\S])*<w:embedRegular)/, sig) : withFaces;
  entries[tableName] = strToU8(table);
}
