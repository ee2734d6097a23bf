// A worker thread that reads its share of a workbook's sheets (xlsx-read.ts: inflating and parsing the sheet XML,
// most of the first pass of an import) and hands the rows to the main thread, which puts them into fragments
// meanwhile — so the first pass of a province's import runs on every core. At most WINDOW batches of rows are in flight: the main
// thread gives a credit back for each batch it takes, so memory stays flat when it is the slower one.
import { parentPort, workerData } from 'node:worker_threads';
import { NotAWorkbook, readSheets, type SheetShare, type SheetWorkerMessage, type ZipLimits } from './xlsx-read.js';

const WINDOW = 64;
let credits = WINDOW;
let waiting: (() => void) | undefined;
parentPort!.on('message', () => {
  credits++;
  waiting?.();
  waiting = undefined;
});

const post = (message: SheetWorkerMessage) => parentPort!.postMessage(message);

try {
  const { file, limits, share } = workerData as { file: string; limits: ZipLimits; share: SheetShare };
  for await (const sheet of readSheets(file, limits, share)) {
    post({ sheet: sheet.name, index: sheet.index });
    for await (const rows of sheet.rows) {
      while (credits === 0) await new Promise<void>((resolve) => (waiting = resolve));
      credits--;
      // as JSON text, which crosses to the main thread as one string: cloning the rows cell by cell cost both
      // threads more than writing and parsing JSON (a Date, from a t="d" cell, is the one value JSON would change)
      post(rows.some((row) => row.cells.some((cell) => cell instanceof Date)) ? { rows } : { json: JSON.stringify(rows) });
    }
  }
  post({ end: true });
} catch (error) {
  post({ error: (error as Error).message, notAWorkbook: error instanceof NotAWorkbook });
}
