/**
 * A minimal, deterministic ZIP writer for OOXML packages, with one trick fflate's zipSync lacks:
 * the compressed bytes of every entry are remembered. Every brief embeds the same four font files
 * (about 1 MB), and most of its small parts (styles, numbering, theme, settings, relationships)
 * are the same in every brief too; deflating each once per process is a large saving in a
 * 300-partnership build.
 *
 * Compression and CRC are node:zlib's (native: ~5× faster than fflate's JavaScript deflate on the
 * fonts, and crc32 ~300× faster). The bytes are reproducible for a given Node release: Node bundles
 * its zlib (Chromium's), which hashes with the CPU's CRC32-C instruction (SSE4.2, ARMv8 CRC) where
 * present and the classic rolling hash otherwise, so only a CPU without either, or a Node with a
 * different bundled zlib, would deflate the same part to other (equally valid) bytes.
 */
import { createHash } from 'node:crypto';
import { crc32 as nativeCrc32, deflateRaw, deflateRawSync } from 'node:zlib';
import { keptBytes } from '../kept-bytes.js';
import { LatestByName } from './latest-by-name.js';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** 0 stores the entry; 1–9 deflate it. */
  level: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

/** CRC-32 (ISO 3309, as ZIP and PNG use it). node:zlib's, Node ≥ 20.15 (package.json asks ≥ 20.19). */
export function crc32(data: Uint8Array): number {
  return nativeCrc32(data) >>> 0;
}

/*
 * The cache is keyed by what the zip header needs anyway (level, length, CRC-32), so looking up
 * costs no hash of its own; a hit is confirmed by comparing the bytes with a private copy of the
 * entry it was made from (memcmp: ~0.1 ms for a 1 MB font), so a CRC collision or a caller that
 * changes its buffer afterwards can never pick up the wrong payload. Small entries are forgotten in
 * bulk once there are many, so a long watch session or a huge build stays bounded; large ones
 * (the fonts) are few.
 */
const LARGE_BYTES = 64 * 1024;
// Bounds measured at 300 partnerships: each brief's document part is new, so larger bounds only
// held ~19 MB more per thread of entries never asked for again.
const SMALL_LIMIT = 512;
const LARGE_LIMIT = 16;
interface Encoded {
  source: Buffer;
  crc: number;
  payload: Uint8Array;
}
const largeCache = new Map<string, Encoded>();
const smallCache = new Map<string, Encoded>();

/*
 * Buffers whose owner promises never to change them (the brand's obfuscated fonts, made once per
 * process in embedded-fonts.ts): found by identity, so a brief does not even CRC its megabyte of
 * fonts again (~0.4 ms per brief, with the byte comparison).
 */
const unchanging = new WeakMap<Uint8Array, Map<number, { crc: number; payload: Uint8Array }>>();

/** Declares that `data` is never written to again; returns it. Its zip entries are then encoded once per level. */
export function neverChanges<T extends Uint8Array>(data: T): T {
  if (!unchanging.has(data)) unchanging.set(data, new Map());
  return data;
}

/*
 * An unchanging buffer's entry can be compressed ahead, on libuv's threads, while this thread goes
 * on making the document: a brief's four font faces (~1.3 MB, ~25 ms of deflate, the largest
 * single piece of the first brief) are then ready when it is zipped. Same zlib, same options:
 * the same bytes as deflateRawSync.
 */
const ahead = new WeakMap<Uint8Array, Map<number, Promise<void>>>();

/**
 * Starts compressing `data` (declared with neverChanges) at `level` on the thread pool, unless
 * that is done or under way; the promise settles when writeZip can take the result (a failure
 * just leaves it to writeZip, which deflates as usual).
 */
