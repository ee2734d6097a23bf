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
  private readonly scratch = Buffer.allocUnsafeSlow(1 << 20);

  constructor(parent: string = tmpdir()) {
    this.dir = mkdtempSync(join(parent, 'tongbiao-sync-'));
    this.fd = openSync(join(this.dir, 'texts'), 'w+', 0o600);
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      /* an open file cannot be removed on Windows: close() does it */
    }
  }

  /**
   * Appends the texts (strings, or UTF-8 bytes as they are) through one reused 1 MB buffer (a part's
   * ≈ 35 MB in a fresh one would wait for a collection to be freed); returns where each went, in order.
   */
  append(texts: ReadonlyArray<string | Uint8Array>): SpillRef[] {
    const refs: SpillRef[] = [];
    let filled = 0;
    const flush = () => {
      this.write(this.scratch.subarray(0, filled));
      filled = 0;
    };
    for (const text of texts) {
      const bytes = typeof text === 'string' ? Buffer.byteLength(text) : text.byteLength;
      refs.push({ at: this.size + filled, bytes });
      if (filled + bytes > this.scratch.length) flush();
      if (bytes > this.scratch.length) {
        this.write(typeof text === 'string' ? Buffer.from(text) : text);
      } else if (typeof text === 'string') {
        filled += this.scratch.write(text, filled);
      } else {
        this.scratch.set(text, filled);
        filled += bytes;
      }
    }
    flush();
    return refs;
  }

  private write(bytes: Uint8Array): void {
    for (let written = 0; written < bytes.byteLength; ) written += writeSync(this.open(), bytes, written, bytes.byteLength - written, this.size + written);
    this.size += bytes.byteLength;
  }

  /**
   * The texts at `refs`, in order: into one buffer (one allocation V8 counts as external memory, which
   * prompts it to collect the garbage of the rows built from it), with one read per run of adjacent refs.
   */
  read(refs: readonly SpillRef[]): string[] {
    const buffer = this.bytes(refs);
    const out: string[] = [];
    let at = 0;
    for (const ref of refs) out.push(buffer.toString('utf8', at, (at += ref.bytes)));
    return out;
  }

  /** The bytes at `refs`, one after another in one buffer (for a caller that passes them on as they are). */
  bytes(refs: readonly SpillRef[]): Buffer {
    let total = 0;
    for (const ref of refs) total += ref.bytes;
    const buffer = Buffer.allocUnsafeSlow(total);
    let filled = 0;
    for (let start = 0; start < refs.length; ) {
      let end = start + 1;
      while (end < refs.length && refs[end]!.at === refs[end - 1]!.at + refs[end - 1]!.bytes) end++;
      const from = refs[start]!.at;
      const length = refs[end - 1]!.at + refs[end - 1]!.bytes - from;
      for (let read = 0; read < length; ) {
        const n = readSync(this.open(), buffer, filled + read, length - read, from + read);
        if (n === 0) throw new Error('sync spill file ended early');
        read += n;
      }
      filled += length;
      start = end;
    }
    return buffer;
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
