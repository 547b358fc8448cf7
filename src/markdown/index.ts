export { parseMarkdown, shiftPositions } from './parse.js';
export { parseMarkdownCached, clearMarkdownCache, markdownCacheStats, type MarkdownCacheStats } from './cached.js';
export { splitAtThematicBreaks, type Chunk } from './chunks.js';
export { copyShifted, type Shift } from './copy.js';
export { TextKeyedLru } from './text-lru.js';
