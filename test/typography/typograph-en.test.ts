/** The English (American) typograph: curly quotes, apostrophes, closed em dash, en dash ranges, no Russian nbsp. */
import { describe, expect, test } from 'vitest';
import { typographEn } from '../../src/typography/index.js';

const t = typographEn;

describe('English typograph', () => {
  test('curly double quotes outside, single inside', () => {
    expect(t('the "Open World" programme')).toBe('the “Open World” programme');
    expect(t('the «Open World» programme')).toBe('the “Open World” programme');
    expect(t('"The "Open World" programme"')).toBe('“The ‘Open World’ programme”');
    expect(t(`"The 'Open World' programme"`)).toBe('“The ‘Open World’ programme”');
    expect(t(`'Open World'`)).toBe('“Open World”');
  });
  test('apostrophes', () => {
    expect(t("the council's partners don't")).toBe('the council’s partners don’t');
    expect(t("the cities' partners")).toBe('the cities’ partners');
    expect(t("in the '90s")).toBe('in the ’90s');
    expect(t(`"the cities' partners"`)).toBe('“the cities’ partners”');
  });
  test('a spaced hyphen or dash is a closed em dash', () => {
    expect(t('city-level ties - the key to normal relations')).toBe('city-level ties—the key to normal relations');
    for (const dash of [' - ', ' -- ', ' – ', ' — ', '\u00A0— ']) expect(t(`Dubna${dash}a science city`)).toBe('Dubna—a science city');
    expect(t('ties--the key')).toBe('ties—the key');
  });
  test('ranges use an en dash', () => {
    expect(t('from 1990-2001 and 1992 - 1995')).toBe('from 1990–2001 and 1992–1995');
  });
  test('no Russian no-break spaces, no double spaces', () => {
    const out = t('In 1990  a delegation from Richmond, Indiana came to Serpukhov. O. B. Ivanov, 600 tons');
    expect(out).toBe('In 1990 a delegation from Richmond, Indiana came to Serpukhov. O. B. Ivanov, 600 tons');
    expect(out).not.toContain('\u00A0');
  });
  test('URLs and e-mails untouched', () => {
    expect(t(`See https://example.org/a--b's and write to o'neil@example.org - "thanks"`)).toBe(
      `See https://example.org/a--b's and write to o'neil@example.org—“thanks”`,
    );
  });
});
