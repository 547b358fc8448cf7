/**
 * The writer contract. A writer is a thin function from a laid-out or flowing document to the
 * bytes of one file; it never touches the disk and never prints. Problems it notices are returned
 * as diagnostics. Adding an output format means adding one folder under src/writers/.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface WriterResult {
  data: Buffer;
  diagnostics: Diagnostic[];
}
