// One reading of content file names for the loader, the plan, the cache keys and the early threads.
import { describe, expect, it } from 'vitest';
import { markdownName } from '../../src/content/file-names.js';

describe('markdownName', () => {
  it('tells an original from a translation, and Markdown from anything else', () => {
    expect(markdownName('dubna-la-crosse.md')).toEqual({ stem: 'dubna-la-crosse' });
    expect(markdownName('dubna-la-crosse.en.md')).toEqual({ stem: 'dubna-la-crosse', lang: 'en' });
    expect(markdownName('council.en.md')).toEqual({ stem: 'council', lang: 'en' });
    // The language as written: the loader reports `EN` as an unknown language rather than guess.
    expect(markdownName('Dubna.EN.MD')).toEqual({ stem: 'Dubna', lang: 'EN' });
    // Three letters are not a language: the whole base is the stem (and the loader's slug check refuses it).
    expect(markdownName('dubna.eng.md')).toEqual({ stem: 'dubna.eng' });
    expect(markdownName('.en.md')).toEqual({ stem: '.en' });
    expect(markdownName('photo.png')).toBeUndefined();
    expect(markdownName('notes.md.txt')).toBeUndefined();
    expect(markdownName('md')).toBeUndefined();
  });
});
