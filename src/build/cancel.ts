/**
 * Abandoning a render that nobody waits for. `build --watch` warms its threads in the background
 * after a start-up the cache answered: each lays out and writes the collection it is home to (the
 * deck, the combined handout) and throws the result away, so that the first save finds their
 * memos filled. A save must not wait for that: the pool raises a flag that both threads can see
 * (a SharedArrayBuffer), and the render checks it between slides and blocks (`checkpoint`) and
 * stops there. What it filled in its memos so far stays.
 */

/** Thrown by a checkpoint whose flag is raised. */
export class RenderCancelled extends Error {
  constructor() {
    super('render cancelled');
    this.name = 'RenderCancelled';
  }
}

/** A flag a pool raises to cancel the renders it was passed to. */
export function cancelFlag(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

export function raise(flag: Int32Array): void {
  Atomics.store(flag, 0, 1);
}

export function raised(flag: Int32Array): boolean {
  return Atomics.load(flag, 0) !== 0;
}

/** A checkpoint for renders that `flag` may cancel. */
export function checkpointFor(flag: Int32Array): () => void {
  return () => {
    if (raised(flag)) throw new RenderCancelled();
  };
}
