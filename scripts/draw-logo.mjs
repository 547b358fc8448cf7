#!/usr/bin/env node
// Draws the council's emblem: templates/logo.svg, then templates/logo.png (512×512, transparent).
//
// The seed has no logo, so the project draws its own: a round seal in the brand's deep blue with
// two interlaced rings (a Moscow-region city and its American sister city) and the letters «СМО».
// The letters are converted to outlines from PT Sans Bold (the brand font, from npm), so neither
// the SVG nor the PNG depends on fonts installed on the machine.
//
// The PNG is committed as a brand asset; the build never runs this script. To redraw:
//   node scripts/draw-logo.mjs          (needs rsvg-convert: apt-get install librsvg2-bin)
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const BLUE = '#1B3A6B';
const RED = '#B3262E';
const WHITE = '#FFFFFF';
const C = 256; // centre of the 512-unit square

/** Outlines of `text` in PT Sans Bold, centred on x = cx, baseline at y, cap height `cap` units. */
function lettering(text, cx, baseline, cap, tracking) {
  const font = fontkit.openSync(
    join(root, 'node_modules/@expo-google-fonts/pt-sans/700Bold/PTSans_700Bold.ttf'),
  );
  const run = font.layout(text);
  const s = cap / font.capHeight;
  const advance = run.positions.reduce((sum, p) => sum + p.xAdvance, 0) * s;
  const width = advance + tracking * (run.glyphs.length - 1);
  let x = cx - width / 2;
  const paths = run.glyphs.map((glyph, i) => {
    // Font units are y-up; SVG is y-down: scale by (s, -s), then move to the pen position.
    const d = glyph.path.scale(s, -s).translate(x, baseline).toSVG();
    x += run.positions[i].xAdvance * s + tracking;
    return d;
  });
  return paths.join(' ');
}

const round = (n) => Math.round(n * 100) / 100;

// Two rings of radius R, centres 2·H apart on the line y = Y; they cross at x = C, y = Y ± dy.
const R = 72;
const H = 50;
const Y = 206;
const W = 22; // ring stroke
const GAP = 7; // white outline that makes the interlacing readable
const dy = Math.sqrt(R * R - H * H);
const ring = (cx, colour, width) =>
  `<circle cx="${cx}" cy="${Y}" r="${R}" fill="none" stroke="${colour}" stroke-width="${width}"/>`;
const left = C - H;
// The left ring redrawn over the upper crossing as an arc (not a clip, whose anti-aliased edge
// leaves a hairline seam). The blue arc is longer than its white outline, so the outline's cut
// ends fall on blue and are covered; blue over blue leaves no seam.
const crossing = Math.atan2(-dy, H);
function overArc(colour, width, halfSpanDeg) {
  const a1 = crossing - (halfSpanDeg * Math.PI) / 180;
  const a2 = crossing + (halfSpanDeg * Math.PI) / 180;
  const pt = (a) => `${round(left + R * Math.cos(a))} ${round(Y + R * Math.sin(a))}`;
  return `<path d="M ${pt(a1)} A ${R} ${R} 0 0 1 ${pt(a2)}" fill="none" stroke="${colour}" stroke-width="${width}"/>`;
}
const right = C + H;

const svg = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <title>Совет муниципальных образований Московской области</title>
  <!-- Seal: deep-blue band, a white hairline inside it, a red rule around the white field. -->
  <circle cx="${C}" cy="${C}" r="250" fill="${BLUE}"/>
  <circle cx="${C}" cy="${C}" r="232" fill="none" stroke="${WHITE}" stroke-width="5"/>
  <circle cx="${C}" cy="${C}" r="206" fill="${RED}"/>
  <circle cx="${C}" cy="${C}" r="196" fill="${WHITE}"/>
  <!-- Sister cities: two interlaced rings; the right one passes over at the bottom, under at the top. -->
  ${ring(left, WHITE, W + 2 * GAP)}
  ${ring(left, BLUE, W)}
  ${ring(right, WHITE, W + 2 * GAP)}
  ${ring(right, RED, W)}
  ${overArc(WHITE, W + 2 * GAP, 24)}
  ${overArc(BLUE, W, 34)}
  <!-- «СМО» as outlines of PT Sans Bold. -->
  <path fill="${BLUE}" d="${lettering('СМО', C, 376, 68, 10)}"/>
  <!-- A short red rule under the letters. -->
  <rect x="${C - 34}" y="396" width="68" height="8" rx="4" fill="${RED}"/>
</svg>
`;

const svgFile = join(root, 'templates/logo.svg');
const pngFile = join(root, 'templates/logo.png');
writeFileSync(svgFile, svg);
execFileSync('rsvg-convert', ['-w', '512', '-h', '512', '-o', pngFile, svgFile]);
console.log(`wrote ${svgFile} and ${pngFile}`);
