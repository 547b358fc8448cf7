/**
 * The one place that imports pptxgenjs. Its type declarations are CommonJS-style
 * (`export default` in a package without `"type": "module"`), so under NodeNext TypeScript
 * sees the default import as the module object; at run time Node loads the ES build, whose
 * default export is the class itself. We accept either shape and re-export the proper types.
 */
import pptxgenjs from 'pptxgenjs';

type PptxModule = typeof pptxgenjs;
export type PptxClass = PptxModule['default'];
export type Pptx = InstanceType<PptxClass>;
export type PptxSlide = ReturnType<Pptx['addSlide']>;
export type TextProps = import('pptxgenjs').default.TextProps;
export type TextPropsOptions = import('pptxgenjs').default.TextPropsOptions;
export type TableRow = import('pptxgenjs').default.TableRow;
export type TableCell = import('pptxgenjs').default.TableCell;
export type TableProps = import('pptxgenjs').default.TableProps;
export type SlideMasterProps = import('pptxgenjs').default.SlideMasterProps;

const loaded = pptxgenjs as unknown as PptxClass & { default?: PptxClass };

export const PptxGenJS: PptxClass = loaded.default ?? loaded;
