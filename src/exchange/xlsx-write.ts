// Writes a workbook a sheet at a time with exceljs' streaming WorkbookWriter: one sheet open at a time, its
// rows written as they come, so a province's workbook never sits in memory. Every sheet gets a frozen, bold
// header row and column widths; text columns carry the text number format (`@`), so a code typed into them
// later stays text in Excel too.
//
// Data rows are rendered by exceljs' own row transform (RowXform, the layer its sheet writer renders a committed
// Row with) from a model prepared here, not through Row and Cell objects: a province's export spent ≈ 30 s of its
// main thread building and committing those (figures in the commit that made this change), and a prepared model
// can be rendered anywhere, also in the export's worker threads (export-worker.ts), whose XML is then written into
// the sheet as it is. The model is the one exceljs makes of a Row (Row.model, then RowXform.prepare): the cells
// that have a value, each with its address, value type and its column's style id; tests/exchange/xlsx-write.test.ts
// checks that both give the same sheet.
//
// What keeps a province's export fast and its memory flat (figures in the commits that made these choices):
// - empty cells are left out of the row, as exceljs leaves out cells without a value (no <c> element);
// - each column's cells have one style id, registered once per workbook (exceljs caches a style's id by the style
//   object's identity, so every cell of a column had the id of the column's first cell);
// - deflate level 1: the sheets are ~8× larger than the zip, and level 6 spent several times the CPU for a
//   file ≈ 15% smaller;
// - backpressure: exceljs hands a sheet's XML to the zip without waiting for it (no backpressure anywhere in
//   its writer), so when deflate is slower than the rows come, the XML piles up in memory. After each chunk of
//   rows the writer waits until the stream exceljs pipes the sheet into has drained.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type ExcelJSTypes from 'exceljs';
import ExcelJS, { colCache, RowXform, ValueType, XmlStream, type RowModel } from './exceljs.js';
import { isTyped, type Cell } from './cells.js';

export interface SheetSpec {
  name: string;
  headers: readonly string[];
  /** column widths in characters */
  widths: readonly number[];
  /** columns whose cells are text (codes, labels): formatted `@` */
  text: readonly boolean[];
}

/** The number of a sheet's first data row: row 1 is the header. */
export const FIRST_DATA_ROW = 2;

/** Rows rendered and written at a time by `sheet`. */
const BATCH = 200;
const TEXT_STYLE: Partial<ExcelJSTypes.Style> = Object.freeze({ numFmt: '@' });
const PLAIN_STYLE: Partial<ExcelJSTypes.Style> = Object.freeze({});

/**
 * What of exceljs' sheet writer is used besides its public API: the stream it writes a sheet's XML into, and
 * the stream that one is piped into — archiver wraps the sheet's own buffer in a PassThrough of the
 * readable-stream package (v2), which predates `writableNeedDrain`, so its state says whether it is full.
 */
interface SheetInternals {
  stream: { write(xml: string | Uint8Array): unknown; pipes?: Array<Writable & { _writableState?: { needDrain?: boolean } }> };
}

interface WorkbookInternals {
  styles: { addStyleModel(style: Partial<ExcelJSTypes.Style>, type: number): number };
}

export class WorkbookOut {
  private readonly workbook: ExcelJSTypes.stream.xlsx.WorkbookWriter;
  private readonly textStyle: number;
  private readonly plainStyle: number;

