// A worker thread of the export pool (export-pool.ts): parses the batches of item files it is sent (their bytes
// come with them) as the catalog parses them (catalog/load.ts: read-file.ts, then the v1→v2 mapping of a v1
// catalog), and renders their rows when told where they start. Parsed batches wait here for that.
import { parentPort, workerData } from 'node:worker_threads';
import { readItem } from '../catalog/load.js';
import { readFile } from '../catalog/read-file.js';
import { catalogElements, exportable, type SkippedFile } from './catalog-items.js';
import { ExportBatch } from './export-batch.js';
import type { ExportReply, ExportRequest, ExportWorkerData } from './export-pool.js';
import { itemLayout } from './sheets.js';

const { settings, styles } = workerData as ExportWorkerData;
const layout = itemLayout(catalogElements({ settings }));
const waiting = new Map<number, ExportBatch>();

const reply = (message: ExportReply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

function parse(request: Extract<ExportRequest, { parse: number }>): void {
  const batch = new ExportBatch(layout);
  const skipped: SkippedFile[] = [];
  const bytes = new Uint8Array(request.bytes);
  let at = 0;
  for (const [i, [region, path, blob]] of request.files.entries()) {
    const contents = bytes.subarray(at, (at += request.lengths[i]!));
    const result = exportable(readItem(readFile(path, region, contents, blob), settings));
    if ('skipped' in result) skipped.push(result.skipped);
    else batch.add(region, result.item);
  }
  waiting.set(request.parse, batch);
  reply({ parsed: request.parse, counts: batch.counts(), skipped });
}

function render(request: Extract<ExportRequest, { render: number }>): void {
  const batch = waiting.get(request.render)!;
  waiting.delete(request.render);
  const xml = batch.xml(request.first, styles);
  const lengths = xml.map((text) => Buffer.byteLength(text));
  const bytes = Buffer.allocUnsafeSlow(lengths.reduce((a, b) => a + b, 0));
  let at = 0;
  for (const text of xml) at += bytes.write(text, at);
  reply({ rendered: request.render, items: batch.items, bytes: bytes.buffer as ArrayBuffer, lengths }, [bytes.buffer as ArrayBuffer]);
}

parentPort!.on('message', (request: ExportRequest) => {
  try {
    if ('parse' in request) parse(request);
    else render(request);
  } catch (error) {
    reply({ error: (error as Error).stack ?? String(error) });
  }
});
