// A batch of exported items as the XML of their rows in each sheet of the workbook (exchange.md §1): the 事项
// sheet first, then the list sheets in the layout's order. Two steps, because a row's number depends on how
// many rows every item before it gave: `add` spreads the items over rows (sheets.ts), `counts` says how many
// each sheet got, and `xml` renders them (xlsx-write.ts) once the caller knows where they start. The export's
// worker threads (export-worker.ts) and the in-thread writer (workbook-export.ts) both make batches this way.
import type { Item } from '../catalog/types.js';
import type { Cell } from './cells.js';
import { itemRows, type ItemLayout } from './sheets.js';
import { FIRST_DATA_ROW, rowsXml } from './xlsx-write.js';

/** The sheets of a layout in the order of a batch's counts and XML: the item sheet, then the list sheets. */
export function batchSheets(layout: ItemLayout) {
  return [layout.item, ...layout.lists];
}

export class ExportBatch {
  /** items added */
  items = 0;
  /** rows of each sheet (batchSheets order) */
  private readonly rows: Cell[][][];

  constructor(private readonly layout: ItemLayout) {
    this.rows = batchSheets(layout).map(() => []);
  }

  add(region: string, item: Item): void {
    this.items++;
    const rows = itemRows(this.layout, region, item);
    batchSheets(this.layout).forEach((sheet, i) => {
      for (const row of rows.get(sheet.name)!) this.rows[i]!.push(row);
    });
  }

  /** How many rows each sheet got. */
  counts(): number[] {
    return this.rows.map((rows) => rows.length);
  }

  /** Each sheet's rows as XML, numbered from `first[sheet]` on, with `styles[sheet]` as the columns' style ids. */
  xml(first: readonly number[], styles: readonly (readonly number[])[]): string[] {
    return this.rows.map((rows, i) => (rows.length === 0 ? '' : rowsXml(rows, first[i]!, styles[i]!)));
  }
}

/**
 * Where each sheet's next batch starts (batchSheets order), batch after batch: the export in this thread and the
 * worker pool number the rows of their batches alike.
 */
export class RowNumbers {
  private readonly next: number[];

  constructor(sheets: number) {
    this.next = new Array<number>(sheets).fill(FIRST_DATA_ROW);
  }

  /** The first row of each sheet for the next batch, whose sheets get `counts` rows. */
  take(counts: readonly number[]): number[] {
    const first = [...this.next];
    counts.forEach((count, i) => (this.next[i]! += count));
    return first;
  }
}
