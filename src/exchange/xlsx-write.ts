// Writes a workbook a row at a time with exceljs' streaming WorkbookWriter: one sheet open at a time, each
// row committed as it comes, so a province's workbook never sits in memory. Every sheet gets a frozen, bold
// header row and column widths; text columns carry the text number format (`@`), so a code typed into them
// later stays text in Excel too.
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

export class WorkbookOut {
  private readonly workbook: ExcelJSTypes.stream.xlsx.WorkbookWriter;

  constructor(target: string | Writable) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      ...(typeof target === 'string' ? { filename: target } : { stream: target }),
      useStyles: true,
      useSharedStrings: false,
    });
  }

  /** Writes one whole sheet from `rows` (header row first, frozen). */
  async sheet(spec: SheetSpec, rows: Iterable<Cell[]> | AsyncIterable<Cell[]>): Promise<number> {
    const sheet = this.workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.headers.map((header, i) => ({
      key: String(i),
      width: spec.widths[i] ?? 12,
      ...(spec.text[i] ? { style: { numFmt: '@' } } : {}),
    }));
    const head = sheet.addRow([...spec.headers]);
    head.font = { bold: true };
    head.commit();
    let count = 0;
    for await (const cells of rows) {
      sheet.addRow(cells.map((c) => (c === '' ? null : c))).commit();
      count++;
    }
    sheet.commit();
    return count;
  }

  async close(): Promise<void> {
    await this.workbook.commit();
  }
}

/** A column width that shows a header and typical values: CJK characters count double. */
export function widthFor(header: string, typical: number): number {
  const headerWidth = [...header].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return Math.min(60, Math.max(8, headerWidth + 2, typical));
}
