// Writes a workbook a row at a time with exceljs' streaming WorkbookWriter: one sheet open at a time, each
// row committed as it comes, so a province's workbook never sits in memory. Every sheet gets a frozen, bold
// header row and column widths; text columns carry the text number format (`@`), so a code typed into them
// later stays text in Excel too.
//
// What keeps a province's export fast and its memory flat (figures in the commit that made these choices):
// - empty cells are left out of the row (a hole in the array), so exceljs makes no cell object for them;
// - each column's cells share one style object: exceljs caches a style's id by object identity, and a cell
//   made from a column style gets a fresh copy, which costs a full style lookup per cell;
// - deflate level 1: the sheets are ~8× larger than the zip, and level 6 spent several times the CPU for a
//   file ≈ 15% smaller;
// - backpressure: exceljs hands a sheet's XML to the zip without waiting for it (no backpressure anywhere in
//   its writer), so when deflate is slower than the rows come, the XML piles up in memory. Every BATCH rows
//   the writer waits until the stream exceljs pipes the sheet into has drained.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type ExcelJSTypes from 'exceljs';
import ExcelJS from './exceljs.js';
import type { Cell } from './cells.js';

export interface SheetSpec {
  name: string;
  headers: readonly string[];
  /** column widths in characters */
  widths: readonly number[];
  /** columns whose cells are text (codes, labels): formatted `@` */
  text: readonly boolean[];
}

/** Rows written between two waits for the zip to catch up. */
const BATCH = 200;
const TEXT_STYLE: Partial<ExcelJSTypes.Style> = Object.freeze({ numFmt: '@' });
const PLAIN_STYLE: Partial<ExcelJSTypes.Style> = Object.freeze({});

/**
 * The stream exceljs pipes a sheet's XML into: archiver wraps the sheet's own buffer in a PassThrough of the
 * readable-stream package (v2), which predates `writableNeedDrain`, so its state says whether it is full.
 */
interface SheetInternals {
  stream?: { pipes?: Array<Writable & { _writableState?: { needDrain?: boolean } }> };
}

export class WorkbookOut {
  private readonly workbook: ExcelJSTypes.stream.xlsx.WorkbookWriter;

  constructor(target: string | Writable) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      ...(typeof target === 'string' ? { filename: target } : { stream: target }),
      useStyles: true,
      useSharedStrings: false,
      zip: { zlib: { level: 1 } },
    } as ExcelJSTypes.stream.xlsx.WorkbookStreamWriterOptions);
  }

  /** Writes one whole sheet from `rows` (header row first, frozen). */
  async sheet(spec: SheetSpec, rows: Iterable<Cell[]> | AsyncIterable<Cell[]>): Promise<number> {
    const sheet = this.workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.headers.map((header, i) => ({
      key: String(i),
      width: spec.widths[i] ?? 12,
      ...(spec.text[i] ? { style: { numFmt: '@' } } : {}),
    }));
    const styles = spec.headers.map((_, i) => (spec.text[i] ? TEXT_STYLE : PLAIN_STYLE));
    const head = sheet.addRow([...spec.headers]);
    head.font = { bold: true };
    head.commit();
    let count = 0;
    for await (const cells of rows) {
      const values: Array<Cell | undefined> = new Array(cells.length);
      for (let i = 0; i < cells.length; i++) {
        const c = cells[i];
        if (c !== '' && c !== null) values[i] = c;
      }
      const row = sheet.addRow(values);
      row.eachCell((cell, column) => {
        cell.style = styles[column - 1]!;
      });
      row.commit();
      if (++count % BATCH === 0) await drained(sheet);
    }
    sheet.commit();
    return count;
  }

  async close(): Promise<void> {
    await this.workbook.commit();
  }
}

/** Resolves once the zip has taken what the sheet wrote so far (at once when it has). */
async function drained(sheet: ExcelJSTypes.Worksheet): Promise<void> {
  const pipe = (sheet as unknown as SheetInternals).stream?.pipes?.[0];
  if (pipe?._writableState?.needDrain) await once(pipe, 'drain');
}

/** A column width that shows a header and typical values: CJK characters count double. */
export function widthFor(header: string, typical: number): number {
  const headerWidth = [...header].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return Math.min(60, Math.max(8, headerWidth + 2, typical));
}
