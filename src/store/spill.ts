// Texts a sync keeps on disk between reading the catalog and writing the store: a province's item bodies
// are ≈ 0.4 GB as UTF-8 and twice that as the JS strings Chinese text makes, far more than the rest of a
// sync holds. They are appended a batch at a time as the check hands them over and read back a chunk at a
// time inside the write transaction.
//
// The file is unlinked as soon as it is open (where the platform allows it): nothing is left behind even
// when the process is killed; close() removes it otherwise.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a text lies in the spill file. */
export interface SpillRef {
  at: number;
  bytes: number;
}

export class Spill {
  private readonly dir: string;
  private fd: number | undefined;
  private size = 0;

  constructor(parent: string = tmpdir()) {
    this.dir = mkdtempSync(join(parent, 'tongbiao-sync-'));
    this.fd = openSync(join(this.dir, 'texts'), 'w+', 0o600);
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      /* an open file cannot be removed on Windows: close() does it */
    }
  }

  /** Appends the texts with one write; returns where each went, in order. */
  append(texts: readonly string[]): SpillRef[] {
    const refs: SpillRef[] = [];
    let total = 0;
    for (const text of texts) {
      const bytes = Buffer.byteLength(text);
      refs.push({ at: this.size + total, bytes });
      total += bytes;
    }
    const buffer = Buffer.allocUnsafe(total);
    let at = 0;
    for (const text of texts) at += buffer.write(text, at);
    for (let written = 0; written < total; ) written += writeSync(this.open(), buffer, written, total - written, this.size + written);
    this.size += total;
    return refs;
  }

  /** The texts at `refs`, in order; adjacent refs are read with one read. */
  read(refs: readonly SpillRef[]): string[] {
    const out: string[] = [];
    for (let start = 0; start < refs.length; ) {
      let end = start + 1;
      while (end < refs.length && refs[end]!.at === refs[end - 1]!.at + refs[end - 1]!.bytes) end++;
      const first = refs[start]!.at;
      const length = refs[end - 1]!.at + refs[end - 1]!.bytes - first;
      const buffer = Buffer.allocUnsafe(length);
      for (let read = 0; read < length; ) {
        const n = readSync(this.open(), buffer, read, length - read, first + read);
        if (n === 0) throw new Error('sync spill file ended early');
        read += n;
      }
      for (let i = start; i < end; i++) out.push(buffer.toString('utf8', refs[i]!.at - first, refs[i]!.at - first + refs[i]!.bytes));
      start = end;
    }
    return out;
  }

  /** Closes and removes the file; idempotent. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.dir, { recursive: true, force: true });
  }

  private open(): number {
    if (this.fd === undefined) throw new Error('sync spill file is closed');
    return this.fd;
  }
}
