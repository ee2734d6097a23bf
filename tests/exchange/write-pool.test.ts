// The write pool's workers create files in a folder one at a time (FolderLocks): two threads creating files in
// one folder spin on the folder's lock in the kernel. Checked with real threads, running the built module.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { FolderLocks } from '../../src/exchange/write-pool.js';

const BUILT = join(PACKAGE_ROOT, 'dist', 'src', 'exchange', 'write-pool.js');

/** In a thread: `rounds` times, hold the folder's lock, mark the section taken (count[1]), leave it free again. */
const HOLDER = `
const { workerData } = require('node:worker_threads');
import(workerData.built).then(({ FolderLocks }) => {
  const locks = new FolderLocks(workerData.locks);
  const state = new Int32Array(workerData.state);
  for (let i = 0; i < workerData.rounds; i++) {
    locks.hold(workerData.folder, () => {
      if (Atomics.exchange(state, 1, 1) !== 0) Atomics.add(state, 2, 1);
      for (let spin = 0; spin < 200; spin++) Atomics.add(state, 0, 0);
      Atomics.add(state, 0, 1);
      Atomics.store(state, 1, 0);
    });
  }
});
`;

async function holders(folders: string[], rounds: number): Promise<{ entered: number; overlaps: number }> {
  const locks = FolderLocks.shared();
  // entered, inside, overlaps
  const state = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  await Promise.all(folders.map((folder) => new Promise<void>((resolve, reject) => {
    new Worker(HOLDER, { eval: true, workerData: { built: BUILT, locks, state, folder, rounds } }).on('exit', () => resolve()).on('error', reject);
  })));
  const [entered, , overlaps] = new Int32Array(state);
  return { entered: entered!, overlaps: overlaps! };
}

describe('FolderLocks', () => {
  it('lets one thread at a time into a folder', async () => {
    const { entered, overlaps } = await holders(['/catalog/420000/items', '/catalog/420000/items', '/catalog/420000/items'], 20_000);
    expect(entered).toBe(60_000);
    expect(overlaps).toBe(0);
  });

  it('returns what the work returns and is free again after the work throws', () => {
    const locks = new FolderLocks(FolderLocks.shared());
    expect(locks.hold('/a', () => 42)).toBe(42);
    expect(() => locks.hold('/a', () => {
      throw new Error('disk full');
    })).toThrow('disk full');
    // held still, this would wait for ever
    expect(locks.hold('/a', () => 'again')).toBe('again');
  });
});
