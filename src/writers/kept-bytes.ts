/**
 * node:zlib's sync calls return a small result as a slice of their 16 KiB output chunk, so a
 * remembered 200-byte part would hold 16 KiB (~40 MB for the ~2,500 parts of a 300-partnership
 * deck). What a writer keeps between documents is this: the result itself when it owns its
 * memory, else an exact-size copy.
 */
export function keptBytes(out: Buffer): Buffer {
  return out.byteLength === out.buffer.byteLength ? out : Buffer.from(out);
}
