// hyphen's typings describe the package's main module; each language is a CommonJS module of its
// own (`hyphen/ru/index.js`: a folder, so ES imports name the file) with the same functions.
declare module 'hyphen/ru/index.js' {
  export const hyphenateSync: import('hyphen').HyphenationFunctionSync;
}
declare module 'hyphen/en-us/index.js' {
  export const hyphenateSync: import('hyphen').HyphenationFunctionSync;
}
