/**
 * The parts of a presentation as pptxgenjs hands them to its zip library, without the zip.
 *
 * pptxgenjs builds every part as a string, then has JSZip store them all (UTF-8 encoding and a
 * CRC per part, chunk by chunk on timers) — only for normalize-zip.ts to unzip the result and zip
 * it again reproducibly. On a 300-slide deck that round trip was ~0.25 s of ~1 s. While
 * `pptx.write()` runs, JSZip's `generateAsync` for a Node buffer is answered with a marker instead,
 * and the zip object's files are read as they are: strings encoded here, anything else through
 * JSZip's own `async('uint8array')`. The workbooks inside charts (zipped to base64) are made as
 * before. Should JSZip or pptxgenjs change so that the marker never comes back, the real bytes
 * are unzipped as before.
 */
import JSZip from 'jszip';
import { unzipSync } from 'fflate';

type Generate = (this: JSZip, options?: JSZip.JSZipGeneratorOptions, onUpdate?: JSZip.OnUpdateCallback) => Promise<unknown>;
type AddFile = (this: JSZip, name: string, data?: unknown, options?: JSZip.JSZipFileOptions) => JSZip;
const proto = JSZip.prototype as unknown as { generateAsync: Generate; file: AddFile };

class Captured {
  constructor(readonly zip: JSZip) {}
}

/** One capture at a time: the patch is process-wide while a write runs. */
let turn: Promise<unknown> = Promise.resolve();

async function partsOf(zip: JSZip): Promise<Record<string, Uint8Array>> {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir) continue;
    // JSZip keeps what `file(name, data)` was given, prepared, as a promise in `_data` (private): the
    // XML string itself for a text part, bytes for base64 or binary input (jszip 3 utils.prepareContent).
    const internal = file as unknown as { _data?: unknown; _dataBinary?: boolean };
    const data: unknown = await internal._data;
    if (typeof data === 'string' && internal._dataBinary === false) entries[name] = Buffer.from(data, 'utf8');
    else if (data instanceof Uint8Array) entries[name] = data;
    else entries[name] = await file.async('uint8array');
  }
  return entries;
}

/**
 * Runs `write` (a `pptx.write({ outputType: 'nodebuffer' })`) and returns the package's parts by
 * name. `edit` may change a part's XML as pptxgenjs hands it over, before it is encoded.
 */
export function capturePptxParts(write: () => Promise<unknown>, edit?: (name: string, xml: string) => string): Promise<Record<string, Uint8Array>> {
  const run = turn.then(async () => {
    const original = proto.generateAsync;
    const addFile = proto.file;
    proto.generateAsync = function (this: JSZip, options, onUpdate) {
      if (options?.type === 'nodebuffer') return Promise.resolve(new Captured(this));
      return original.call(this, options, onUpdate);
    };
    // A part's XML, encoded as it is added: the string (two bytes a character, with any Cyrillic)
    // is garbage at once, rather than all of them living until the last slide is written (~20 MB
    // of a 300-slide deck). JSZip zips bytes and the same text as UTF-8 alike.
    proto.file = function (this: JSZip, name, data, options) {
      if (typeof data === 'string' && options === undefined) return addFile.call(this, name, Buffer.from(edit ? edit(name, data) : data, 'utf8'), { binary: true });
      return addFile.call(this, name, data, options);
    } as AddFile;
    let result: unknown;
    try {
      result = await write();
    } finally {
      proto.generateAsync = original;
      proto.file = addFile;
    }
    if (result instanceof Captured) return partsOf(result.zip);
    return unzipSync(result as Uint8Array);
  });
  turn = run.catch(() => undefined);
  return run;
}
