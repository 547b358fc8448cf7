// Deterministic corpora for the benchmark: N partnerships of realistic Russian prose (~150 words,
// a list and a table each), written next to a copy of the shipped council.md.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CITIES = ['Серпухов', 'Чехов', 'Дубна', 'Коломна', 'Клин', 'Дмитров', 'Жуковский', 'Королёв', 'Мытищи', 'Подольск', 'Пушкино', 'Раменское', 'Ступино', 'Истра', 'Можайск', 'Волоколамск', 'Егорьевск', 'Звенигород', 'Кашира', 'Луховицы', 'Наро-Фоминск', 'Ногинск', 'Озёры', 'Руза', 'Сергиев Посад', 'Солнечногорск', 'Талдом', 'Шатура', 'Щёлково', 'Электросталь'];
const PARTNERS = [['Ричмонд', 'Индиана'], ['Саратога Спрингс', 'Нью-Йорк'], ['Ла-Кросс', 'Висконсин'], ['Спрингфилд', 'Иллинойс'], ['Олбани', 'Нью-Йорк'], ['Мэдисон', 'Висконсин'], ['Колумбус', 'Огайо'], ['Портленд', 'Орегон'], ['Сиэтл', 'Вашингтон'], ['Остин', 'Техас'], ['Денвер', 'Колорадо'], ['Бостон', 'Массачусетс'], ['Эри', 'Пенсильвания'], ['Дулут', 'Миннесота'], ['Фэрбанкс', 'Аляска']];
const SENTENCES = [
  'Первая делегация прибыла в город весной, и с тех пор связи не прерывались ни на один год.',
  'Вначале связи осуществлялись в виде ознакомительных поездок, затем город подключился к программе «Открытый мир».',
  'Программа предусматривает обмен профильными делегациями, включая педагогов, врачей, библиотекарей и т. д.',
  'Побратимские отношения способствуют знакомству с жизнью, историей, культурой и традициями друг друга.',
  'Школьники обоих городов переписываются, а каждое лето несколько семей принимают гостей у себя дома.',
  'Врачи городской больницы прошли стажировку у американских коллег и привезли новые методики лечения.',
  'В трудные 90-е годы в город было направлено более 600 тонн грузов гуманитарной помощи.',
  'Совместные проекты охватывают экологию, образование, здравоохранение и социальную поддержку.',
  'В рамках празднования дня города делегация партнёров посетила предприятия и музеи района.',
  'Муниципальная дипломатия — ключ к нормализации отношений между нашими странами.',
  'Городская библиотека открыла зал американской литературы, собранный силами жителей города-побратима.',
  'Ежегодно проводятся спортивные турниры, концерты и выставки детского рисунка.',
];

function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => ((x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

function paragraph(r, words) {
  const out = [];
  let count = 0;
  while (count < words) {
    const s = pick(r, SENTENCES);
    out.push(s);
    count += s.split(/\s+/).length;
  }
  return out.join(' ');
}

export function writeCorpus(dir, n, repoRoot) {
  mkdirSync(join(dir, 'partnerships'), { recursive: true });
  cpSync(join(repoRoot, 'content', 'council.md'), join(dir, 'council.md'));
  const r = rng(20260101 + n);
  for (let i = 0; i < n; i++) {
    const city = CITIES[i % CITIES.length];
    const [partner, state] = PARTNERS[(i * 7) % PARTNERS.length];
    const since = 1988 + ((i * 13) % 30);
    const slug = `p${String(i + 1).padStart(4, '0')}`;
    const body = [
      `Договор о побратимстве между городами ${city} и ${partner} был подписан в ${since} году.`,
      '',
      paragraph(r, 60),
      '',
      '- обмен делегациями специалистов;',
      '- совместные школьные проекты;',
      '- гуманитарная и медицинская помощь.',
      '',
      paragraph(r, 55),
      '',
      '| Год | Событие |',
      '| --- | --- |',
      `| ${since} | Подписание договора |`,
      `| ${since + 3} | Первый обмен школьниками |`,
      `| ${since + 8} | Совместная выставка |`,
      '',
    ].join('\n');
    const file = [
      '---',
      `city: ${city}`,
      `partnerCity: ${partner}`,
      `state: ${state}`,
      `since: ${since}`,
      'document: Договор о побратимстве',
      'programmes:',
      '  - «Открытый мир»',
      '  - образование',
      `order: ${i + 1}`,
      '---',
      '',
      body,
    ].join('\n');
    writeFileSync(join(dir, 'partnerships', `${slug}.md`), file);
  }
  return { slugs: Array.from({ length: n }, (_, i) => `p${String(i + 1).padStart(4, '0')}`) };
}

/** The same corpus as one Markdown file for the peers (pandoc, Marp): a `#` slide per partnership. */
export function peerMarkdown(corpusDir, slugs) {
  const parts = slugs.map((slug) => {
    const text = readFileSync(join(corpusDir, 'partnerships', `${slug}.md`), 'utf8');
    const [, front, body] = text.split(/^---$/m);
    const field = (name) => new RegExp(`^${name}: (.*)$`, 'm').exec(front)?.[1] ?? '';
    return `# ${field('city')} — ${field('partnerCity')}\n\n${body.trim()}\n`;
  });
  return parts.join('\n---\n\n');
}
