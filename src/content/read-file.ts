/**
 * Reading a hand-edited text file safely: the size is checked with `stat` before a single byte is read
 * (a 50 MB paste must not be parsed), the encoding must be UTF-8 (Windows-1251 and UTF-16 are named, so
 * the fix is obvious and no mojibake reaches an artifact), a UTF-8 BOM is dropped and CRLF/CR become LF.
 * Line breaks are replaced one for one, so line numbers stay those an editor shows.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';

export interface ReadLimits {
  /** Largest content file (Markdown) accepted, in bytes. */
  contentBytes: number;
  /** Largest template or brand file accepted, in bytes. */
  templateBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = { contentBytes: 1024 * 1024, templateBytes: 256 * 1024 };

export interface ReadResult {
  /** The text (BOM removed, LF line ends), absent when the file could not be accepted. */
  text?: string;
  diagnostics: Diagnostic[];
}

/** Where an encoding problem starts: 1-based line and column of the first bad byte. */
function positionOfByte(buf: Uint8Array, offset: number, file: string): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (buf[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder('utf-8').decode(buf.subarray(lineStart, offset));
  return { file, line, column: [...prefix].length + 1 };
}

/** Offset of the first byte that breaks UTF-8 (the decoder only says "invalid", not where). */
function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return 0;
}

/**
 * Windows-1251 Cyrillic puts А–я at 0xC0–0xFF and Ё/ё at 0xA8/0xB8; if nearly every high byte is one of
 * those, the file is almost surely Russian text saved as "ANSI" by Notepad or Word.
 */
function looksLikeCp1251(buf: Uint8Array): boolean {
  let high = 0;
  let cyrillic = 0;
  for (const b of buf) {
    if (b < 0x80) continue;
    high++;
    if (b >= 0xc0 || b === 0xa8 || b === 0xb8 || b === 0xab || b === 0xbb || b === 0x96 || b === 0x97 || b === 0xb9) cyrillic++;
  }
  return high > 0 && cyrillic / high > 0.9;
}

/** One decoder for every file: a non-streaming decode() starts afresh each call, even after a fatal error. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes and normalises; returns a diagnostic instead when the bytes are not UTF-8 text. */
export function decodeText(buf: Uint8Array, file: string): ReadResult {
  const top: SourcePosition = { file, line: 1, column: 1 };
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    const detected = buf[0] === 0xff ? 'UTF-16 LE' : 'UTF-16 BE';
    return { diagnostics: [diagnostic('encoding', { detected }, top)] };
  }
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    // UTF-16 without a BOM has a NUL in every other byte of Latin text; anything else with NULs is binary.
    let evenNul = 0;
    let oddNul = 0;
    const n = Math.min(buf.length, 4096);
    for (let i = 0; i < n; i++) if (buf[i] === 0) (i % 2 ? oddNul++ : evenNul++);
    // Text in UTF-16: NULs fill one byte parity (the high bytes of Latin letters) and hardly the other.
    const utf16 = Math.max(evenNul, oddNul) > n / 8 && Math.min(evenNul, oddNul) < Math.max(evenNul, oddNul) / 10;
    const detected = utf16 ? (oddNul > evenNul ? 'UTF-16 LE' : 'UTF-16 BE') : 'binary data';
    return { diagnostics: [diagnostic('encoding', { detected }, utf16 ? top : positionOfByte(buf, nul, file))] };
  }
  let text: string;
  try {
    text = UTF8.decode(buf);
  } catch {
    const detected = looksLikeCp1251(buf) ? 'Windows-1251' : undefined;
    return { diagnostics: [diagnostic('encoding', { detected }, positionOfByte(buf, firstInvalidUtf8(buf), file))] };
  }
  // TextDecoder drops a leading BOM already (ignoreBOM: false); a second one pasted in is dropped too.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return { text, diagnostics: [] };
}

/** The raw bytes, or why they were not read; what the content memo compares before decoding anything. */
export interface BytesResult {
  bytes?: Buffer;
  diagnostics: Diagnostic[];
}

/** Reads `file`'s bytes if it is a regular file no larger than `maxBytes`; the size is checked before reading. */
export function readFileBytes(file: string, maxBytes: number): BytesResult {
  const top: SourcePosition = { file, line: 1, column: 1 };
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const st = fstatSync(fd);
    if (!st.isFile()) return { diagnostics: [diagnostic('read-error', { reason: 'not a regular file' }, top)] };
    if (st.size > maxBytes) return { diagnostics: [diagnostic('file-too-large', { size: st.size, limit: maxBytes }, top)] };
    // Read at most maxBytes + 1: a file that grew after the stat is still refused, never read whole.
    // Its own memory, not a slice of the shared pool: the content memo keeps these bytes across loads.
    const buf = Buffer.allocUnsafeSlow(Math.min(st.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buf.length) break;
    }
    if (length > maxBytes) return { diagnostics: [diagnostic('file-too-large', { size: length, limit: maxBytes }, top)] };
    return { bytes: buf.subarray(0, length), diagnostics: [] };
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    return { diagnostics: [diagnostic('read-error', { reason }, top)] };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads `file` if it is a regular file no larger than `maxBytes`, and decodes it (see decodeText). */
export function readTextFile(file: string, maxBytes: number): ReadResult {
  const read = readFileBytes(file, maxBytes);
  return read.bytes ? decodeText(read.bytes, file) : { diagnostics: read.diagnostics };
}
