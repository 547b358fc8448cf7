/**
 * The layout stage's diagnostic codes, registered with the one catalogue at load time (the
 * catalogue's `registerDiagnostics` exists so stages need not edit its table).
 */
import { registerDiagnostics } from '../diagnostics/catalogue.js';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

registerDiagnostics({
  'layout-continued': {
    severity: 'info',
    message: {
      en: (a) => `slide ${s(a.slide)} "${s(a.title)}" is too long for one slide and continues on slide ${s(a.range)}`,
      ru: (a) => `слайд ${s(a.slide)} «${s(a.title)}» не помещается на одном слайде и продолжается на слайде ${s(a.range)}`,
    },
    hint: {
      en: () => 'this is normal; shorten the text if it should fit on one slide',
      ru: () => 'это нормально; сократите текст, если он должен поместиться на один слайд',
    },
  },
  'layout-token-too-wide': {
    severity: 'warning',
    message: {
      en: (a) => `on slide ${s(a.slide)} the word "${s(a.token)}" is wider than its text box and was split between letters`,
      ru: (a) => `на слайде ${s(a.slide)} слово «${s(a.token)}» шире текстового поля и разбито посреди букв`,
    },
    hint: {
      en: () => 'add a space or a hyphen, or shorten the word (a long link can become a link text)',
      ru: () => 'добавьте пробел или дефис либо сократите слово (длинную ссылку можно заменить текстом ссылки)',
    },
  },
});

/** Shortens a long token for a one-line message. */
export function tokenForMessage(token: string): string {
  const chars = [...token];
  return chars.length > 40 ? `${chars.slice(0, 20).join('')}…${chars.slice(-10).join('')}` : token;
}
