/**
 * Where things are in a Markdown text, as unist points (1-based line and column, 0-based offset,
 * in UTF-16 units of the text as written).
 *
 * markdown-it parses a normalised copy: every `\r\n` and lone `\r` becomes `\n` (a NUL becomes
 * U+FFFD, which keeps the length). Its line numbers are the text's; its offsets are the copy's, and
 * differ from the text's after the first `\r\n`. This table turns either into a point of the text.
 */
import type { Point } from 'unist';

export class SourceLines {
  /** The text as markdown-it reads it. */
  readonly normalized: string;
  /** Offset of each line's first character, in the normalised text. */
  private readonly starts: number[] = [0];
  /** Offset of each line's first character in the original text (the same array when nothing was normalised). */
  private readonly originalStarts: number[];

  constructor(readonly text: string) {
    const hasCr = text.includes('\r');
    this.normalized = hasCr ? text.replace(/\r\n?/g, '\n') : text;
    for (let at = this.normalized.indexOf('\n'); at !== -1; at = this.normalized.indexOf('\n', at + 1)) this.starts.push(at + 1);
    if (!hasCr) this.originalStarts = this.starts;
    else {
      this.originalStarts = [0];
      const ending = /\r\n?|\n/g;
      for (let m = ending.exec(text); m; m = ending.exec(text)) this.originalStarts.push(m.index + m[0].length);
    }
  }

  /** Offset (normalised) where 0-based line `line` starts. */
  start(line: number): number {
    return this.starts[Math.min(Math.max(line, 0), this.starts.length - 1)]!;
  }

  /** Offset (normalised) where 0-based line `line` ends, before its line ending. */
  end(line: number): number {
    const next = line + 1;
    return next < this.starts.length ? this.starts[next]! - 1 : this.normalized.length;
  }

  /** The 0-based line that holds normalised offset `offset`. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The point of normalised offset `offset`. */
  point(offset: number): Point {
    const line = this.lineOf(offset);
    const column = offset - this.starts[line]! + 1;
    return { line: line + 1, column, offset: this.originalStarts[line]! + column - 1 };
  }

  /** The point just after the last character of 0-based line `line` (before its line ending). */
  endOfLine(line: number): Point {
    const clamped = Math.min(Math.max(line, 0), this.starts.length - 1);
    return this.point(this.end(clamped));
  }

  /** The point after the whole text, as mdast puts a root's end. */
  endOfText(): Point {
    const last = this.starts.length - 1;
    const column = this.normalized.length - this.starts[last]! + 1;
    return { line: last + 1, column, offset: this.text.length };
  }
}
