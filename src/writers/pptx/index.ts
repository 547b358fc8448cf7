export { laidDeckToPptx } from './deck-to-pptx.js';
export { LAYOUT_NAMES, TITLE_PLACEHOLDER } from './masters.js';
