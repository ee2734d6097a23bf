// A worker thread that reads its share of a workbook's sheets (xlsx-read.ts: inflating and parsing the sheet XML)
// and turns their rows into runs of fragments (workbook-import.ts: sheetRuns), which it hands to the main thread to
// file away in the spill — so the whole first pass of a province's import runs on every core, and the main thread
// no longer parses rows or writes fragments as JSON. At most WINDOW batches of runs are in flight: the main thread
// gives a credit back for each batch it takes, so memory stays flat when it is the slower one.
import { parentPort, workerData } from 'node:worker_threads';
import { itemLayout } from './sheets.js';
import { readerState, sheetRuns, type ReaderData, type ReaderMessage } from './workbook-import.js';
import { NotAWorkbook, readSheets } from './xlsx-read.js';

const WINDOW = 64;
let credits = WINDOW;
let waiting: (() => void) | undefined;
parentPort!.on('message', () => {
  credits++;
  waiting?.();
  waiting = undefined;
});

const post = (message: ReaderMessage) => parentPort!.postMessage(message);

try {
  const { file, limits, share, elements } = workerData as ReaderData;
  const layout = itemLayout(elements);
  const state = readerState();
  for await (const sheet of readSheets(file, limits, share)) {
    post({ sheet: sheet.name, index: sheet.index });
    const done = await sheetRuns(sheet, layout, state, async (runs) => {
      while (credits === 0) await new Promise<void>((resolve) => (waiting = resolve));
      credits--;
      post({ runs });
    });
    post({ done });
  }
  post({ end: true });
} catch (error) {
  post({ error: (error as Error).message, notAWorkbook: error instanceof NotAWorkbook });
}