export function compressAhead(data: Uint8Array, level: Exclude<ZipEntry['level'], 0>): Promise<void> {
  const byLevel = unchanging.get(data);
  if (!byLevel || byLevel.has(level)) return Promise.resolve();
  let pending = ahead.get(data);
  if (!pending) ahead.set(data, (pending = new Map()));
  let started = pending.get(level);
  if (!started) {
    started = new Promise<void>((resolve) => {
      // One output chunk for the whole part: each 16 KiB chunk is a callback into JavaScript on
      // this thread (~200 for the four faces). The compressed bytes do not depend on it.
      deflateRaw(data, { level, chunkSize: Math.max(16 * 1024, data.byteLength) }, (error, payload) => {
        if (!error && !byLevel.has(level)) byLevel.set(level, { crc: crc32(data), payload: keptBytes(payload) });
        resolve();
      });
    });
    pending.set(level, started);
  }
  return started;
}

/** Deflated bytes to keep (kept-bytes.ts: never a slice of zlib's output chunk). */
function deflated(data: Uint8Array, level: ZipEntry['level']): Buffer {
  return keptBytes(deflateRawSync(data, { level }));
}

const asBuffer = (data: Uint8Array): Buffer => (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));

/*
 * The entries of the last package written under a name (`WriteZipOptions.sameAs`): a deck made
 * again after one partnership changed (watch) has ~2,500 parts, all but a few as they were, too
 * many for the small-entry cache and no use to any other package. They are compared by SHA-256
 * rather than by a private copy, so a remembered deck at 300 partnerships holds its ~2 MB of
 * compressed parts (copied out of zlib's chunks: see `deflated`), not also its ~11 MB of XML.
 */
interface Remembered {
  /** Level and SHA-256 of the uncompressed bytes. */
  digest: string;
  crc: number;
  payload: Uint8Array;
}
const packages = new LatestByName<Map<string, Remembered>>(4);

function digestOf(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('base64');
}

function encode(entry: ZipEntry, previous?: Map<string, Remembered>, next?: Map<string, Remembered>): { crc: number; payload: Uint8Array } {
  if (next && entry.level !== 0 && !unchanging.has(entry.data)) {
    const digest = `${entry.level}:${digestOf(entry.data)}`;
    const last = previous?.get(entry.name);
    const made: Remembered =
      last?.digest === digest ? last : { digest, crc: crc32(entry.data), payload: deflated(entry.data, entry.level) };
    next.set(entry.name, made);
    return made;
  }
  const byLevel = unchanging.get(entry.data);
  if (byLevel) {
    let made = byLevel.get(entry.level);
    if (!made) {
      const crc = crc32(entry.data);
      made = { crc, payload: entry.level === 0 ? entry.data : deflated(entry.data, entry.level) };
      byLevel.set(entry.level, made);
    }
    return made;
  }
  const data = asBuffer(entry.data);
  const crc = crc32(data);
  if (entry.level === 0) return { crc, payload: data };
  const cache = data.length >= LARGE_BYTES ? largeCache : smallCache;
  const key = `${entry.level}:${data.length}:${crc}`;
  const hit = cache.get(key);
  if (hit && hit.source.equals(data)) return hit;
  const made: Encoded = { source: Buffer.from(data), crc, payload: deflated(data, entry.level) };
  if (cache.size >= (cache === smallCache ? SMALL_LIMIT : LARGE_LIMIT)) cache.clear();
  cache.set(key, made);
  return made;
}

/** MS-DOS date and time of `date`, read in UTC so the bytes do not depend on the machine's time zone. */
function dosDateTime(date: Date): { time: number; date: number } {
  const d = new Date(Math.min(Math.max(date.getTime(), Date.UTC(1980, 0, 1)), Date.UTC(2107, 11, 31, 23, 59, 58)));
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export interface WriteZipOptions {
  /**
   * A name for this package (e.g. the deck and its language): its entries are compared with those
   * of the last package written under the name, and an unchanged one is not compressed again.
   */
  sameAs?: string;
}

export function writeZip(entries: readonly ZipEntry[], mtime: Date, options: WriteZipOptions = {}): Buffer {
  const { time, date } = dosDateTime(mtime);
  const previous = options.sameAs === undefined ? undefined : packages.get(options.sameAs);
  const next = options.sameAs === undefined ? undefined : new Map<string, Remembered>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const { crc, payload } = encode(entry, previous, next);
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
  if (next) packages.set(options.sameAs!, next);
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
