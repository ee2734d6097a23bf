// Both cores for big checks: the plan is split by subtree of the top region and handed to workers, each
// with its own copy of the catalog. Small plans run in this thread: starting a worker costs more.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Catalog } from '../catalog/load.js';
import { fsSource } from '../catalog/source-fs.js';
import { openRepo } from '../catalog/git.js';
import { gitSourceAt } from '../catalog/source-git.js';
import type { CatalogEntry, CatalogSource } from '../catalog/types.js';
import { builtWorker } from '../paths.js';
import { computeWork, type ItemOutcome, type WorkPlan, type WorkResult } from './compute.js';

/** Below this many item files a plan runs in the calling thread. */
export const WORKER_THRESHOLD = 3000;

/** Old-space cap of a check worker: a city subtree needs well under this. */
const WORKER_HEAP_MB = 384;
/**
 * Young generation of a check worker. A v2 province's worker allocates ≈ 2.7 GB, mostly per batch of files; at 64 MB
 * it scavenged 137 times and compacted 15 (cold validate 42.7 CPU s, peak 915 MB, under load), at 128 MB 67 and 7
 * (32.0 CPU s, 939 MB); 256 MB collected less often still, for no less CPU and 1.2 GB. A sync is the exception: its
 * workers also hand every item's JSON to the main thread, which stores it meanwhile, and there 128 MB cost more than it
 * saved (v2 province, quiet machine, one after another: 64 MB 74.9 CPU s, 1,032 MB; 128 MB 96.8 CPU s, 1,254 MB).
 */
const WORKER_YOUNG_MB = 128;
const STORING_WORKER_YOUNG_MB = 64;

/** A source as a worker rebuilds it: with the listing already made, so no worker lists the catalog again. */
export interface SourceDescription {
  kind: 'fs' | 'git';
  root: string;
  /** the commit, for a git source */
  revision?: string;
  entries: CatalogEntry[];
}

export function describeSource(source: CatalogSource): SourceDescription {
  return { kind: source.revision ? 'git' : 'fs', root: source.root, ...(source.revision ? { revision: source.revision } : {}), entries: source.entries };
}

export async function sourceFrom(description: SourceDescription): Promise<CatalogSource> {
  const { root, revision, entries } = description;
  return description.kind === 'git' ? gitSourceAt(await openRepo(root), revision!, entries) : fsSource(root, entries);
}

export interface RunOptions {
  version: string;
  /** called after each finished part with the number of item files done */
  onProgress?: (done: number, total: number) => void;
  /** number of workers; default: the cores available (at most 4) */
  workers?: number;
  /** item files below which the plan runs in this thread (default WORKER_THRESHOLD) */
  workerThreshold?: number;
  /**
   * With `plan.json`: called with the item JSON of each batch as it is computed (the outcomes no longer carry
   * it), in order; a part is done when its last batch's call is.
   */
  onJson?: (json: ItemJson[]) => void | Promise<void>;
}

/**
 * An item file's data as JSON in UTF-8 (null when the file is not a mapping), the fields lists and search use
 * (catalog/item-fields.ts, JSON in UTF-8) and its blob id.
 */
export interface ItemJson {
  path: string;
  blob: string;
  json: Buffer | null;
  fields: Buffer;
}

/**
 * A batch's item JSON as one UTF-8 buffer, which a worker transfers instead of cloning: a province's texts
 * are two-byte strings (Chinese) that would otherwise be copied twice and land on the calling thread's heap.
 * `items`: path, blob and the byte lengths of the body (-1: not a mapping) and of the fields, in buffer order.
 */
export interface PackedJson {
  bytes: ArrayBuffer;
  items: Array<[path: string, blob: string, length: number, fieldsLength: number]>;
}

