export { flowToPdf, type FlowToPdfOptions } from './flow.js';
export { laidDeckToPdf } from './deck.js';
