/**
 * The only code that writes into the output folder. A build writes into a temporary folder beside
 * it and swaps it into place when everything succeeded, so a failed or interrupted build leaves the
 * previous output byte-for-byte intact. A lock file beside the output keeps two builds apart; a
 * lock left by a dead process is taken over.
 */
import { closeSync, constants, copyFileSync, linkSync, readdirSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CouncilPressError } from '../diagnostics/diagnostic.js';
import { diagnostic } from '../diagnostics/catalogue.js';

/**
 * The staging folder of a partial build starts as the live output, hard-linked file by file (no
 * bytes copied); `write` replaces a linked file rather than writing through it.
 */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isFile()) {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}

/** True while process `pid` exists (EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function fail(code: string, args: Record<string, unknown>, file: string): never {
  throw new CouncilPressError([diagnostic(code, args, { file, line: 1, column: 1 })]);
}

/** A file-system failure while writing becomes output-not-writable (the catalogue puts its errno in plain words). */
function failWriting(error: unknown, file: string): never {
  if (error instanceof CouncilPressError) throw error;
  const code = (error as NodeJS.ErrnoException).code;
  // mkdir -p answers EEXIST when a file sits where one of the folders should be.
  fail('output-not-writable', { reason: code === 'EEXIST' ? 'ENOTDIR' : code ?? String(error) }, file);
}

/** A lock this young with no pid in it yet is a build that has just created it, not a stale one. */
const FRESH_LOCK_MS = 10_000;

/** Transactions under way, so a signal handler in the CLI can abort them before the process exits. */
const active = new Set<OutputTransaction>();

export function abortActiveTransactions(): void {
  for (const tx of active) tx.abort();
}

export class OutputTransaction {
  readonly staging: string;
  private readonly lockFile: string;
  private finished = false;
  /** The staging folder started as a linked copy of the live output (linkTree). */
  private linkedAll = false;
  /** Files this transaction has put into the staging folder. */
  private readonly placed = new Set<string>();

  private constructor(readonly outDir: string) {
    const parent = dirname(outDir);
    const name = basename(outDir);
    this.lockFile = join(parent, `.${name}.lock`);
    this.staging = join(parent, `.${name}.tmp-${process.pid}`);
  }

  /** Takes the lock and prepares the staging folder (a copy of the current output when `keepExisting`). */
  static begin(outDir: string, keepExisting: boolean): OutputTransaction {
    const tx = new OutputTransaction(outDir);
    const parent = dirname(outDir);
    try {
      mkdirSync(parent, { recursive: true });
    } catch (error) {
      // EEXIST here means a file sits where a folder of the path should be (`--out notes.txt/out`).
      const code = (error as NodeJS.ErrnoException).code;
      fail('output-not-writable', { reason: code === 'EEXIST' ? 'ENOTDIR' : code ?? String(error) }, parent);
    }
    if (existsSync(outDir) && !statSync(outDir).isDirectory()) fail('output-not-folder', {}, outDir);
    tx.lock();
    active.add(tx);
    try {
      rmSync(tx.staging, { recursive: true, force: true });
      mkdirSync(tx.staging, { recursive: true });
      if (keepExisting && existsSync(outDir)) {
        linkTree(outDir, tx.staging);
        tx.linkedAll = true;
      }
    } catch (error) {
      tx.abort();
      fail('output-not-writable', { reason: (error as NodeJS.ErrnoException).code ?? String(error) }, outDir);
    }
    return tx;
  }

