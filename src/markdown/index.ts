export { parseMarkdown, shiftPositions } from './parse.js';
