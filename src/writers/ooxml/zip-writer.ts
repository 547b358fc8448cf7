/**
 * A minimal, deterministic ZIP writer for OOXML packages, with one trick fflate's zipSync lacks:
 * the compressed bytes of large entries are remembered by content hash. Every brief embeds the
 * same four font files (about 1.1 MB); deflating them once per process instead of once per brief
 * was the largest single saving in a 300-partnership build. Compression itself stays fflate's
 * (pure JavaScript, so the bytes do not depend on the zlib a Node build ships).
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'fflate';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** 0 stores the entry; 1–9 deflate it. */
  level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/*
 * Every entry's compressed bytes are remembered by content hash, not only the fonts': most parts of
 * a brief (styles, numbering, theme, settings, relationships, the logo) are the same in every brief,
 * and fflate's deflate costs about a millisecond per call even for a small part (it sets up its
 * tables each time). Hashing is native and far cheaper. Small entries are forgotten in bulk once
 * there are many, so a long watch session or a huge build stays bounded.
 */
const LARGE_BYTES = 64 * 1024;
const SMALL_LIMIT = 4096;
const largeCache = new Map<string, { crc: number; payload: Uint8Array }>();
const smallCache = new Map<string, { crc: number; payload: Uint8Array }>();

function encode(entry: ZipEntry): { crc: number; payload: Uint8Array } {
  const cache = entry.data.length >= LARGE_BYTES ? largeCache : smallCache;
  const key = `${entry.level}:${createHash('sha1').update(entry.data).digest('hex')}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = { crc: crc32(entry.data), payload: entry.level === 0 ? entry.data : deflateSync(entry.data, { level: entry.level }) };
    if (cache === smallCache && smallCache.size >= SMALL_LIMIT) smallCache.clear();
    cache.set(key, hit);
  }
  return hit;
}

/** MS-DOS date and time of `date`, read in UTC so the bytes do not depend on the machine's time zone. */
function dosDateTime(date: Date): { time: number; date: number } {
  const d = new Date(Math.min(Math.max(date.getTime(), Date.UTC(1980, 0, 1)), Date.UTC(2107, 11, 31, 23, 59, 58)));
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export function writeZip(entries: readonly ZipEntry[], mtime: Date): Buffer {
  const { time, date } = dosDateTime(mtime);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const { crc, payload } = encode(entry);
    const method = entry.level === 0 ? 0 : 8;
    const flags = /[^\x20-\x7e]/.test(entry.name) ? 0x0800 : 0; // UTF-8 names only when needed
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(payload.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(payload.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
    centrals.push(central, name);
    offset += local.length + name.length + payload.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
