// A catalog as it is in the working tree. Links are listed as links and never followed.
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_FILE_BYTES } from './decode.js';
import { indexBlobs } from './git.js';
import type { CatalogEntry, CatalogSource } from './types.js';

const SKIPPED = new Set(['.git', 'node_modules']);

/** The working tree below `root`; `listed` reuses a listing made earlier (a worker gets its parent's). */
export function fsSource(root: string, listed?: CatalogEntry[]): CatalogSource {
  const entries: CatalogEntry[] = listed ?? [];
  const walk = (dir: string, prefix: string) => {
    for (const dirent of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED.has(dirent.name)) continue;
      const path = prefix ? `${prefix}/${dirent.name}` : dirent.name;
      if (dirent.isDirectory()) {
        entries.push({ path, type: 'dir' });
        walk(join(dir, dirent.name), path);
      } else if (dirent.isSymbolicLink()) {
        entries.push({ path, type: 'symlink' });
      } else if (dirent.isFile()) {
        // Sizes are learnt when a file is read: a stat of every file would cost more than a small check.
        entries.push({ path, type: 'file' });
      } else {
        entries.push({ path, type: 'other' });
      }
    }
  };
  if (!listed) walk(root, '');
  return {
    root,
    entries,
    async read(paths) {
      const out = new Map<string, Uint8Array>();
      for (const path of paths) out.set(path, readCapped(join(root, path)));
      return out;
    },
    stamp(path) {
      try {
        const stat = lstatSync(join(root, path));
        return stat.isFile() ? `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}` : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * The working tree below `root`, with the blob id of every file git's index vouches for, so a cached result
 * can be found without reading or even stat-ing the file (git has done that, in C, on several threads).
 */
export async function worktreeSource(root: string): Promise<CatalogSource> {
  const index = indexBlobs(root);
  const source = fsSource(root);
  const blobs = await index;
  if (blobs) {
    for (const entry of source.entries) {
      const blob = entry.type === 'file' ? blobs.get(entry.path) : undefined;
      if (blob !== undefined) entry.blob = blob;
    }
  }
  return source;
}

/** Reads at most one byte past the limit: enough for decode() to refuse a 9 MB file without holding it. */
function readCapped(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const length = Math.min(fstatSync(fd).size, MAX_FILE_BYTES + 1);
    const buffer = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buffer, read, length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
