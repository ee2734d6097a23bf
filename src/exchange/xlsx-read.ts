// Reads a workbook a row at a time, after checking that the file is a zip
// holding a workbook whose central directory does not promise a zip bomb; while the parts are read, each is
// counted as it inflates and refused the moment it outgrows what it declared (or all parts outgrow the total),
// so a lying directory is caught too — in the one pass that reads the data (inflating everything a second
// time only to count it cost a province's import ≈ 15% of its CPU).
// Formulas are never evaluated: a formula cell gives the value the spreadsheet program cached.
//
// A sheet's XML is read by exceljs' own XML parser (saxes) straight into rows of plain cells. exceljs' worksheet
// reader made a Row and a Cell object per cell, with style lookups and value setters, and then the values were
// reduced to plain ones again: ≈ 30% of the reading time (the relationships, the sheet names and the shared
// strings are still read by exceljs' parsers). An import reads in worker threads (workbook-import.ts), each
// reading its share of the sheets (a zip's parts can be inflated independently, readSheets deals them out).
import ExcelJS, { SaxesParser } from './exceljs.js';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Transform, type Readable } from 'node:stream';
import { Open } from 'unzipper';
import type { Cell } from './cells.js';

/** A workbook that cannot be read at all: exit 2. */
export class NotAWorkbook extends Error {}

export interface ZipLimits {
  /** total inflated bytes of all parts */
  maxBytes: number;
  /** inflated / compressed, above which a part larger than `smallPart` is a bomb */
  maxRatio: number;
  smallPart: number;
}

/** Generous for a province (≈ 1 GB of sheet XML for 170,000 items), far below what a bomb inflates to. */
export const DEFAULT_LIMITS: ZipLimits = { maxBytes: 4 * 2 ** 30, maxRatio: 200, smallPart: 1 << 20 };

type ZipEntry = Awaited<ReturnType<typeof Open.file>>['files'][number];

/** The parts of a workbook by path, once its central directory has passed the limits. */
async function openZip(file: string, limits: ZipLimits): Promise<Map<string, ZipEntry>> {
  const size = statSync(file).size;
  if (size === 0) throw new NotAWorkbook('the file is empty');
  let entries;
  try {
    entries = (await Open.file(file)).files;
  } catch {
    throw new NotAWorkbook('not an xlsx workbook (not a zip file)');
  }
  const names = new Set(entries.map((e) => e.path));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) {
    throw new NotAWorkbook('not an xlsx workbook (no xl/workbook.xml in the zip)');
  }
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (total > limits.maxBytes || (entry.uncompressedSize > limits.smallPart && ratio > limits.maxRatio)) {
      throw new NotAWorkbook(`refused: ${entry.path} would inflate to ${entry.uncompressedSize} bytes (${Math.round(ratio)}:1) — a zip bomb?`);
    }
  }
  return new Map(entries.map((e) => [e.path, e]));
}

/** A part's inflated bytes, refused beyond its declared size or beyond the limit of all parts together. */
function bounded(entry: ZipEntry, limits: ZipLimits, inflated: { bytes: number }): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      inflated.bytes += chunk.length;
      if (seen > entry.uncompressedSize || inflated.bytes > limits.maxBytes) {
        done(new NotAWorkbook(`refused: ${entry.path} inflates beyond its declared ${entry.uncompressedSize} bytes — a zip bomb?`));
      } else done(null, chunk);
    },
  });
  const source = entry.stream();
  source.on('error', (error: Error) => counter.destroy(new NotAWorkbook(`the zip is damaged (${entry.path}: ${error.message})`)));
  counter.on('close', () => source.destroy());
  return source.pipe(counter);
}

export interface SheetRows {
  name: string;
  /** its place among the workbook's sheets (0-based) */
  index: number;
  /** the sheet's rows, a batch at a time (the rows one inflated chunk of its XML completes) */
  rows: AsyncIterable<SheetRow[]>;
}

export interface SheetRow {
  number: number;
  cells: Cell[];
}

/** The parts of exceljs' WorkbookReader that readSheets drives itself (its own parsers, fed in the right order). */
interface ReaderParts {
  workbookRels?: Array<{ Id: string; Target: string }>;
  model?: { sheets?: Array<{ name: string; rId: string }> };
  sharedStrings?: unknown[];
  styles?: { model?: { styles?: unknown[] }; getStyleModel(id: number): { numFmt?: string } | null };
  _parseStyles(entry: Readable): Promise<void>;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
}

/** Which of `readers` readers reads a sheet, and how many there are. */
export interface SheetShare {
  reader: number;
  readers: number;
}

/** Readers of one workbook: one per core, at most three (the main thread, which files their rows away, is the limit then). */
export const READERS = Math.max(1, Math.min(3, availableParallelism()));

