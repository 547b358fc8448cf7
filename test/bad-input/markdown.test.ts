/**
 * Issue 4, cases 11–14 and 20: what a Markdown body may refer to. Each fixture is a partnership
 * file (and assets) laid over the shipped project and built with the real CLI: the exact
 * diagnostics at the Markdown line and column, the previous output untouched on failure, nothing
 * written outside the output folder, and, where the build succeeds, what reached the artifacts.
 */
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readZip } from '../support/ooxml.js';
import { toolAvailable } from '../support/tools.js';
import { artifactText, ooxmlXml } from './artifacts.js';
import { buildOver, editFile, makeProject, report } from './project.js';

const FILE = 'content/partnerships/dubna-la-crosse.md';

function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buf) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A valid 20000 × 20000 one-bit PNG: 400 megapixels in ~50 KB (all zero rows deflate to nothing). */
function writeHugePng(path: string, side = 20000): void {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth 1, colour type 0 (grey), deflate, no filter method, no interlace
  const rows = deflateSync(Buffer.alloc(side * (1 + Math.ceil(side / 8))), { level: 9 });
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  writeFileSync(path, Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]));
}

describe('11. an image that is missing, damaged, in a format we do not take, or huge', () => {
  it('is an error at the image’s own line and column, one report per image', async () => {
    const p = makeProject('11-images', (q) => writeHugePng(join(q.content, 'assets', 'huge.png')));
    const { run } = await buildOver(p);
    expect(run.code).toBe(1);
    const corrupt = '  hint: open it in an image editor and save it again as PNG or JPEG\n';
    const format = '  hint: save it as PNG or JPEG\n';
    expect(report(run.stderr)).toBe(
      `${FILE}:18:1: error: image not found: ../assets/missing.png [image-missing]\n` +
        '  hint: check the name; in a text the path starts from the Markdown file’s folder (../assets/photo.png), in front matter from content/ (assets/photo.png)\n' +
        `${FILE}:20:1: error: the image cannot be read (damaged or not an image): ../assets/random-bytes.png [image-corrupt]\n` +
        corrupt +
        `${FILE}:22:1: error: the image cannot be read (damaged or not an image): ../assets/truncated.png [image-corrupt]\n` +
        corrupt +
        `${FILE}:24:1: error: unsupported image format "bmp": ../assets/photo.bmp [image-format]\n` +
        format +
        `${FILE}:26:19: error: unsupported image format "svg": ../assets/emblem.svg [image-format]\n` +
        format +
        `${FILE}:28:1: error: the image is too large (20000×20000 pixels): ../assets/huge.png [image-too-large]\n` +
        '  hint: reduce it to at most 100 megapixels (e.g. 10000 × 10000); 2400 pixels on the long side is plenty for print\n' +
        '6 errors, 0 warnings\n',
    );
  });
});

describe('12. an image path that leaves the content folder', () => {
  it('is refused: ../.., absolute, a drive letter, file:, a symlink pointing out', async () => {
    const p = makeProject('12-image-paths', (q) => symlinkSync('/etc/passwd', join(q.content, 'assets', 'outside.png')));
    const { run } = await buildOver(p);
    expect(run.code).toBe(1);
    const hint = '  hint: put the file in content/assets/ and write a relative path such as assets/photo.png\n';
    const refused = (line: number, path: string) => `${FILE}:${line}:1: error: refused: "${path}" points outside the content folder [path-outside-content]\n${hint}`;
    expect(report(run.stderr)).toBe(
      refused(18, '../../etc/passwd') +
        refused(20, '/etc/passwd') +
        refused(22, 'C:\\Windows\\win.ini') +
        refused(24, 'file:///etc/passwd') +
        refused(26, '../assets/outside.png') +
        '5 errors, 0 warnings\n',
    );
  });
});

describe('13. links other than http(s), mailto and tel', () => {
  it('are refused at the link’s line and column; safe links pass', async () => {
    const { run } = await buildOver(makeProject('13-links'));
    expect(run.code).toBe(1);
    const hint = '  hint: only http(s):, mailto: and tel: links are allowed\n';
    expect(report(run.stderr)).toBe(
      `${FILE}:18:12: error: refused link: javascript:alert(1) [unsafe-link]\n${hint}` +
        `${FILE}:18:46: error: refused link: file:///etc/passwd [unsafe-link]\n${hint}` +
        `${FILE}:18:74: error: refused link: data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg== [unsafe-link]\n${hint}` +
        // a character reference does not hide the scheme
        `${FILE}:20:6: error: refused link: JaVaScRiPt:alert(2) [unsafe-link]\n${hint}` +
        // nor does an autolink
        `${FILE}:20:51: error: refused link: file:///etc/shadow [unsafe-link]\n${hint}` +
        '5 errors, 0 warnings\n',
    );
  });
});