/** Moves the outcomes' JSON texts into one buffer (the outcomes keep none). */
export function packJson(outcomes: readonly ItemOutcome[]): PackedJson {
  const items: PackedJson['items'] = [];
  let total = 0;
  for (const outcome of outcomes) {
    if (!outcome.json) continue;
    const length = outcome.json.text === null ? -1 : Buffer.byteLength(outcome.json.text);
    const fieldsLength = Buffer.byteLength(outcome.json.fields);
    items.push([outcome.path, outcome.json.blob, length, fieldsLength]);
    total += Math.max(length, 0) + fieldsLength;
  }
  const buffer = Buffer.allocUnsafeSlow(total);
  let at = 0;
  for (const outcome of outcomes) {
    if (!outcome.json) continue;
    if (outcome.json.text) at += buffer.write(outcome.json.text, at);
    at += buffer.write(outcome.json.fields, at);
    outcome.json = undefined;
  }
  return { bytes: buffer.buffer as ArrayBuffer, items };
}

function unpackJson(packed: PackedJson): ItemJson[] {
  const bytes = Buffer.from(packed.bytes);
  let at = 0;
  return packed.items.map(([path, blob, length, fieldsLength]) => {
    const json = length < 0 ? null : bytes.subarray(at, (at += length));
    return { path, blob, json, fields: bytes.subarray(at, (at += fieldsLength)) };
  });
}

/** What a check worker posts back for a part: its batches' JSON as they are computed, then its result. */
export type WorkerMessage = { json: PackedJson } | { ok: WorkResult } | { error: string };

export async function runPlan(catalog: Catalog, plan: WorkPlan, options: RunOptions): Promise<WorkResult> {
  const workers = Math.min(options.workers ?? availableParallelism(), 4);
  const workerFile = builtWorker('check/worker.js');
  if (plan.items.length < (options.workerThreshold ?? WORKER_THRESHOLD) || workers < 2 || workerFile === undefined) {
    const result = await computeWork(catalog, plan, options.version, (outcomes) => options.onJson?.(unpackJson(packJson(outcomes))));
    options.onProgress?.(plan.items.length, plan.items.length);
    return result;
  }
  const parts = splitBySubtree(catalog, plan);
  const merged: WorkResult = { items: [], regions: [], blobs: [] };
  let done = 0;
  const queue = [...parts].sort((a, b) => b.items.length - a.items.length);
  const workerData = { source: describeSource(catalog.source), version: options.version };
  const runWorker = async () => {
    // A capped old space makes V8 collect as it goes instead of growing toward the machine's memory; a
    // roomier young generation lets parsing's short-lived garbage die there instead of being promoted.
    const worker = new Worker(workerFile, {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: options.onJson ? STORING_WORKER_YOUNG_MB : WORKER_YOUNG_MB },
    });
    try {
      for (let part = queue.shift(); part; part = queue.shift()) {
        const result = await new Promise<WorkResult>((resolve, reject) => {
          // Batches are handed on one after another; the part ends after the last of them.
          let handed: Promise<void> = Promise.resolve();
          const onMessage = (message: WorkerMessage) => {
            if ('json' in message) {
              const batch = unpackJson(message.json);
              handed = handed.then(() => options.onJson?.(batch));
              // a failed hand-over is reported when the part ends, not as an unhandled rejection before it
              handed.catch(() => {});
              return;
            }
            worker.off('message', onMessage);
            worker.off('error', reject);
            if ('ok' in message) handed.then(() => resolve(message.ok), reject);
            else reject(new Error(`check worker failed: ${message.error}`));
          };
          worker.on('message', onMessage);
          worker.once('error', reject);
          worker.postMessage(part);
        });
        merged.items.push(...result.items);
        merged.regions.push(...result.regions);
        merged.blobs.push(...result.blobs);
        done += part.items.length;
        options.onProgress?.(done, plan.items.length);
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, parts.length) }, runWorker));
  return merged;
}

/** One part per child subtree of the top region (and one for the top region itself). */
function splitBySubtree(catalog: Catalog, plan: WorkPlan): WorkPlan[] {
  const parts = new Map<string, WorkPlan>();
  const partOf = (dir: string) => {
    const key = dir.split('/').slice(0, 2).join('/');
    let part = parts.get(key);
    if (!part) parts.set(key, (part = { ...plan, items: [], regions: [] }));
    return part;
  };
  for (const path of plan.items) partOf(path.slice(0, path.lastIndexOf('/items/'))).items.push(path);
  for (const code of plan.regions) partOf(catalog.regions.get(code)!.dir).regions.push(code);
  return [...parts.values()];
}