/**
 * The sheets of a checked workbook in the workbook's order, each with its rows (cells 0-based by column; missing
 * cells null). The zip is read by random access from its central directory, so the relationships, the sheet
 * names and the shared strings are parsed first whatever order the parts have in the file — exceljs' own pass
 * over the zip as a stream spools the sheets that come before workbook.xml (ours and Excel's do) to temporary
 * files and, on small workbooks, loses the parts after them (the sheet names come back as Sheet1, Sheet2 …).
 * exceljs' parsers read those parts; sheetRows reads each sheet.
 * With `share`, only the share of one of several readers: the sheets are dealt out largest first, each to the
 * reader with the fewest bytes so far (every reader makes the same deal from the zip's directory), so that the
 * readers end at about the same time.
 */
export async function* readSheets(file: string, limits: ZipLimits = DEFAULT_LIMITS, share?: SheetShare): AsyncGenerator<SheetRows> {
  const parts = await openZip(file, limits);
  const inflated = { bytes: 0 };
  const part = (path: string) => {
    const entry = parts.get(path.replace(/^\//, ''));
    return entry && { stream: () => bounded(entry, limits, inflated) };
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  }) as unknown as ReaderParts;
  const rels = part('xl/_rels/workbook.xml.rels');
  const workbook = part('xl/workbook.xml');
  if (!rels || !workbook) throw new NotAWorkbook('not an xlsx workbook (no workbook relationships)');
  // exceljs' parsers throw plain errors on XML they cannot read: a damaged part is a damaged workbook (exit 2)
  const parse = async (path: string, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      throw error instanceof NotAWorkbook ? error : new NotAWorkbook(`${path} is damaged: ${(error as Error).message}`);
    }
  };
  await parse('xl/_rels/workbook.xml.rels', () => reader._parseRels(rels.stream()));
  await parse('xl/workbook.xml', () => reader._parseWorkbook(workbook.stream()));
  const strings = part('xl/sharedStrings.xml');
  if (strings) {
    await parse('xl/sharedStrings.xml', async () => {
      for await (const _ of reader._parseSharedStrings(strings.stream())) { /* cached in the reader */ }
    });
  }
  const shared = (reader.sharedStrings ?? []).map(plain);
  // which cell styles (a cell's `s`) format as text (`@`): a number kept in such a cell is a TypedCell
  let textStyles: boolean[] = [];
  const styles = part('xl/styles.xml');
  if (styles) {
    await parse('xl/styles.xml', () => reader._parseStyles(styles.stream()));
    textStyles = (reader.styles?.model?.styles ?? []).map((_, id) => reader.styles!.getStyleModel(id)?.numFmt === '@');
  }
  const sheets = (reader.model?.sheets ?? []).map((sheet, index) => {
    const target = reader.workbookRels?.find((r) => r.Id === sheet.rId)?.Target ?? '';
    const given = target.startsWith('/') ? target : `xl/${target}`;
    const path = given.replace(/^\//, '');
    // every reader checks every sheet: a workbook missing one is damaged whichever reader it was dealt to
    if (!parts.has(path)) throw new NotAWorkbook(`the zip is damaged: sheet "${sheet.name}" (${given}) is not in it`);
    return { name: sheet.name, index, path, bytes: parts.get(path)!.uncompressedSize };
  });
  const mine = share === undefined ? undefined : dealt(sheets, share.readers)[share.reader];
  for (const sheet of sheets) {
    if (mine && !mine.has(sheet.index)) continue;
    yield { name: sheet.name, index: sheet.index, rows: sheetRows(part(sheet.path)!.stream(), shared, textStyles) };
  }
}

/**
 * Sheet indexes per reader: largest first, to the reader with the fewest bytes (the first of equals). Sheets whose
 * names differ only in spaces around them go to one reader together, which reads them in the workbook's order (the
 * import takes them for one sheet: which of them comes first decides which row is the repeated one).
 */
function dealt(sheets: ReadonlyArray<{ name: string; index: number; bytes: number }>, readers: number): Array<Set<number>> {
  const groups = new Map<string, { first: number; bytes: number; indexes: number[] }>();
  for (const sheet of sheets) {
    const group = groups.get(sheet.name.trim()) ?? { first: sheet.index, bytes: 0, indexes: [] };
    groups.set(sheet.name.trim(), group);
    group.bytes += sheet.bytes;
    group.indexes.push(sheet.index);
  }
  const shares = Array.from({ length: readers }, () => ({ bytes: 0, sheets: new Set<number>() }));
  for (const group of [...groups.values()].sort((a, b) => b.bytes - a.bytes || a.first - b.first)) {
    const least = shares.reduce((min, s) => (s.bytes < min.bytes ? s : min));
    least.bytes += group.bytes;
    for (const index of group.indexes) least.sheets.add(index);
  }
  return shares.map((s) => s.sheets);
}

/** What a cell's type attribute `t` says its value is (ECMA-376 ST_CellType); absent: a number. */
type CellType = 's' | 'str' | 'inlineStr' | 'b' | 'e' | 'n' | 'd';

/**
 * A sheet's rows from its XML: `<row r>` holds `<c r t>` cells whose value is `<v>` (a number, a shared string's
 * index, a boolean, an error, a formula's cached result beside its `<f>`, which is never evaluated) or, for an
 * inline string, the `<t>` runs of `<is>` (phonetic runs `<rPh>` left out). Element names are matched without
 * their namespace prefix. Numbers stay numbers (a date cell is its serial number, which the date columns read); a
 * number or boolean in a cell whose style `s` formats it as text is a TypedCell.
 */
async function* sheetRows(xml: Readable, shared: readonly Cell[], textStyles: readonly boolean[]): AsyncGenerator<SheetRow[]> {
  // no line and column tracking (which counts every character): an error names the sheet
  const parser = new SaxesParser({ position: false });
  let failure: unknown;
  let done: SheetRow[] = [];
  let row: SheetRow | undefined;
  let lastRow = 0;
  let column = -1;
  let type: CellType = 'n';
  let textStyle = false;
  /** text of the cell's value being read, undefined outside <v> and <is><t> */
  let text: string | undefined;
  let value: string | undefined;
  let inlineText: string | undefined;
  let phonetic = 0;
  const local = (name: string) => {
    const colon = name.indexOf(':');
    return colon < 0 ? name : name.slice(colon + 1);
  };
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const { name, attributes } = tag as { name: string; attributes: Record<string, string> };
    switch (local(name)) {
      case 'row': {
        const r = Number.parseInt(attributes.r ?? '', 10);
        lastRow = Number.isNaN(r) ? lastRow + 1 : r;
        row = { number: lastRow, cells: [] };
        column = -1;
        break;
      }
      case 'c':
        if (!row) break;
        column = attributes.r === undefined ? column + 1 : columnIndex(attributes.r);
        // a spreadsheet has at most 16,384 columns (XFD); a reference beyond would make a row of that many cells
        if (column >= MAX_COLUMNS) throw new NotAWorkbook(`the sheet's XML is damaged: cell ${attributes.r ?? `${column + 1} of row ${lastRow}`} lies beyond column XFD`);
        type = (attributes.t ?? 'n') as CellType;
        textStyle = attributes.s !== undefined && textStyles[Number.parseInt(attributes.s, 10)] === true;
        value = undefined;
        inlineText = undefined;
        break;
      case 'v':
        if (row && column >= 0) text = '';
        break;
      case 'is':
        if (row && column >= 0) inlineText = '';
        break;
      case 'rPh':
        phonetic++;
        break;
      case 't':
        if (inlineText !== undefined && phonetic === 0) text = '';
        break;
      default:
        break;
    }
  });
  const onText = (chunk: unknown) => {
    if (text !== undefined) text += chunk as string;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    switch (local((tag as { name: string }).name)) {
      case 'v':
        value = text;
        text = undefined;
        break;
      case 't':
        if (text !== undefined && inlineText !== undefined) inlineText += text;
        text = undefined;
        break;
      case 'rPh':
        phonetic--;
        break;
      case 'c':
        if (row && column >= 0) {
          const cell = cellValue(type, value, inlineText, shared);
          if (cell !== null) row.cells[column] = textStyle && (typeof cell === 'number' || typeof cell === 'boolean') ? { typed: cell } : cell;
        }
        value = undefined;
        inlineText = undefined;
        break;
      case 'row':
        if (row) {
          const cells = row.cells;
          for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
          done.push(row);
        }
        row = undefined;
        break;
      default:
        break;
    }
  });
  const decoder = new TextDecoder('utf-8');
  const feed = (chunk: string) => {
    parser.write(chunk);
    if (failure) throw new NotAWorkbook(`the sheet's XML is damaged: ${(failure as Error).message}`);
  };
  for await (const chunk of xml) {
    feed(decoder.decode(chunk as Buffer, { stream: true }));
    if (done.length > 0) {
      yield done;
      done = [];
    }
  }
  feed(decoder.decode());
  parser.close();
  if (failure) throw new NotAWorkbook(`the sheet's XML is damaged: ${(failure as Error).message}`);
  if (done.length > 0) yield done;
}

/** A cell's plain value from its type and the text read: null when it has none. */
function cellValue(type: CellType, value: string | undefined, inline: string | undefined, shared: readonly Cell[]): Cell {
  if (type === 'inlineStr') return inline ?? value ?? null;
  if (value === undefined) return inline ?? null;
  switch (type) {
    case 's':
      return shared[Number.parseInt(value, 10)] ?? null;
    case 'str':
    case 'e':
      return value;
    case 'b':
      return Number.parseInt(value, 10) !== 0;
    case 'd': {
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : date;
    }
    default: {
      const n = Number.parseFloat(value);
      return Number.isNaN(n) ? null : n;
    }
  }
}

/** Columns of a sheet in Excel and Calc: A … XFD. */
const MAX_COLUMNS = 16_384;

/** The 0-based column of a cell reference: A1 → 0, AB7 → 27. */
function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

/** A shared string as exceljs caches it (text, or rich text runs), as plain text. */
function plain(value: unknown): Cell {
  if (typeof value === 'string' || value === null || value === undefined) return value ?? null;
  const runs = (value as { richText?: Array<{ text?: string }> }).richText;
  return Array.isArray(runs) ? runs.map((r) => r.text ?? '').join('') : String(value);
}