describe('14. raw HTML in Markdown', () => {
  const payloads = ['Текст внутри HTML-блока', 'script-payload', 'onerror', '<span', '<div', '<img', '<script'];

  it('is a warning at its line; the build succeeds and no HTML reaches any artifact', async (ctx) => {
    const { run, p } = await buildOver(makeProject('14-raw-html'));
    expect(run.code, run.stderr).toBe(0);
    const hint = '  hint: use Markdown instead (**bold**, *italic*, lists)\n';
    expect(report(run.stderr)).toBe(
      `${FILE}:18:1: warning: raw HTML is not copied into the documents: <div class="secret">Текст внутри HTML-бл [raw-html]\n${hint}` +
        `${FILE}:20:9: warning: raw HTML is not copied into the documents: <span style="color:red"> [raw-html]\n${hint}` +
        `${FILE}:20:40: warning: raw HTML is not copied into the documents: </span> [raw-html]\n${hint}` +
        `${FILE}:20:57: warning: raw HTML is not copied into the documents: <img src="x" onerror="alert(1)"> [raw-html]\n${hint}` +
        `${FILE}:22:1: warning: raw HTML is not copied into the documents: <script>alert("script-payload")</script> [raw-html]\n${hint}` +
        '0 errors, 5 warnings\n',
    );
    const manifest = JSON.parse(readFileSync(join(p.out, 'manifest.json'), 'utf8')) as { artifacts: { path: string }[] };
    const dubna = manifest.artifacts.map((a) => a.path).filter((a) => /deck|dubna|council/.test(a));
    expect(dubna).toHaveLength(5);
    if (!toolAvailable('pdftotext')) ctx.skip('pdftotext (poppler-utils) is not installed');
    for (const rel of dubna) {
      const text = artifactText(p.out, rel);
      // The Markdown around the inline tags stays; the tags and the HTML block do not.
      expect(text.replace(/\s+/g, ' '), rel).toMatch(/красн/);
      for (const payload of payloads) expect(text, `${rel} holds "${payload}"`).not.toContain(payload);
      if (!rel.endsWith('.pdf')) for (const payload of ['script-payload', 'onerror', 'HTML-блока']) expect(ooxmlXml(readFileSync(join(p.out, rel))), rel).not.toContain(payload);
      else for (const payload of ['script-payload', 'onerror']) expect(readFileSync(join(p.out, rel)).includes(payload), rel).toBe(false);
    }
  });

  it('with --strict the warnings are fatal: exit 1, output untouched', async () => {
    const { run } = await buildOver(makeProject('14-raw-html'), ['--strict']);
    expect(run.code).toBe(1);
    // Under --strict a warning is an error and is reported as one.
    expect(report(run.stderr)).toMatch(/: error: raw HTML is not copied[^\n]*\[raw-html\]\n/);
    expect(report(run.stderr)).toMatch(/\n5 errors, 0 warnings\n$/);
  });
});

describe('20. Windows habits in image paths', () => {
  it('a letter-case difference is an error on every OS, naming the real file as the author would write it', async () => {
    const { run } = await buildOver(makeProject('20-windows-paths'));
    expect(run.code).toBe(1);
    const line = (n: number, written: string) =>
      `${FILE}:${n}:1: error: "${written}" differs in letter case from the real file "../assets/Photo.png" [path-case-mismatch]\n` +
      '  hint: write "../assets/Photo.png": the build must work the same on every computer\n';
    // line 18, `..\assets\Photo.png`, is not reported: a backslash is read as a folder separator
    expect(report(run.stderr)).toBe(line(20, '../assets/photo.PNG') + line(22, '../Assets/Photo.png') + '2 errors, 0 warnings\n');
  });

  it('`\\` as the separator resolves to the same file: the picture is in the deck, the brief and the handout', async () => {
    const p = makeProject('20-windows-paths', (q) => editFile(join(q.root, FILE), /\n!\[Не тот регистр имени[\s\S]*?\n\n(?=## Заметки)/, '\n'));
    const { run } = await buildOver(p);
    expect(run.code, run.stderr).toBe(0);
    expect(report(run.stderr)).toBe('0 errors, 0 warnings\n');
    const photo = readFileSync(join(p.content, 'assets', 'Photo.png'));
    for (const [rel, media] of [['deck.pptx', /^ppt\/media\//], ['briefs/dubna-la-crosse.docx', /^word\/media\//]] as const) {
      const parts = [...readZip(readFileSync(join(p.out, rel)))].filter(([n]) => media.test(n));
      expect(parts.some(([, b]) => Buffer.isBuffer(b) && b.equals(photo)), `${rel} embeds the photo`).toBe(true);
    }
    expect(existsSync(join(p.out, 'handouts', 'dubna-la-crosse.pdf'))).toBe(true);
  });
});