  private lock(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.lockFile, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') fail('output-not-writable', { reason: code ?? String(error) }, dirname(this.outDir));
        let text: string;
        try {
          text = readFileSync(this.lockFile, 'utf8').trim();
        } catch {
          // A folder or an unreadable file under the lock's name: not ours to remove.
          fail('output-lock-unusable', { file: basename(this.lockFile) }, this.lockFile);
        }
        const holder = /^\d+$/.test(text) ? Number(text) : 0;
        if (holder && holder !== process.pid && isAlive(holder)) fail('output-locked', { pid: holder }, this.outDir);
        // Created a moment ago and not yet written: another build is between open() and write().
        if (!holder && Date.now() - statSync(this.lockFile).mtimeMs < FRESH_LOCK_MS) fail('output-locked', { pid: '?' }, this.outDir);
        // The holder is gone: its lock is stale, and so is whatever staging folder it left.
        rmSync(this.lockFile, { force: true });
        if (holder) rmSync(join(dirname(this.outDir), `.${basename(this.outDir)}.tmp-${holder}`), { recursive: true, force: true });
      }
    }
    fail('output-locked', { pid: '?' }, this.outDir);
  }

  /**
   * Makes room for a staging file. Only a path the staging folder may already hold (a linked copy
   * of the output, or placed earlier by this transaction) is removed: in a fresh folder, removing
   * each new path first would only cost a failed lstat and its error (~0.1 ms a file).
   */
  private clear(target: string): void {
    if (this.linkedAll || this.placed.has(target)) rmSync(target, { force: true });
    this.placed.add(target);
  }

  /** Writes a file of the new output; returns where it is staged until the commit. */
  write(relativePath: string, data: Buffer | string): string {
    const target = join(this.staging, relativePath);
    try {
      mkdirSync(dirname(target), { recursive: true });
      // The staging copy may be a hard link to the live output: replace it, never write through it.
      this.clear(target);
      writeFileSync(target, data);
    } catch (error) {
      // e.g. a file `briefs` in the previous output where this build needs a folder
      failWriting(error, join(this.outDir, relativePath));
    }
    return target;
  }

  /** Puts an unchanged file from the live output into the staging folder without copying its bytes. */
  link(relativePath: string, existing: string): void {
    const target = join(this.staging, relativePath);
    try {
      mkdirSync(dirname(target), { recursive: true });
      this.clear(target);
      try {
        linkSync(existing, target);
      } catch {
        copyFileSync(existing, target);
      }
    } catch (error) {
      failWriting(error, join(this.outDir, relativePath));
    }
  }

  /**
   * Puts files into the live output now, ahead of the commit (watch: the brief and handout of the
   * partnership just saved, while the deck is still being made). Each file is written beside its
   * target and renamed over it, so a reader sees the old file or the new one, never half of one;
   * if any write fails, none is renamed. The commit later swaps in the staging folder, which holds
   * the same bytes.
   */
  publishEarly(files: readonly { path: string; data: Buffer }[]): void {
    const ready: [string, string][] = [];
    try {
      for (const f of files) {
        const target = join(this.outDir, f.path);
        const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(tmp, f.data);
        ready.push([tmp, target]);
      }
      for (const [tmp, target] of ready) renameSync(tmp, target);
    } catch (error) {
      for (const [tmp] of ready) rmSync(tmp, { force: true });
      failWriting(error, this.outDir);
    }
  }

  /** Moves the staging folder into place. Between the two renames the folder is briefly absent, never half-written. */
  commit(): void {
    const old = join(dirname(this.outDir), `.${basename(this.outDir)}.old-${process.pid}`);
    try {
      rmSync(old, { recursive: true, force: true });
      if (existsSync(this.outDir)) renameSync(this.outDir, old);
    } catch (error) {
      failWriting(error, this.outDir);
    }
    try {
      renameSync(this.staging, this.outDir);
    } catch (error) {
      // Put the previous output back before reporting.
      if (existsSync(old) && !existsSync(this.outDir)) renameSync(old, this.outDir);
      failWriting(error, this.outDir);
    }
    rmSync(old, { recursive: true, force: true });
    this.release();
  }

  /** Leaves the output as it was and removes every trace of this build. Safe to call twice. */
  abort(): void {
    rmSync(this.staging, { recursive: true, force: true });
    this.release();
  }

  private release(): void {
    if (this.finished) return;
    this.finished = true;
    active.delete(this);
    try {
      if (readFileSync(this.lockFile, 'utf8').trim() === String(process.pid)) rmSync(this.lockFile, { force: true });
    } catch {
      // already gone
    }
  }
}
