// The seed helpers split the council's text the way a reader would; the e2e tests rely on it.
import { describe, expect, it } from 'vitest';
import {
  looseText,
  missingSentences,
  normalizeText,
  seedMessaging,
  seedSentences,
  seedSentencesOf,
  seedSlides,
} from './seed.js';

describe('seed sentences', () => {
  it('has the seed deck’s six slides', () => {
    const slides = seedSlides();
    expect(slides).toHaveLength(6);
    expect(slides[0]).toEqual([
      'совет муниципальных образований московской области',
      'Олег Борисович Иванов Исполнительный директор',
    ]);
    expect(slides[2]).toEqual([
      'Города Подмосковья, связанные побратимскими отношениями с городами США:',
      'город Серпухов побратим города Ричмонд, штат Индиана;',
      'город Чехов побратим города Саратога Спрингс, штат Нью-Йорк;',
      'город Дубна побратим города Ла-Кросс, штат Висконсин.',
    ]);
  });

  it('does not split after a one-letter abbreviation, fixes the two typos', () => {
    const all = seedSentences();
    expect(all).toContain('В рамках дня г. Чехова в Саратога Спрингс делегация Чехова посетила город-побратим.');
    expect(all.some((s) => s.endsWith(' г.'))).toBe(false);
    expect(all.join(' ')).toContain('многое другое');
    expect(all.join(' ')).not.toContain('побратимские отношениями');
    expect(all).toHaveLength(19);
  });

  it('finds each partnership’s own slide, not the list', () => {
    expect(seedSentencesOf('Ричмонд')[0]).toBe('Первая делегация города Ричмонд прибыла в Серпухов в 1990 году.');
    expect(seedSentencesOf('Саратога')).toHaveLength(4);
    expect(seedSentencesOf('Дубна')).toHaveLength(5);
    expect(seedMessaging()).toHaveLength(2);
  });

  it('normalises typography but not words', () => {
    expect(normalizeText('врачей и\u00A0т.\u00A0д.')).toBe('врачей и т.д.');
    expect(normalizeText('«Открытый мир»')).toBe('"Открытый мир"');
    expect(normalizeText('городов\u00A0— ключ')).toBe('городов - ключ');
    expect(looseText('здравоохра-\nнения, Нью-\nЙорк')).toBe(looseText('здравоохранения, Нью-Йорк'));
    expect(missingSentences('a b. c', ['a b.', 'd.'])).toEqual(['d.']);
  });
});