  constructor(target: string | Writable) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      ...(typeof target === 'string' ? { filename: target } : { stream: target }),
      useStyles: true,
      useSharedStrings: false,
      zip: { zlib: { level: 1 } },
    } as ExcelJSTypes.stream.xlsx.WorkbookStreamWriterOptions);
    // Registered before any sheet, in the order the first data row met them, so the ids are those exceljs gave
    // when it looked them up per cell: a text column's `@` format, and no style for numbers.
    const styles = (this.workbook as unknown as WorkbookInternals).styles;
    this.textStyle = styles.addStyleModel(TEXT_STYLE, ValueType.String);
    this.plainStyle = styles.addStyleModel(PLAIN_STYLE, ValueType.Number);
  }

  /** The style id of each column's cells, for `rowsXml`. */
  styleIds(spec: Pick<SheetSpec, 'text'>): number[] {
    return spec.text.map((text) => (text ? this.textStyle : this.plainStyle));
  }

  /** Opens a sheet and writes its header row (frozen); its rows follow with `write`, rendered by `rowsXml`. */
  open(spec: SheetSpec): SheetOut {
    const sheet = this.workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.headers.map((header, i) => ({
      key: String(i),
      width: spec.widths[i] ?? 12,
      ...(spec.text[i] ? { style: { numFmt: '@' } } : {}),
    }));
    const head = sheet.addRow([...spec.headers]);
    head.font = { bold: true };
    head.commit();
    return new SheetOut(sheet, this.styleIds(spec));
  }

  /** Writes one whole sheet from `rows` (header row first, frozen); returns the number of rows. */
  async sheet(spec: SheetSpec, rows: Iterable<Cell[]> | AsyncIterable<Cell[]>): Promise<number> {
    const sheet = this.open(spec);
    let batch: Cell[][] = [];
    for await (const cells of rows) {
      batch.push(cells);
      if (batch.length === BATCH) {
        await sheet.rows(batch);
        batch = [];
      }
    }
    await sheet.rows(batch);
    sheet.close();
    return sheet.next - FIRST_DATA_ROW;
  }

  async close(): Promise<void> {
    await this.workbook.commit();
  }
}

/** A sheet being written: rows after the header, as XML rendered by `rowsXml` from the next row number on. */
export class SheetOut {
  /** data rows written by `rows` (the header not counted) */
  private written = 0;

  constructor(
    private readonly sheet: ExcelJSTypes.Worksheet,
    /** each column's style id */
    readonly styles: readonly number[],
  ) {}

  /** Number of the next row. */
  get next(): number {
    return this.written + FIRST_DATA_ROW;
  }

  /** Renders and writes rows from the next row number on. */
  async rows(rows: readonly (readonly Cell[])[]): Promise<void> {
    if (rows.length === 0) return;
    const xml = rowsXml(rows, this.next, this.styles);
    this.written += rows.length;
    await this.write(xml);
  }

  /** Writes rows rendered by `rowsXml` (numbered by the caller); resolves once the zip has taken them. */
  async write(xml: string | Uint8Array): Promise<void> {
    if (xml.length === 0) return;
    const stream = (this.sheet as unknown as SheetInternals).stream;
    stream.write(xml);
    const pipe = stream.pipes?.[0];
    if (pipe?._writableState?.needDrain) await once(pipe, 'drain');
  }

  close(): void {
    this.sheet.commit();
  }
}

const rowXform = new RowXform();

/**
 * The XML of rows numbered from `first`, as exceljs' sheet writer renders them: cells that hold nothing
 * ('' or null) are left out, and a row without cells is not written (its number is skipped). Each row has its own
 * XML stream, as in exceljs: one stream for a batch of rows joined its million pieces 2–3× slower.
 */
export function rowsXml(rows: readonly (readonly Cell[])[], first: number, styles: readonly number[]): string {
  const out: string[] = [];
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r]!;
    const number = first + r;
    const model: RowModel = { number, min: 0, max: 0, cells: [] };
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell === '' || cell === null || cell === undefined) continue;
      const value = isTyped(cell) ? cell.typed : cell;
      if (model.min === 0) model.min = i + 1;
      model.max = i + 1;
      model.cells.push({ address: colCache.n2l(i + 1) + number, type: valueType(value), value, styleId: styles[i]! });
    }
    if (model.cells.length === 0) continue;
    const xml = new XmlStream();
    rowXform.render(xml, model);
    out.push(xml.xml);
  }
  return out.join('');
}

function valueType(value: string | number | boolean | Date): number {
  switch (typeof value) {
    case 'string':
      return ValueType.String;
    case 'number':
      return ValueType.Number;
    case 'boolean':
      return ValueType.Boolean;
    default:
      return ValueType.Date;
  }
}

/** A column width that shows a header and typical values: CJK characters count double. */
export function widthFor(header: string, typical: number): number {
  const headerWidth = [...header].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return Math.min(60, Math.max(8, headerWidth + 2, typical));
}
