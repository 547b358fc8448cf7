/** Intl formatting and the Handlebars helpers the templates use. */
import Handlebars from 'handlebars';
import { describe, expect, test } from 'vitest';
import { formatDate, formatNumber, plural, pluralForm, registerIntlHelpers, typographRu } from '../../src/typography/index.js';

const NB = '\u00A0';
const CITY = { one: 'город', few: 'города', many: 'городов', other: 'города' };

describe('formatNumber', () => {
  test('ru-RU groups thousands with U+00A0 (what Node’s ICU emits; never U+202F)', () => {
    expect(formatNumber(1234567.5, 'ru')).toBe(`1${NB}234${NB}567,5`);
    expect(formatNumber(600, 'ru')).toBe('600');
    expect(formatNumber(12345, 'ru')).not.toMatch(/[\u202F\u2009]/);
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
  });
});

describe('formatDate', () => {
  test('«12 апреля 2001 г.» / "April 12, 2001", from a Date or an ISO string, independent of the time zone', () => {
    expect(formatDate(new Date(Date.UTC(2001, 3, 12)), 'ru')).toBe(`12${NB}апреля 2001${NB}г.`);
    expect(formatDate('2001-04-12', 'ru')).toBe(`12${NB}апреля 2001${NB}г.`);
    expect(formatDate('2001-04-12', 'en')).toBe('April 12, 2001');
  });
  test('the typograph leaves a formatted date as it is', () => {
    const date = formatDate('1990-09-01', 'ru');
    expect(typographRu(date)).toBe(date);
  });
  test('refuses what is not a date', () => {
    expect(() => formatDate('вчера', 'ru')).toThrow(/not a date/);
  });
});

describe('plural', () => {
  test('Russian one/few/many via Intl.PluralRules', () => {
    expect([1, 3, 5, 11, 21, 22, 25, 101, 111].map((n) => pluralForm(n, CITY, 'ru'))).toEqual([
      'город', 'города', 'городов', 'городов', 'город', 'города', 'городов', 'город', 'городов',
    ]);
    expect(pluralForm(1.5, CITY, 'ru')).toBe('города');
    expect(plural(3, CITY, 'ru')).toBe(`3${NB}города`);
    expect(plural(21, CITY, 'ru')).toBe(`21${NB}город`);
    expect(plural(1000, CITY, 'ru')).toBe(`1${NB}000${NB}городов`);
  });
  test('English one/other', () => {
    expect(plural(1, { one: 'city', other: 'cities' }, 'en')).toBe(`1${NB}city`);
    expect(plural(3, { one: 'city', other: 'cities' }, 'en')).toBe(`3${NB}cities`);
  });
});

describe('Handlebars helpers', () => {
  const render = (lang: 'ru' | 'en', source: string, data: object) => {
    const hbs = Handlebars.create();
    registerIntlHelpers(hbs, lang);
    return hbs.compile(source, { strict: true })(data);
  };
  test('number, date, plural, year in Russian', () => {
    const out = render('ru', '{{number tons}} | {{date signed}} | {{plural count "город" "города" "городов"}} | {{year since}}', {
      tons: 12600,
      signed: new Date(Date.UTC(2001, 3, 12)),
      count: 3,
      since: 1990,
    });
    expect(out).toBe(`12${NB}600 | 12${NB}апреля 2001${NB}г. | 3${NB}города | 1990`);
    expect(render('ru', '{{plural n "город" "города" "городов"}}', { n: 5 })).toBe(`5${NB}городов`);
    expect(render('ru', '{{plural n "город" "города" "городов"}}', { n: 21 })).toBe(`21${NB}город`);
  });
  test('English', () => {
    expect(render('en', '{{number n}} {{plural c "city" "cities"}} since {{year y}} ({{date d}})', { n: 12600, c: 3, y: 1990, d: '2001-04-12' })).toBe(
      `12,600 3${NB}cities since 1990 (April 12, 2001)`,
    );
  });
  test('years are never grouped; bad values fail with a message', () => {
    expect(render('ru', '{{year y}}', { y: 2001 })).toBe('2001');
    expect(() => render('ru', '{{year y}}', { y: 'давно' })).toThrow(/\{\{year\}\} needs a number/);
    expect(() => render('ru', '{{number n}}', { n: null })).toThrow(/\{\{number\}\} needs a number/);
  });
});
