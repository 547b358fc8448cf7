/** Typography: the Russian and English typographs, hyphenation, and Intl formatting for templates. */
export { typographRu } from './typograph-ru.js';
export { typographEn } from './typograph-en.js';
export { typographRuns, typographText } from './typograph-runs.js';
export { typographDocument } from './typograph-document.js';
export { mapDocument, mapBlock, type TextMappers } from './map-document.js';
export { hyphenateRu, hyphenateEn, hyphenateText, hyphenateRuns, hyphenateDocument } from './hyphenate.js';
export { formatNumber, formatDate, plural, pluralForm, type PluralForms } from './intl.js';
export { registerIntlHelpers } from './handlebars-helpers.js';
export { protectedRanges } from './protect.js';
