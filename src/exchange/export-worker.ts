// A worker thread of the export pool (export-pool.ts): reads and parses the batches of item files it is sent, as
// the catalog reads them (catalog/load.ts: read-file.ts, then the v1→v2 mapping of a v1 catalog), and renders
// their rows when told where they start. Parsed batches wait here for that.
import { parentPort, workerData } from 'node:worker_threads';
import { BlobReader, openRepo } from '../catalog/git.js';
import { readItem } from '../catalog/load.js';
import { readFile } from '../catalog/read-file.js';
import { fsSource } from '../catalog/source-fs.js';
import { catalogElements, exportable, type SkippedFile } from './catalog-items.js';
import { ExportBatch } from './export-batch.js';
import type { ExportReply, ExportRequest, ExportWorkerData } from './export-pool.js';
import { itemLayout } from './sheets.js';

const { root, revision, settings, styles } = workerData as ExportWorkerData;
const layout = itemLayout(catalogElements({ settings }));
/** A batch's file contents: the blobs at the revision (git cat-file), or the files in the working tree. */
const contents: (files: ReadonlyArray<[string, string, string | undefined]>) => Promise<Array<Uint8Array | undefined>> = revision
  ? await (async () => {
      const blobs = new BlobReader((await openRepo(root)).top);
      return async (files) => {
        const read = await blobs.read(files.flatMap(([, , blob]) => (blob ? [blob] : [])));
        return files.map(([, , blob]) => (blob ? read.get(blob) : undefined));
      };
    })()
  : async (files) => {
      const read = await fsSource(root, []).read(files.map(([, path]) => path));
      return files.map(([, path]) => read.get(path));
    };
const waiting = new Map<number, ExportBatch>();

const reply = (message: ExportReply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

// Messages are handled one at a time, in the order they came: a batch is parsed before it is rendered. A batch's
// files are asked for as soon as it comes, so they are read (by git, in its own process) while the batches
// before it are still being parsed or rendered.
let queue = Promise.resolve();
parentPort!.on('message', (request: ExportRequest) => {
  const read = 'parse' in request ? contents(request.files) : undefined;
  read?.catch(() => {}); // a failure is reported in turn, below
  queue = queue.then(async () => {
    try {
      if ('parse' in request) {
        const batch = new ExportBatch(layout);
        const skipped: SkippedFile[] = [];
        const bytes = await read!;
        for (const [i, [region, path, blob]] of request.files.entries()) {
          const result = exportable(readItem(readFile(path, region, bytes[i] ?? new Uint8Array(), blob), settings));
          if ('skipped' in result) skipped.push(result.skipped);
          else batch.add(region, result.item);
        }
        waiting.set(request.parse, batch);
        reply({ parsed: request.parse, counts: batch.counts(), skipped });
      } else {
        const batch = waiting.get(request.render)!;
        waiting.delete(request.render);
        const xml = batch.xml(request.first, styles);
        const lengths = xml.map((text) => Buffer.byteLength(text));
        const bytes = Buffer.allocUnsafeSlow(lengths.reduce((a, b) => a + b, 0));
        let at = 0;
        for (const text of xml) at += bytes.write(text, at);
        reply({ rendered: request.render, items: batch.items, bytes: bytes.buffer as ArrayBuffer, lengths }, [bytes.buffer as ArrayBuffer]);
      }
    } catch (error) {
      reply({ error: (error as Error).stack ?? String(error) });
    }
  });
});
