/**
 * The Russian typograph, rule by rule, with examples from the council's seed text where it has them.
 * `·` in the expectations stands for U+00A0 and `‑` written as \u2011 for the non-breaking hyphen.
 */
import { describe, expect, test } from 'vitest';
import { typographRu } from '../../src/typography/index.js';

/** Writes U+00A0 as `·` so the expectations are readable. */
const t = (text: string): string => typographRu(text).replace(/\u00A0/g, '·');

describe('no-break space after one- and two-letter words', () => {
  test('prepositions and conjunctions from the seed text', () => {
    expect(t('Первая делегация города Ричмонд прибыла в Серпухов в 1990 году.')).toBe(
      'Первая делегация города Ричмонд прибыла в·Серпухов в·1990·году.',
    );
    expect(t('побратимские связи на уровне городов')).toBe('побратимские связи на·уровне городов');
    expect(t('в рамках программы «Открытый мир» и по программам')).toBe('в·рамках программы «Открытый мир» и·по·программам');
    expect(t('В трудные годы в Дубну из Ла-Кросса')).toBe('В·трудные годы в·Дубну из·Ла\u2011Кросса');
  });
  test('case-insensitive, chains, short prepositions', () => {
    expect(t('И в Москве, и в Чехове')).toBe('И·в·Москве, и·в·Чехове');
    expect(t('не от города, а для людей')).toBe('не·от·города, а·для·людей');
    expect(t('«О сотрудничестве»')).toBe('«О·сотрудничестве»');
  });
  test('not after a short word that ends a sentence or a clause', () => {
    expect(t('Кто же? Мы. Затем')).toBe('Кто·же? Мы. Затем');
    expect(t('Город, где он, стоит')).toBe('Город, где он, стоит');
  });
  test('not inside words or after hyphenated parts', () => {
    expect(t('Ла-Кросс по делу')).toBe('Ла\u2011Кросс по·делу');
    expect(t('штат Нью-Йорк за')).toBe('штат Нью\u2011Йорк за');
  });
  test('particles hold on to the word before', () => {
    expect(t('мог бы сказать, он же')).toBe('мог·бы сказать, он·же');
    expect(t('Знает ли он')).toBe('Знает·ли он');
  });
});

describe('initials, abbreviations, numbers', () => {
  test('initials and a surname', () => {
    expect(t('О. Б. Иванов')).toBe('О.·Б.·Иванов');
    expect(t('О.Б. Иванов')).toBe('О.·Б.·Иванов');
    expect(t('О.Б.Иванов')).toBe('О.·Б.·Иванов');
    expect(t('Иванов О. Б. сказал')).toBe('Иванов·О.·Б. сказал');
    expect(t('директор О. Иванов')).toBe('директор О.·Иванов');
  });
  test('т. д., т. е., т. п.', () => {
    expect(t('включая педагогов, врачей и т.д.')).toBe('включая педагогов, врачей и·т.·д.');
    expect(t('и т. д. Затем')).toBe('и·т.·д. Затем');
    expect(t('то есть т.е. так, и т.п.')).toBe('то·есть т.·е. так, и·т.·п.');
  });
  test('г. Чехов and other abbreviations before a name or number', () => {
    expect(t('В рамках дня г. Чехова в Саратога Спрингс')).toBe('В·рамках дня г.·Чехова в·Саратога Спрингс');
    expect(t('ул. Ленина, д. 5, рис. 3, № 12')).toBe('ул.·Ленина, д.·5, рис.·3, №·12');
    expect(t('в 1990 г. Серпухов подключился')).toBe('в·1990·г. Серпухов подключился');
  });
  test('a number and its noun or unit', () => {
    expect(t('более 600 тонн грузов')).toBe('более 600·тонн грузов');
    expect(t('был подписан в 1992 году.')).toBe('был подписан в·1992·году.');
    expect(t('за 10 лет, на 5 %, в 2001 г.')).toBe('за·10·лет, на·5·%, в·2001·г.');
    expect(t('15 000 человек')).toBe('15·000·человек');
  });
  test('55-летия and 90-ые: a non-breaking hyphen U+2011 after a number', () => {
    expect(typographRu('В рамках празднования 55-летия города Чехова')).toBe(
      'В\u00A0рамках празднования 55\u2011летия города Чехова',
    );
    expect(typographRu('В трудные 90-ые годы')).toBe('В\u00A0трудные 90\u2011ые\u00A0годы');
    expect(typographRu('в 1990-х годах')).toBe('в\u00A01990\u2011х\u00A0годах');
  });
});

