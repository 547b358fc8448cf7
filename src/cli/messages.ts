/**
 * The CLI's own status lines (not diagnostics: those live in the catalogue) in English and Russian,
 * following the same language choice: --messages, the config's "messages", then LC_ALL/LANG.
 */
import { getMessagesLanguage } from '../diagnostics/catalogue.js';
import { plural } from '../diagnostics/wording.js';

const seconds = (ms: number, lang: 'en' | 'ru') => `${(ms / 1000).toFixed(2).replace('.', lang === 'ru' ? ',' : '.')} ${lang === 'ru' ? 'с' : 's'}`;
const files = (n: number, lang: 'en' | 'ru') => (lang === 'ru' ? `${n} ${plural(n, 'файл', 'файла', 'файлов')}` : `${n} ${n === 1 ? 'artifact' : 'artifacts'}`);

const texts = {
  en: {
    built: (n: number, rendered: number, cached: number, out: string, ms: number) =>
      `built ${files(n, 'en')}${cached ? ` (${rendered} rendered, ${cached} unchanged from the cache)` : ''} into ${out} in ${seconds(ms, 'en')}`,
    upToDate: (out: string, n: number, ms: number) => `${out} is up to date: nothing changed (${files(n, 'en')}, checked in ${seconds(ms, 'en')})`,
    rebuilt: (rendered: number, n: number, ms: number) => `rebuilt ${rendered} of ${files(n, 'en')} in ${seconds(ms, 'en')}`,
    earlyReady: (list: string, ms: number) => `${list} ready in ${seconds(ms, 'en')}; the deck and the combined handout follow`,
    buildFailed: (out: string) => `build failed; ${out} was left as it was`,
    watchFailed: (out: string) => `build failed; ${out} keeps the last good build (fix the file and save again)`,
    watching: (dirs: string) => `watching ${dirs} for changes (Ctrl-C to stop)`,
    waiting: () => 'waiting for changes…',
    warmedUp: (ms: number) => `threads warmed up in ${seconds(ms, 'en')}: the deck and the combined handout follow a save from warm memos`,
    changed: (list: string) => `changed: ${list}`,
    rendering: (done: number, total: number, what: string, ms: number) => `rendering… ${done} of ${total} done (${what}), ${seconds(ms, 'en')}`,
    building: () => 'building…',
    cached: () => 'cached',
    removed: (list: string) => `removed ${list}`,
    nothingToRemove: () => 'nothing to remove',
    created: (file: string) => `created ${file}`,
    merged: (n: number, manifests: number, out: string) => `merged ${files(n, 'en')} from ${manifests} manifests into ${out}`,
    fillIn: () => 'fill in city, partnerCity, state and since, write the text below the second ---, then run: council-press check',
  },
  ru: {
    built: (n: number, rendered: number, cached: number, out: string, ms: number) =>
      `собрано ${files(n, 'ru')}${cached ? ` (заново ${rendered}, без изменений ${cached})` : ''} в ${out} за ${seconds(ms, 'ru')}`,
    upToDate: (out: string, n: number, ms: number) => `${out}: ничего не изменилось (${files(n, 'ru')}, проверено за ${seconds(ms, 'ru')})`,
    rebuilt: (rendered: number, n: number, ms: number) => `пересобрано ${rendered} из ${files(n, 'ru')} за ${seconds(ms, 'ru')}`,
    earlyReady: (list: string, ms: number) => `${list} готово за ${seconds(ms, 'ru')}; презентация и общая памятка следом`,
    buildFailed: (out: string) => `сборка не удалась; ${out} не изменена`,
    watchFailed: (out: string) => `сборка не удалась; в ${out} осталась последняя удачная сборка (исправьте файл и сохраните ещё раз)`,
    watching: (dirs: string) => `слежу за изменениями в ${dirs} (остановить: Ctrl-C)`,
    waiting: () => 'жду изменений…',
    warmedUp: (ms: number) => `потоки прогреты за ${seconds(ms, 'ru')}: презентация и общая памятка пересобираются после сохранения быстрее`,
    changed: (list: string) => `изменено: ${list}`,
    rendering: (done: number, total: number, what: string, ms: number) => `сборка… готово ${done} из ${total} (${what}), ${seconds(ms, 'ru')}`,
    building: () => 'сборка…',
    cached: () => 'из кэша',
    removed: (list: string) => `удалено: ${list}`,
    nothingToRemove: () => 'удалять нечего',
    created: (file: string) => `создан файл ${file}`,
    merged: (n: number, manifests: number, out: string) => `объединено ${files(n, 'ru')} из ${manifests} манифестов в ${out}`,
    fillIn: () => 'заполните city, partnerCity, state и since, напишите текст под второй строкой ---, затем запустите: council-press check',
  },
} satisfies Record<'en' | 'ru', Record<string, (...args: never[]) => string>>;

/** The status lines in the current messages language. */
export function say(): (typeof texts)['en'] {
  return texts[getMessagesLanguage()];
}
