// Reads a workbook a row at a time with exceljs' streaming parsers, after checking that the file is a zip
// holding a workbook whose central directory does not promise a zip bomb; while the parts are read, each is
// counted as it inflates and refused the moment it outgrows what it declared (or all parts outgrow the total),
// so a lying directory is caught too — in the one pass that reads the data (inflating everything a second
// time only to count it cost a province's import ≈ 15% of its CPU).
// Formulas are never evaluated: a formula cell gives the value the spreadsheet program cached.
import ExcelJS from './exceljs.js';
import { statSync } from 'node:fs';
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
  rows: AsyncIterable<{ number: number; cells: Cell[] }>;
}

/** The parts of exceljs' WorkbookReader that readSheets drives itself (its own parsers, fed in the right order). */
interface ReaderParts {
  workbookRels?: Array<{ Id: string; Target: string }>;
  model?: { sheets?: Array<{ name: string; rId: string }> };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Readable, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

/**
 * The sheets of a checked workbook in the workbook's order, each with its rows (cells 0-based by column; missing
 * cells null). The zip is read by random access from its central directory, so the relationships, the sheet
 * names and the shared strings are parsed first whatever order the parts have in the file — exceljs' own pass
 * over the zip as a stream spools the sheets that come before workbook.xml (ours and Excel's do) to temporary
 * files and, on small workbooks, loses the parts after them (the sheet names come back as Sheet1, Sheet2 …).
 * exceljs' own parsers turn each part into rows.
 */
export async function* readSheets(file: string, limits: ZipLimits = DEFAULT_LIMITS): AsyncGenerator<SheetRows> {
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
    styles: 'ignore',
    entries: 'ignore',
  }) as unknown as ReaderParts;
  const rels = part('xl/_rels/workbook.xml.rels');
  const workbook = part('xl/workbook.xml');
  if (!rels || !workbook) throw new NotAWorkbook('not an xlsx workbook (no workbook relationships)');
  await reader._parseRels(rels.stream());
  await reader._parseWorkbook(workbook.stream());
  const strings = part('xl/sharedStrings.xml');
  if (strings) for await (const _ of reader._parseSharedStrings(strings.stream())) { /* cached in the reader */ }
  for (const sheet of reader.model?.sheets ?? []) {
    const target = reader.workbookRels?.find((r) => r.Id === sheet.rId)?.Target ?? '';
    const entry = part(target.startsWith('/') ? target : `xl/${target}`);
    const sheetNo = /sheet(\d+)\.xml$/.exec(target)?.[1];
    if (!entry || sheetNo === undefined) continue;
    for (const event of reader._parseWorksheet(entry.stream(), sheetNo)) {
      if (event.eventType !== 'worksheet') continue;
      const worksheet = event.value as AsyncIterable<{ number: number; values: unknown }>;
      yield {
        name: sheet.name,
        rows: (async function* () {
          for await (const row of worksheet) {
            const values = Array.isArray(row.values) ? row.values : [];
            const cells: Cell[] = [];
            for (let i = 1; i < values.length; i++) cells.push(plain(values[i]));
            yield { number: row.number, cells };
          }
        })(),
      };
    }
  }
}

/** exceljs' cell value as a plain value: rich text joined, a formula's cached result, an error's text, a link's text. */
function plain(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((r: { text?: string }) => r.text ?? '').join('');
    if ('formula' in v || 'sharedFormula' in v) return v.result === undefined ? null : plain(v.result);
    if (typeof v.error === 'string') return v.error;
    if ('text' in v) return plain(v.text);
  }
  return String(value);
}