describe('quotes', () => {
  test('«ёлочки» outside, „лапки“ inside, whatever was typed', () => {
    expect(t('программе "Открытый мир"')).toBe('программе «Открытый мир»');
    expect(t('программе “Открытый мир”')).toBe('программе «Открытый мир»');
    expect(t("программе 'Открытый мир'")).toBe('программе «Открытый мир»');
    expect(t('программе «Открытый мир»')).toBe('программе «Открытый мир»');
  });
  test('nesting by depth', () => {
    expect(t('"Программа "Открытый мир" работает"')).toBe('«Программа „Открытый мир“ работает»');
    expect(t('«Программа «Открытый мир» работает»')).toBe('«Программа „Открытый мир“ работает»');
    expect(t('""Открытый мир" работает"')).toBe('«„Открытый мир“ работает»');
    expect(t('"Фонд "Программа "Мир"""')).toBe('«Фонд „Программа „Мир““»');
  });
  test('punctuation after a closing quote, apostrophes inside names', () => {
    expect(t('"Мир", "Дружба"; ("Спорт")')).toBe('«Мир», «Дружба»; («Спорт»)');
    expect(t("Жанна д'Арк")).toBe("Жанна д'Арк");
  });
});

describe('dashes and spaces', () => {
  test('a dash between words is an em dash with a no-break space before it', () => {
    expect(t('побратимские связи на уровне городов – ключ к нормализации отношений')).toBe(
      'побратимские связи на·уровне городов·— ключ к·нормализации отношений',
    );
    for (const dash of [' - ', ' -- ', ' – ', ' — ', '  —  ', '\u00A0— ']) expect(t(`Дубна${dash}наукоград`)).toBe('Дубна·— наукоград');
  });
  test('a dash opening a line is held to the first word', () => {
    expect(t('-- Привет')).toBe('—·Привет');
  });
  test('an en dash in ranges, without spaces', () => {
    expect(t('1990-2001')).toBe('1990–2001');
    expect(t('в 1990 - 2001 годах')).toBe('в·1990–2001·годах');
    expect(t('10—12 апреля')).toBe('10–12·апреля');
  });
  test('phone numbers, ISO dates and decimals are not ranges', () => {
    expect(t('8-495-123-45-67')).toBe('8-495-123-45-67');
    expect(t('2001-04-12')).toBe('2001-04-12');
  });
  test('hyphens between long parts stay breakable; a part of up to three letters holds on (Нью-Йорк)', () => {
    expect(t('город-побратим северо-западный')).toBe('город-побратим северо-западный');
    expect(t('штат Нью-Йорк; город Ла-Кросс')).toBe('штат Нью\u2011Йорк; город Ла\u2011Кросс');
    expect(t('кто-то из-за Ла-Кросса')).toBe('кто\u2011то из\u2011за Ла\u2011Кросса');
  });
  test('no double spaces; a run holding a no-break space stays unbreakable', () => {
    expect(t('Город  Серпухов   и\t Ричмонд')).toBe('Город Серпухов и·Ричмонд');
    expect(t('1990 \u00A0 году')).toBe('1990·году');
  });
  test('three dots are an ellipsis', () => {
    expect(t('и так далее...')).toBe('и·так далее…');
  });
});

describe('protected text', () => {
  test('URLs and e-mail addresses are never changed', () => {
    const url = 'https://council-mo.ru/partners/la-crosse--dubna?a=1&b=2_-_3';
    expect(t(`См. ${url} и пишите на info@council-mo.ru - ответим`)).toBe(`См. ${url} и·пишите на·info@council-mo.ru·— ответим`);
    expect(t('сайт www.council-mo.ru/о-нас - там')).toBe('сайт www.council-mo.ru/о-нас·— там');
    expect(t('адрес council-mo.ru/a--b, а')).toBe('адрес council-mo.ru/a--b, а');
  });
  test('trailing punctuation is not part of a URL', () => {
    expect(t('Сайт: https://council-mo.ru. "Да"')).toBe('Сайт: https://council-mo.ru. «Да»');
  });
});

describe('the seed text as a whole', () => {
  test('a paragraph of the seed text', () => {
    const seed =
      'Вначале связи осуществлялись в виде ознакомительных поездок, затем Серпухов подключился к программе «Открытый мир», ' +
      'предусматривающей обмен профильными делегациями, включая педагогов, врачей и т.д.';
    expect(t(seed)).toBe(
      'Вначале связи осуществлялись в·виде ознакомительных поездок, затем Серпухов подключился к·программе «Открытый мир», ' +
        'предусматривающей обмен профильными делегациями, включая педагогов, врачей и·т.·д.',
    );
  });
});
