// New item files rendered and written by worker threads: yaml's stringify is about half of an import's CPU
// and file creation most of the rest, while the main thread puts items together — so a province's import uses
// every core. One worker per core: items are handed out only after the whole workbook has been read (an item's
// rows may be in any sheet), and putting them together is a small part of that phase, so the main thread
// leaves the cores to the workers then. Jobs go in batches, a bounded number in flight (memory
// stays flat); drain() waits for every write and reports the first failure. An item crosses as its elements' JSON
// texts (cloning an item's objects one by one cost both threads about twice as much), which are also what a
// worker remembers written elements by. Run from the TypeScript sources (tests), the worker is the built one in
// dist/.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Item } from '../catalog/types.js';
import { itemElements } from '../levels/item-yaml.js';
import { builtWorker } from '../paths.js';

export interface FileJob {
  /** absolute path of the staged file */
  path: string;
  item: Item;
  modeline?: string;
}

/**
 * What a worker is sent: a batch of jobs, each item as its elements' JSON texts (itemElements) when JSON carries
 * every value of the batch unchanged — an element the worker has written before is then neither parsed nor
 * written again.
 */
export type FileJobs = { files: Array<{ path: string; elements: string[]; modeline?: string }> } | { jobs: FileJob[] };

const WORKER = 'exchange/write-worker.js';
const BATCH = 32;
/** batches in flight per worker */
const DEPTH = 4;

export class WritePool {
  private workers: Worker[] = [];
  private batch: FileJob[] = [];
  private inFlight = 0;
  private turn = 0;
  private failure: Error | undefined;
  private waiting: Array<() => void> = [];
  private readonly locks = FolderLocks.shared();

  constructor(private readonly size = Math.min(4, availableParallelism())) {}

  /** Whether workers can run here (the built worker exists). */
  static available(): boolean {
    return builtWorker(WORKER) !== undefined;
  }

  async write(job: FileJob): Promise<void> {
    this.batch.push(job);
    if (this.batch.length >= BATCH) await this.send();
  }

  /** Every job written; throws the first failure. */
  async drain(): Promise<void> {
    if (this.batch.length > 0) await this.send();
    while (this.inFlight > 0 && !this.failure) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private async send(): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.inFlight >= this.size * DEPTH && !this.failure) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure) throw this.failure;
    const jobs = this.batch;
    this.batch = [];
    this.inFlight++;
    const files = [];
    for (const { path, item, modeline } of jobs) {
      const elements = itemElements(item);
      if (elements === undefined) break;
      files.push({ path, elements, ...(modeline !== undefined ? { modeline } : {}) });
    }
    const message: FileJobs = files.length === jobs.length ? { files } : { jobs };
    this.worker(this.turn++ % this.size).postMessage(message);
  }

  private worker(index: number): Worker {
    let worker = this.workers[index];
    if (!worker) {
      worker = new Worker(builtWorker(WORKER)!, { workerData: this.locks, execArgv: [] });
      worker.on('message', (message: { error?: string }) => this.settled(message.error === undefined ? undefined : new Error(message.error)));
      worker.on('error', (error) => this.settled(error));
      this.workers[index] = worker;
    }
    return worker;
  }

  private settled(error: Error | undefined): void {
    this.inFlight--;
    if (error && !this.failure) this.failure = error;
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

/**
 * Locks over folders, shared by the pool's workers, so that one thread at a time creates files in a folder
 * (write-worker.ts says why). A folder's lock is a slot picked by its name's hash; two folders may share a slot,
 * which only makes them wait for each other. A worker holds one lock at a time, so it can never deadlock.
 */
export class FolderLocks {
  private static readonly SLOTS = 64;
  private readonly slots: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.slots = new Int32Array(buffer);
  }

  static shared(): SharedArrayBuffer {
    return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * FolderLocks.SLOTS);
  }

  hold<T>(folder: string, work: () => T): T {
    let hash = 0x811c9dc5;
    for (let i = 0; i < folder.length; i++) hash = Math.imul(hash ^ folder.charCodeAt(i), 0x01000193);
    const slot = (hash >>> 0) % this.slots.length;
    // 0 free, 1 held: whoever swaps 0 for 1 holds it; the others sleep until it is set back to 0
    while (Atomics.compareExchange(this.slots, slot, 0, 1) !== 0) Atomics.wait(this.slots, slot, 1);
    try {
      return work();
    } finally {
      Atomics.store(this.slots, slot, 0);
      Atomics.notify(this.slots, slot, 1);
    }
  }
}
