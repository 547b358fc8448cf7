#!/usr/bin/env node
// Renders README's pictures from a real build of content/: docs/images/deck.png (the deck's
// slides as LibreOffice shows output/deck.pptx, a contact sheet of three columns) and
// docs/images/handout.png (page 1 of the Serpukhov–Richmond handout). Needs LibreOffice and
// poppler (pdftoppm); PT Sans comes from node_modules through a private fontconfig file, as in the
// tests, so the pictures show the real font. Run after `npm run compile`:
//   node scripts/docs-images.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'council-press-docs-'));
const images = join(root, 'docs', 'images');
mkdirSync(images, { recursive: true });

try {
  const out = join(work, 'output');
  execFileSync(process.execPath, [join(root, 'bin', 'council-press.js'), 'build', '--out', out, '--no-cache', '--quiet'], { cwd: root, stdio: 'inherit' });

  const fonts = ['400Regular', '700Bold', '400Regular_Italic', '700Bold_Italic'].map((s) => join(root, 'node_modules/@expo-google-fonts/pt-sans', s));
  const conf = join(work, 'fonts.conf');
  writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n${fonts.map((d) => `  <dir>${d}</dir>`).join('\n')}\n  <cachedir>${join(work, 'fc-cache')}</cachedir>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n</fontconfig>\n`,
  );
  execFileSync(
    'soffice',
    ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(join(work, 'lo-profile')).href}`, '--convert-to', 'pdf', '--outdir', work, join(out, 'deck.pptx')],
    { env: { ...process.env, FONTCONFIG_FILE: conf }, stdio: 'ignore' },
  );
  execFileSync('pdftoppm', ['-png', '-r', '40', join(work, 'deck.pdf'), join(work, 'slide')]);
  const slides = readdirSync(work).filter((f) => /^slide-\d+\.png$/.test(f)).sort().map((f) => PNG.sync.read(readFileSync(join(work, f))));
  writeFileSync(join(images, 'deck.png'), PNG.sync.write(contactSheet(slides, 3, 12)));

  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', join(out, 'handouts', 'serpukhov-richmond.pdf'), join(work, 'handout')]);
  const handout = PNG.sync.read(readFileSync(join(work, 'handout.png')));
  writeFileSync(join(images, 'handout.png'), PNG.sync.write(contactSheet([handout], 1, 12)));
  console.log(`docs/images/deck.png: ${slides.length} slides; docs/images/handout.png: page 1`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Pictures in a grid of `cols` columns on a light grey ground, `gap` pixels apart, each with a hairline frame. */
function contactSheet(pictures, cols, gap) {
  const cw = Math.max(...pictures.map((p) => p.width));
  const ch = Math.max(...pictures.map((p) => p.height));
  const rows = Math.ceil(pictures.length / cols);
  const sheet = new PNG({ width: cols * cw + (cols + 1) * gap, height: rows * ch + (rows + 1) * gap });
  for (let i = 0; i < sheet.data.length; i += 4) sheet.data.set([226, 230, 236, 255], i);
  pictures.forEach((pic, k) => {
    const ox = gap + (k % cols) * (cw + gap);
    const oy = gap + Math.floor(k / cols) * (ch + gap);
    for (let y = -1; y <= pic.height; y++) {
      for (let x = -1; x <= pic.width; x++) {
        const d = ((oy + y) * sheet.width + ox + x) * 4;
        if (y < 0 || x < 0 || y === pic.height || x === pic.width) {
          sheet.data.set([170, 178, 190, 255], d);
          continue;
        }
        const s = (y * pic.width + x) * 4;
        const a = pic.data[s + 3] / 255;
        for (let c = 0; c < 3; c++) sheet.data[d + c] = Math.round(pic.data[s + c] * a + 255 * (1 - a));
        sheet.data[d + 3] = 255;
      }
    }
  });
  return sheet;
}
