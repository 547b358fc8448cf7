/**
 * A Brand for layout tests, read from the shipped templates/brand.yaml with the font files resolved
 * from node_modules (kept independent of loadBrand so these tests exercise the layout alone).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { Brand } from '../../src/templates/brand-model.js';
import type { Block, Deck, DocumentMeta, Run, Slide } from '../../src/document/model.js';

const require = createRequire(import.meta.url);
const templates = resolve(import.meta.dirname, '../../templates');

export function testBrand(): Brand {
  const file = resolve(templates, 'brand.yaml');
  const raw = parse(readFileSync(file, 'utf8')) as Omit<Brand, 'file'>;
  const files = raw.fonts.files;
  return {
    ...raw,
    file,
    logo: resolve(templates, raw.logo),
    fonts: {
      family: raw.fonts.family,
      files: {
        regular: require.resolve(files.regular),
        bold: require.resolve(files.bold),
        italic: require.resolve(files.italic),
        boldItalic: require.resolve(files.boldItalic),
      },
    },
  };
}

export const meta: DocumentMeta = {
  title: 'test',
  author: 'совет',
  lang: 'ru',
  langTag: 'ru-RU',
  date: new Date(0),
  producer: 'council-press test',
};

export const FILE = '/content/partnerships/test.md';
export const para = (text: string, line = 10): Block => ({ kind: 'paragraph', runs: [{ text }], source: { file: FILE, line, column: 1 } });
export const runs = (text: string): Run[] => [{ text }];

export function slide(partial: Partial<Slide> & Pick<Slide, 'layout'>): Slide {
  return { title: [], subtitle: [], blocks: [], notes: [], source: { file: FILE, line: 1, column: 1 }, ...partial };
}

export const deckOf = (slides: Slide[]): Deck => ({ kind: 'deck', meta, slides });

/** The seed deck, roughly as the templates will produce it. */
export function seedDeck(): Deck {
  const b: Run = { break: true };
  const serpukhov = [
    'Первая делегация города Ричмонд прибыла в Серпухов в\u00A01990\u00A0году.',
    'Вначале связи осуществлялись в\u00A0виде ознакомительных поездок, затем Серпухов подключился к\u00A0программе «Открытый мир», предусматривающей обмен профильными делегациями, включая педагогов, врачей и\u00A0т.\u00A0д.',
    'Побратимские отношения наших городов способствуют ознакомлению с\u00A0жизнью, историей, культурой, традициями и\u00A0обычаями друг друга и\u00A0народа его страны, их живому обсуждению с\u00A0привлечением широких кругов городской общественности, населения, и\u00A0иных городских учреждений и\u00A0организаций, СМИ.',
  ];
  const dubna = [
    'Договор о\u00A0побратимстве и\u00A0сотрудничестве между городами Дубна и\u00A0Ла-Кросс, штат Висконсин, был подписан в\u00A01992\u00A0году.',
    'За годы дружбы удалось реализовать десятки проектов. Одним из\u00A0самых продуктивных стало сотрудничество в\u00A0сфере здравоохранения. В\u00A0трудные 90-ые годы в\u00A0Дубну из\u00A0Ла-Кросса было направлено более 600\u00A0тонн грузов гуманитарной помощи, включая медикаменты, медицинское оборудование, продукты питания, одежду, оргтехнику и\u00A0многое другое. При содействии американцев в\u00A0наукограде открылась Школа сахарного диабета.',
  ];
  const facts = (city: string, since: string): Block => ({
    kind: 'facts',
    facts: [
      { label: 'Город-побратим', value: runs(city) },
      { label: 'С года', value: runs(since) },
    ],
  });
  return deckOf([
    slide({
      layout: 'title',
      title: [{ text: 'совет', bold: true }, b, { text: 'муниципальных', bold: true }, b, { text: 'образований', bold: true }, b, { text: 'московской области', bold: true }],
      subtitle: [{ text: 'Олег Борисович Иванов', bold: true }, b, { text: 'Исполнительный директор', bold: true }],
    }),
    slide({
      layout: 'statement',
      blocks: [
        para('Нормальные рабочие отношения между нашими странами очень важны для всего мира, потому что ядерные державы должны совместно решать ключевые вопросы мировой безопасности, а\u00A0не\u00A0конфликтовать друг с\u00A0другом.'),
        para('Муниципальная дипломатия, побратимские связи на\u00A0уровне городов\u00A0— ключ к\u00A0нормализации отношений.'),
      ],
    }),
    slide({
      layout: 'list',
      blocks: [
        para('Города Подмосковья, связанные побратимскими отношениями с\u00A0городами США:'),
        {
          kind: 'list',
          ordered: false,
          start: 1,
          items: [
            { blocks: [para('город Серпухов побратим города Ричмонд, штат Индиана;')] },
            { blocks: [para('город Чехов побратим города Саратога Спрингс, штат Нью-Йорк;')] },
            { blocks: [para('город Дубна побратим города Ла-Кросс, штат Висконсин.')] },
          ],
        },
      ],
    }),
    slide({ layout: 'partnership', title: runs('Серпухов\u00A0— Ричмонд'), blocks: [facts('Ричмонд, штат Индиана', '1990'), ...serpukhov.map((t, i) => para(t, 10 + i))], notes: ['С 1990 года.'] }),
    slide({ layout: 'partnership', title: runs('Дубна\u00A0— Ла-Кросс'), blocks: [facts('Ла-Кросс, штат Висконсин', '1992'), ...dubna.map((t, i) => para(t, 10 + i))] }),
  ]);
}
