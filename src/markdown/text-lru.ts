/**
 * A least-recently-used memo keyed by texts and bounded by their total length, in UTF-16 units: a
 * Markdown tree costs a roughly constant number of bytes per character of the text it came from,
 * so the length of the keys bounds the memory of the values. Serves the Markdown piece memo
 * (cached.ts) and the document stage's memo of parsed partnership bodies.
 */
export class TextKeyedLru<V> {
  private readonly entries = new Map<string, V>();
  private keptChars = 0;

  constructor(private readonly maxChars: number) {}

  /** The value for `key`, now the most recently used. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // A Map iterates in insertion order: re-inserting moves the entry to the back of the line.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Remembers `value` (unless its key alone is over the budget), forgetting the least recently used first. */
  set(key: string, value: V): void {
    if (key.length > this.maxChars) return;
    if (this.entries.delete(key)) this.keptChars -= key.length;
    this.entries.set(key, value);
    this.keptChars += key.length;
    for (const [oldest] of this.entries) {
      if (this.keptChars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.keptChars -= oldest.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Characters of the keys kept. */
  get chars(): number {
    return this.keptChars;
  }

  clear(): void {
    this.entries.clear();
    this.keptChars = 0;
  }
}
