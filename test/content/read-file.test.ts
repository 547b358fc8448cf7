import { mkdtempSync, rmSync, writeFileSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, readTextFile, DEFAULT_LIMITS } from '../../src/content/read-file.js';
import { parseContentFile } from '../../src/content/parse-file.js';
import { partnershipSchema } from '../../src/schema/partnership.js';
import { formatDiagnostics } from '../../src/diagnostics/printer.js';
import { setMessagesLanguage } from '../../src/diagnostics/catalogue.js';

setMessagesLanguage('en');
const dir = mkdtempSync(join(tmpdir(), 'council-press-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('size limits', () => {
  it('a 50 MB file is refused from its size, before it is read or parsed', () => {
    const file = join(dir, 'huge.md');
    // Exactly 50 MiB of YAML-looking text.
    const chunk = Buffer.alloc(1 << 20, 'city: Дубна\n');
    const fd = openSync(file, 'w');
    for (let i = 0; i < 50; i++) writeFileSync(fd, chunk);
    closeSync(fd);
    const started = performance.now();
    const heapBefore = process.memoryUsage().heapUsed;
    const r = parseContentFile(file, partnershipSchema, { maxBytes: DEFAULT_LIMITS.contentBytes });
    expect(performance.now() - started).toBeLessThan(200);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(20 * 1024 * 1024);
    expect(formatDiagnostics(r.diagnostics, { cwd: dir })).toBe(
      'huge.md:1:1: error: the file is too large (50 MiB); the limit is 1 MiB [file-too-large]\n' +
        '  hint: split the text or move pictures to content/assets/\n1 error, 0 warnings\n',
    );
  });
  it('the limit is configurable (templates use 256 KiB)', () => {
    const file = join(dir, 'tpl.hbs');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 300 * 1024);
    closeSync(fd);
    expect(readTextFile(file, DEFAULT_LIMITS.templateBytes).diagnostics[0]!.message).toBe(
      'the file is too large (300 KiB); the limit is 256 KiB',
    );
    // 300 KiB of NULs under a larger limit is read, and then refused as binary data.
    expect(readTextFile(file, 1 << 20).diagnostics[0]!.message).toBe('the file is not UTF-8 text (it looks like binary data)');
  });
  it('a file that does not exist is a read error, not an exception', () => {
    expect(readTextFile(join(dir, 'nope.md'), 100).diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['read-error', 'cannot read the file: ENOENT'],
    ]);
  });
});

describe('decoding', () => {
  it('drops a UTF-8 BOM and turns CRLF and lone CR into LF, line for line', () => {
    const r = decodeText(Buffer.from('\ufeffa\r\nb\rc\n', 'utf8'), 'f');
    expect(r.text).toBe('a\nb\nc\n');
  });
  it('points at the first byte that is not UTF-8', () => {
    // «Привет, дубна» in Windows-1251.
    const bytes = Buffer.concat([Buffer.from('ok\nHi, '), Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0x20, 0xe4, 0xf3, 0xe1, 0xed, 0xe0])]);
    const r = decodeText(bytes, 'f');
    expect(r.diagnostics[0]!.position).toEqual({ file: 'f', line: 2, column: 5 });
    expect(r.diagnostics[0]!.message).toBe('the file is not UTF-8 text (it looks like Windows-1251)');
  });
  it('random Latin-1 bytes are not called Windows-1251', () => {
    const r = decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x81]), 'f');
    expect(r.diagnostics[0]!.message).toBe('the file is not UTF-8 text');
  });
});

