export { flowToDocx } from './flow-to-docx.js';
export type { DocxLabels } from './header-footer.js';
