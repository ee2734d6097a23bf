// Worker threads for a big export: each parses batches of item files and renders their rows (export-batch.ts),
// so this thread is left reading the files (git cat-file is another process, and its output is taken as it
// comes only by a thread that is not busy: a busy worker left its own cat-file waiting ≈ 17 s of a province's
// export) and handing the XML to exceljs and the list sheets' spill. A worker does not load the catalog (a
// province's listing alone is ≈ 140 MB per copy): it is given each file's region, blob id and bytes, and the
// catalog's settings. Linked item files are never read: this thread asks the catalog what they give
// (catalog.read makes them a problem without reading them). Batches are handed out in turn and come back in
// order; a bounded number are in flight. A batch takes two messages, because where its rows start depends on
// every batch before it: the worker parses it and says how many rows each sheet gets, then — once the batches
// before it have said so too — renders it from the row numbers it is given and transfers the XML as one UTF-8
// buffer.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Settings } from '../catalog/config.js';
import type { Catalog } from '../catalog/load.js';
import { exportable, type ItemFile, type SkippedFile } from './catalog-items.js';
import { RowNumbers } from './export-batch.js';
import { builtWorker } from '../paths.js';

/** Item files per batch. */
const BATCH = 256;
/** Batches in flight per worker. */
const DEPTH = 3;
/**
 * Young generation of an export worker: parsing and rendering make much short-lived garbage. Province, one after
 * another at load 5–7: 16 MB 58.0 CPU s, 700 MB peak RSS; 32 MB 50.0 CPU s, 690 MB; 64 MB 50.7 CPU s, 778 MB.
 */
const WORKER_YOUNG_MB = 32;
/** At most this many workers: each holds ≈ 100 MB, and the export's peak must stay well under 1 GB. */
const MAX_WORKERS = 3;

export interface ExportWorkerData {
  settings: Settings;
  /** each sheet's column style ids (export-batch.ts order) */
  styles: number[][];
}

/**
 * main → worker: parse a batch (region code, path and — at a git revision — blob id of each file, their bytes one
 * after another), or render a parsed one from these row numbers.
 */
export type ExportRequest =
  | { parse: number; files: Array<[region: string, path: string, blob: string | undefined]>; bytes: ArrayBuffer; lengths: number[] }
  | { render: number; first: number[] };

/** worker → main */
export type ExportReply =
  | { parsed: number; counts: number[]; skipped: SkippedFile[] }
  | { rendered: number; items: number; bytes: ArrayBuffer; lengths: number[] }
  | { error: string };

/** A batch's rows as XML per sheet (export-batch.ts order), and how many items it held. */
export interface RenderedBatch {
  items: number;
  xml: Array<string | Uint8Array>;
}

export class ExportPool {
  private readonly workers: Worker[] = [];

  constructor(
    private readonly catalog: Catalog,
    private readonly size = Math.min(MAX_WORKERS, availableParallelism()),
    /** item files per batch */
    private readonly batchFiles = BATCH,
  ) {}

  /** Whether workers can run here (the built worker exists). */
  static available(): boolean {
    return builtWorker('exchange/export-worker.js') !== undefined;
  }

  /** The rendered batches of `files`, in order; files that are not items go to `skipped`, in order. */
  async *render(files: readonly ItemFile[], styles: number[][], skipped: SkippedFile[]): AsyncGenerator<RenderedBatch> {
    const replies: ExportReply[] = [];
    let wake: (() => void) | undefined;
    const arrived = (reply: ExportReply) => {
      replies.push(reply);
      wake?.();
    };
    const { source, settings } = this.catalog;
    for (let i = 0; i < this.size; i++) {
      const workerData: ExportWorkerData = { settings, styles };
      const worker = new Worker(builtWorker('exchange/export-worker.js')!, { workerData, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
      worker.on('message', arrived);
      worker.on('error', (error) => arrived({ error: error.stack ?? String(error) }));
      this.workers.push(worker);
    }
    // As catalog.read: an item's id is its blob id at a revision.
    const blobs = source.revision ? new Map(source.entries.map((e) => [e.path, e.blob])) : undefined;
    const batches = Math.ceil(files.length / this.batchFiles);
    const workerOf = (batch: number) => this.workers[batch % this.size]!;
    /** reads a batch's files and hands them to its worker */
    const hand = async (batch: number, read: readonly ItemFile[]) => {
      const bytes = await source.read(read.map((f) => f.path));
      const contents = read.map((f) => bytes.get(f.path) ?? new Uint8Array());
      const packed = new Uint8Array(contents.reduce((total, c) => total + c.byteLength, 0));
      let at = 0;
      for (const c of contents) {
        packed.set(c, at);
        at += c.byteLength;
      }
      const request: ExportRequest = {
        parse: batch,
        files: read.map((f) => [f.region.code, f.path, blobs?.get(f.path)]),
        bytes: packed.buffer,
        lengths: contents.map((c) => c.byteLength),
      };
      workerOf(batch).postMessage(request, [packed.buffer]);
    };
    const parsed = new Map<number, Extract<ExportReply, { parsed: number }>>();
    const rendered = new Map<number, Extract<ExportReply, { rendered: number }>>();
    /** each batch's files, until its skipped files are known */
    const order = new Map<number, readonly ItemFile[]>();
    const rows = new RowNumbers(styles.length);
    let sent = 0;
    let numbered = 0;
    let done = 0;
    try {
      while (done < batches) {
        while (sent < batches && sent - done < this.size * DEPTH) {
          const batch = files.slice(sent * this.batchFiles, (sent + 1) * this.batchFiles);
          order.set(sent, batch);
          const read = batch.filter((f) => !this.catalog.links.has(f.path));
          hand(sent, read).catch((error: Error) => arrived({ error: error.stack ?? String(error) }));
          sent++;
        }
        if (replies.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        for (const reply of replies.splice(0)) {
          if ('error' in reply) throw new Error(`export worker failed: ${reply.error}`);
          if ('parsed' in reply) parsed.set(reply.parsed, reply);
          else rendered.set(reply.rendered, reply);
        }
        for (let batch = parsed.get(numbered); batch; batch = parsed.get(numbered)) {
          parsed.delete(numbered);
          skipped.push(...(await this.inOrder(order.get(numbered)!, batch.skipped)));
          order.delete(numbered);
          workerOf(numbered).postMessage({ render: numbered, first: rows.take(batch.counts) } satisfies ExportRequest);
          numbered++;
        }
        for (let batch = rendered.get(done); batch; batch = rendered.get(done)) {
          rendered.delete(done);
          const bytes = Buffer.from(batch.bytes);
          let at = 0;
          yield { items: batch.items, xml: batch.lengths.map((length) => bytes.subarray(at, (at += length))) };
          done++;
        }
      }
    } finally {
      // the workers' memory is not needed while the list sheets are written
      await this.close();
    }
  }

  /** A batch's skipped files in file order: those the worker skipped, and its linked files. */
  private async inOrder(files: readonly ItemFile[], read: readonly SkippedFile[]): Promise<SkippedFile[]> {
    const links = files.filter((f) => this.catalog.links.has(f.path)).map((f) => f.path);
    if (links.length === 0) return [...read];
    const byPath = new Map(read.map((s) => [s.file, s]));
    for (const file of (await this.catalog.read(links)).values()) {
      const result = exportable(file);
      if ('skipped' in result) byPath.set(file.file, result.skipped);
    }
    return files.flatMap((f) => byPath.get(f.path) ?? []);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }
}
