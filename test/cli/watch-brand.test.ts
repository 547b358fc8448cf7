// `council-press build --watch` when the brand's files change in place: watch keeps its threads
// (and what they made from the brand: the flattened header logo, parsed and embedded fonts) between
// saves, so a logo or face replaced by a designer must be read again. Each rebuilt artifact must be
// the one a fresh build of the same project makes, byte for byte.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/fontconfig.js';
import { removeProject, run, spawnCli, tempProject } from './helpers.js';

describe('council-press build --watch, brand files replaced in place', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempProject('watch-brand');
    // The brand's faces as files of the project (a custom brand keeps them beside brand.yaml).
    const brand = join(dir, 'templates', 'brand.yaml');
    let text = readFileSync(brand, 'utf8');
    for (const [face, file] of [
      ['regular', '400Regular/PTSans_400Regular.ttf'],
      ['bold', '700Bold/PTSans_700Bold.ttf'],
      ['italic', '400Regular_Italic/PTSans_400Regular_Italic.ttf'],
      ['boldItalic', '700Bold_Italic/PTSans_700Bold_Italic.ttf'],
    ] as const) {
      copyFileSync(join(REPO_ROOT, 'node_modules/@expo-google-fonts/pt-sans', file), join(dir, 'templates', `${face}.ttf`));
      text = text.replace(new RegExp(`^(\\s+${face}): .*$`, 'm'), `$1: ./${face}.ttf`);
    }
    writeFileSync(brand, text);
  });
  afterAll(() => removeProject(dir));

  it('a new logo and a new regular face reach every artifact rebuilt after the save', async () => {
    const child = spawnCli(['build', '--watch', '--out', 'out'], dir);
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stdout += d.toString()));
    const waitFor = async (what: string, test: () => boolean) => {
      const until = Date.now() + 60_000;
      while (!test()) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`no ${what}:\n${stdout}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor('first build', () => /✓ built 9 artifacts/.test(stdout));
      await waitFor('waiting line', () => stdout.includes('waiting for changes…'));
      const mark = stdout.length;
      // The map picture as the logo, and the italic face's bytes as the regular face.
      copyFileSync(join(dir, 'content', 'assets', 'serpukhov-richmond-map.png'), join(dir, 'templates', 'logo.png'));
      copyFileSync(join(dir, 'templates', 'italic.ttf'), join(dir, 'templates', 'regular.ttf'));
      await waitFor('the rebuild', () => /✓ rebuilt \d+ of 9 artifacts/.test(stdout.slice(mark)) && stdout.slice(mark).includes('waiting for changes…'));
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    }
    const fresh = await run(['build', '--no-cache', '--out', 'fresh', '--quiet'], dir);
    expect(fresh.code, fresh.stderr).toBe(0);
    for (const file of ['handouts/dubna-la-crosse.pdf', 'handouts/council.pdf', 'deck.pdf', 'deck.pptx', 'briefs/dubna-la-crosse.docx']) {
      expect(readFileSync(join(dir, 'out', file)).equals(readFileSync(join(dir, 'fresh', file))), file).toBe(true);
    }
  }, 120_000);
});
