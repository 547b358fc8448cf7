// markdown-it-footnote ships no typings: a markdown-it plugin.
declare module 'markdown-it-footnote' {
  const footnote: import('markdown-it').PluginSimple;
  export default footnote;
}
