// The 实施清单 workbook (exchange.md §1) → items and regions, read a row at a time. Columns are found by their
// headers (a person may reorder them or add blank rows); every cell that cannot be placed is a problem at
// `sheet!cell`.
//
// Memory stays bounded however large the workbook: an item's rows are spread over several sheets that may come
// in any order, so the first pass reads every sheet, turns each row into a fragment (the item row's values, or
// one list entry) and appends it to a spill file, keeping in memory only where each item's fragments lie. The
// sheets are read side by side by worker threads (a worker per core, each with its share of the sheets), which
// also turn the rows into runs of fragments as JSON (sheetRuns); this thread only files the runs away. What the
// first pass finds is still reported sheet by sheet in the workbook's order, and the items keep the order in
// which the workbook's sheets, one after another, first name them. The
// items are then put together from their fragments a batch at a time, as the import consumes them. Problems of
// cells are all known after the first pass; problems of putting an item together (an entry of an item that has
// no 事项 row, a repeated 序号, an unknown 业务办理项序号) are added to `problems` before that item is yielded.
import type { Item } from '../catalog/types.js';
import { Spill, type SpillRef } from '../sync/spill.js';
import { textOf, type Cell } from './cells.js';
import { inSchemaOrder, itemKey, problem, regionCodeOf, type ImportedItem, type ImportedRegion, type ImportInput, type ImportProblem } from './import-input.js';
import {
  entryRef, headersOf, isObject, itemLayout, ITEM_SHEET, listAt, ORDER, readColumns, REGION_CODE, setAt, valueAt,
  type ItemLayout, type ListPlace, type SheetLayout,
} from './sheets.js';
import { valueOf } from './cells.js';
import { ABOUT_SHEET, PARENT_CODE, REGION_SHEET, regionColumns, regionHeaders } from './workbook-meta.js';
import { Worker } from 'node:worker_threads';
import type { Element } from './elements.js';
import { DEFAULT_LIMITS, NotAWorkbook, READERS, readSheets, type SheetRows, type SheetShare, type ZipLimits } from './xlsx-read.js';
import { builtWorker } from '../paths.js';

/** The column letters of a 0-based index: 0 → A, 27 → AB. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** One row of an item as spilled: its 事项 row, or one entry of a list sheet. */
type Fragment =
  | { item: Item; at: string }
  | { sheet: number; place: number; parentRef?: string; /** null: no 序号 */ order: number | null; entry: Record<string, unknown>; at: string };

/** What the first pass keeps of an item: where its 事项 row is and where its fragments lie in the spill. */
interface Staged {
  region: string;
  catalogCode: string;
  /** where the workbook first names it: sheet index, then row number */
  first: [number, number];
  /** its 事项 row; undefined while only list rows have named it */
  at?: string;
  refs: SpillRef[];
  /** the sheet index of each ref's rows (the sheets are read side by side: their runs may come in any order) */
  sheets: number[];
}

/** Spill texts appended per call, and items put together per read. */
const SPILL_BATCH = 2048;
const ASSEMBLE_BATCH = 256;

/** A workbook read: its regions and the problems of every cell now, the items as they are put together. */
export async function readWorkbook(file: string, limits?: ZipLimits, layout: ItemLayout = itemLayout(), readers = READERS): Promise<ImportInput> {
  const problems: ImportProblem[] = [];
  const staged = new Map<string, Staged>();
  const lists = layout.lists;
  const seen = new Set<string>();
  const elements = layout.elements;

  const spill = new Spill();
  let texts: string[] = [];
  let owners: Staged[] = [];
  let ownerSheets: number[] = [];
  const flushSpill = () => {
    const refs = spill.append(texts);
    for (let i = 0; i < refs.length; i++) {
      owners[i]!.refs.push(refs[i]!);
      owners[i]!.sheets.push(ownerSheets[i]!);
    }
    texts = [];
    owners = [];
    ownerSheets = [];
  };
  const add = (index: number, runs: readonly Run[]) => {
    for (const run of runs) {
      const key = itemKey(run.region, run.catalogCode);
      let owner = staged.get(key);
      if (!owner) staged.set(key, (owner = { region: run.region, catalogCode: run.catalogCode, first: [index, run.row], refs: [], sheets: [] }));
      else if (index < owner.first[0] || (index === owner.first[0] && run.row < owner.first[1])) owner.first = [index, run.row];
      if (run.itemAt !== undefined) owner.at = run.itemAt;
      texts.push(run.text);
      owners.push(owner);
      ownerSheets.push(index);
      if (texts.length >= SPILL_BATCH) flushSpill();
    }
  };
  /** what each sheet gave, taken in the workbook's order of sheets */
  const done: Array<SheetDone | undefined> = [];

  let failure: { error: unknown } | undefined;
  const stopped = () => failure !== undefined;
  const path = builtWorker('exchange/xlsx-read-worker.js');
  const sources = path === undefined
    ? [inThisThread(file, limits, layout, stopped)]
    : Array.from({ length: readers }, (_, reader) => readAside(path, { file, limits: limits ?? DEFAULT_LIMITS, share: { reader, readers }, elements }));
  await Promise.all(sources.map(async (messages) => {
    try {
      let index = -1;
      for await (const message of messages) {
        if (stopped()) break;
        if ('sheet' in message) {
          index = message.index;
          seen.add(message.sheet.trim());
        } else if ('runs' in message) add(index, message.runs);
        else if ('done' in message) done[index] = message.done;
      }
    } catch (error) {
      failure ??= { error };
    }
  }));
  if (failure) {
    spill.close();
    throw failure.error;
  }
  flushSpill();
  const regions: ImportInput['regions'] = [];
  /** elements whose every column is left out of the 事项 sheet: an existing item file keeps its own */
  let keep = new Set<string>();
  for (const sheet of done) {
    if (!sheet) continue;
    problems.push(...sheet.problems);
    regions.push(...sheet.regions);
    if (sheet.keep) keep = new Set(sheet.keep);
  }
  if (!seen.has(ITEM_SHEET)) {
    problems.push(problem(`${ITEM_SHEET}!A1`, '工作簿中没有「事项」工作表，无法导入', `the workbook has no 事项 sheet: nothing to import`));
  }
  // A list sheet left out of the workbook: an existing item keeps those lists as they are (a new one has none).
  const missing = lists.filter((s) => !seen.has(s.name));
  const keepLists = missing.flatMap((s) => s.places.filter((p) => !p.parent).map((p) => p.path[0]!));
  if (seen.has(ITEM_SHEET)) {
    for (const sheet of missing) {
      problems.push(problem(`${sheet.name}!A1`, `工作簿中没有「${sheet.name}」工作表：已有事项的这部分内容保持不变`, `the workbook has no ${sheet.name} sheet: existing items keep theirs as they are`, undefined, 'warning'));
    }
  }
  const kept = new Set([...keep, ...keepLists]);

  async function* items(): AsyncGenerator<ImportedItem> {
    try {
      const all = [...staged.values()].sort((a, b) => a.first[0] - b.first[0] || a.first[1] - b.first[1]);
      staged.clear();
      for (let i = 0; i < all.length; i += ASSEMBLE_BATCH) {
        const group = all.slice(i, i + ASSEMBLE_BATCH);
        const read = spill.read(group.flatMap((s) => s.refs));
        let next = 0;
        for (const owner of group) {
          const runs = owner.refs.map(() => JSON.parse(read[next++]!) as Fragment[]);
          // the workbook's order of sheets, as if they had been read one after another
          const fragments = inOrder(owner.sheets) ? runs.flat() : owner.sheets.map((sheet, i) => ({ sheet, i })).sort((a, b) => a.sheet - b.sheet || a.i - b.i).flatMap(({ i }) => runs[i]!);
          const imported = assemble(layout, owner, fragments, problems);
          if (!imported) continue;
          if (kept.size > 0) imported.keep = kept;
          for (const element of elements) {
            if (element.kind === 'list' && element.required && !Object.hasOwn(imported.item, element.key)) imported.item[element.key] = [];
          }
          imported.item = inSchemaOrder(imported.item, elements);
          yield imported;
        }
      }
    } finally {
      spill.close();
    }
  }
  return { regions, problems, items: items() };
}

/** Consecutive rows of one item in one sheet, as they go to the spill: one JSON text of their fragments. */
export interface Run {
  region: string;
  catalogCode: string;
  /** the row number of its first row */
  row: number;
  /** its 事项 row (`事项!A2`), when the run is one */
  itemAt?: string;
  text: string;
}

/** What a sheet gave besides its runs. */
export interface SheetDone {
  problems: ImportProblem[];
  regions: ImportedRegion[];
  /** read from the 事项 sheet's header: elements none of whose columns it has */
  keep?: string[];
}

/**
 * What one reader remembers from sheet to sheet: the first 事项 row of each item and the regions read (sheets whose
 * names differ only in spaces are read by one reader, one after the other, as one sheet).
 */
export interface ReaderState {
  itemRows: Map<string, string>;
  regions: ImportedRegion[];
}

export const readerState = (): ReaderState => ({ itemRows: new Map(), regions: [] });

/**
 * One sheet's rows → runs of fragments, handed to `emit` a batch at a time (in the reader's thread: the main
 * thread only files them away), with the sheet's problems, regions and (事项) kept elements at the end.
 */
export async function sheetRuns(sheet: SheetRows, layout: ItemLayout, state: ReaderState, emit: (runs: Run[]) => void | Promise<void>, stopped: () => boolean = () => false): Promise<SheetDone> {
  const problems: ImportProblem[] = [];
  const regionsBefore = state.regions.length;
  let keep: string[] | undefined;
  const lists = layout.lists;
  const sheetsByName = new Map<string, SheetLayout>([[ITEM_SHEET, layout.item], ...lists.map((s) => [s.name, s] as const)]);
  const known = [...sheetsByName.keys(), REGION_SHEET, ABOUT_SHEET];
  let runs: Run[] = [];
  let run: { region: string; catalogCode: string; key: string; row: number; itemAt?: string; fragments: Fragment[] } | undefined;
  const flushRun = () => {
    if (!run) return;
    runs.push({ region: run.region, catalogCode: run.catalogCode, row: run.row, ...(run.itemAt !== undefined ? { itemAt: run.itemAt } : {}), text: JSON.stringify(run.fragments) });
    run = undefined;
  };
  const add = (region: string, catalogCode: string, key: string, row: number, fragment: Fragment, itemAt?: string) => {
    if (run?.key !== key || itemAt !== undefined) {
      flushRun();
      run = { region, catalogCode, key, row, fragments: [] };
      if (itemAt !== undefined) run.itemAt = itemAt;
    }
    run.fragments.push(fragment);
  };
  const name = sheet.name.trim();
  const itemSheet = sheetsByName.get(name);
  const sheetIndex = itemSheet ? lists.indexOf(itemSheet) : -1;
  if (!itemSheet && name !== REGION_SHEET && name !== ABOUT_SHEET) {
    problems.push(problem(`${sheet.name}!A1`, `工作表「${sheet.name}」不是实施清单的工作表（应为：${known.join('、')}）`, `sheet "${sheet.name}" is not a sheet of the workbook (expected: ${known.join(', ')})`));
    return { problems, regions: [] };
  }
  const expected = itemSheet ? headersOf(layout, itemSheet) : name === REGION_SHEET ? regionHeaders() : undefined;
  const keys = itemSheet ? [REGION_CODE, layout.catalogCode.header] : [REGION_CODE];
  let columns: Map<string, number> | undefined;
  rows: for await (const batch of sheet.rows) {
    if (stopped()) break;
    for (const { number, cells } of batch) {
      if (cells.every((c) => c === null || textOf(c) === '')) continue;
      if (!columns) {
        columns = headerColumns(sheet.name, number, cells, expected, keys, problems);
        if (!columns) break rows;
        const given = columns;
        if (itemSheet === layout.item) {
          keep = layout.elements.filter((e) => e.kind !== 'list' && e.key !== 'catalogCode' && !layout.item.columns.some((c) => c.path[0] === e.key && given.has(c.header))).map((e) => e.key);
        }
        continue;
      }
      if (name === ABOUT_SHEET) continue;
      const cols = columns;
      const at = (header: string) => `${sheet.name}!${columnName(cols.get(header) ?? 0)}${number}`;
      const cellOf = (header: string): Cell | undefined => {
        const index = cols.get(header);
        return index === undefined ? undefined : cells[index] ?? null;
      };
      const region = regionCodeOf(cellOf(REGION_CODE));
      if (region === undefined) {
        problems.push(problem(at(REGION_CODE), `区划代码 "${textOf(cellOf(REGION_CODE) ?? null)}" 不是 6、9 或 12 位数字代码`, `区划代码 "${textOf(cellOf(REGION_CODE) ?? null)}" is not a 6, 9 or 12-digit code`));
        continue;
      }
      if (!itemSheet) {
        readRegionRow(region, cellOf, at, state.regions, problems);
        continue;
      }
      const codeCell = cellOf(layout.catalogCode.header) ?? null;
      const code = valueOf(layout.catalogCode.element, codeCell);
      const where = at(layout.catalogCode.header);
      if ('problem' in code) {
        problems.push({ at: where, ...code.problem });
        continue;
      }
      const catalogCode = code.value as string;
      const key = itemKey(region, catalogCode);
      if (code.warning) problems.push({ at: where, ...code.warning, item: key });
      const rowProblems: ImportProblem[] = [];
      const row = { cell: cellOf, at };
      const rowAt = `${sheet.name}!A${number}`;
      if (itemSheet === layout.item) {
        const first = state.itemRows.get(key);
        if (first !== undefined) {
          problems.push(problem(rowAt, `事项 ${key} 重复（已见于 ${first}）`, `item ${key} appears twice (already at ${first})`, key));
          continue;
        }
        state.itemRows.set(key, rowAt);
        const item: Item = { catalogCode };
        readColumns(layout.item.columns, row, item, rowProblems);
        add(region, catalogCode, key, number, { item, at: rowAt }, rowAt);
      } else {
        const parentRef = itemSheet.parentRef === undefined ? '' : textOf(cellOf(itemSheet.parentRef) ?? null);
        const placeIndex = Math.max(0, itemSheet.places.findIndex((p) => (parentRef === '' ? !p.parent : p.parent)));
        const place = itemSheet.places[placeIndex]!;
        const orderCell = itemSheet.order ? cellOf(ORDER) ?? null : null;
        const order = orderCell === null || textOf(orderCell) === '' ? null : Number(textOf(orderCell));
        if (Number.isNaN(order)) rowProblems.push(problem(at(ORDER), `序号 "${textOf(orderCell)}" 不是数字`, `序号 "${textOf(orderCell)}" is not a number`));
        const entry: Record<string, unknown> = {};
        readColumns(place.columns, row, entry, rowProblems);
        add(region, catalogCode, key, number, { sheet: sheetIndex, place: placeIndex, ...(parentRef !== '' ? { parentRef } : {}), order: Number.isNaN(order) ? null : order, entry, at: rowAt });
      }
      for (const p of rowProblems) problems.push({ ...p, item: key });
    }
    if (runs.length > 0) {
      const ready = runs;
      runs = [];
      await emit(ready);
    }
  }
  flushRun();
  if (runs.length > 0) await emit(runs);
  if (!columns && name === ITEM_SHEET) problems.push(problem(`${sheet.name}!A1`, '「事项」工作表是空的', 'the 事项 sheet is empty'));
  return { problems, regions: state.regions.slice(regionsBefore), ...(keep ? { keep } : {}) };
}

/** What a reading worker (xlsx-read-worker.ts) posts: a sheet starts, a batch of its runs, its end, the end, a failure. */
export type ReaderMessage = { sheet: string; index: number } | { runs: Run[] } | { done: SheetDone } | { end: true } | { error: string; notAWorkbook: boolean };

/** What a reading worker is given. */
export interface ReaderData {
  file: string;
  limits: ZipLimits;
  share: SheetShare;
  elements: Element[];
}

/** The sheets read in this thread (when the built worker is not there): the same messages a worker posts. */
async function* inThisThread(file: string, limits: ZipLimits | undefined, layout: ItemLayout, stopped: () => boolean): AsyncGenerator<ReaderMessage> {
  const state = readerState();
  for await (const sheet of readSheets(file, limits)) {
    yield { sheet: sheet.name, index: sheet.index };
    const batches: Run[][] = [];
    const done = await sheetRuns(sheet, layout, state, (runs) => void batches.push(runs), stopped);
    for (const runs of batches) yield { runs };
    yield { done };
  }
}

/**
 * A worker's messages, its share of the sheets read there. At most WINDOW batches are in flight: a credit goes back
 * for each batch taken, so memory stays flat when this thread is the slower one. The worker ends with its last
 * sheet or when the consumer stops.
 */
async function* readAside(path: string, data: ReaderData): AsyncGenerator<ReaderMessage> {
  const worker = new Worker(path, { workerData: data, execArgv: [] });
  const queue: ReaderMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const woken = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: ReaderMessage) => {
    queue.push(message);
    woken();
  });
  worker.on('error', (error) => {
    failure ??= error;
    woken();
  });
  worker.on('exit', () => {
    failure ??= new Error('the workbook reader stopped');
    woken();
  });
  try {
    for (;;) {
      while (queue.length === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const message = queue.shift()!;
      if ('runs' in message) worker.postMessage(0);
      if ('error' in message) throw message.notAWorkbook ? new NotAWorkbook(message.error) : new Error(message.error);
      if ('end' in message) return;
      yield message;
    }
  } finally {
    await worker.terminate();
  }
}

function inOrder(numbers: readonly number[]): boolean {
  for (let i = 1; i < numbers.length; i++) if (numbers[i]! < numbers[i - 1]!) return false;
  return true;
}

function headerColumns(sheet: string, row: number, cells: Cell[], expected: string[] | undefined, keys: string[], problems: ImportProblem[]): Map<string, number> | undefined {
  const columns = new Map<string, number>();
  for (const [index, cell] of cells.entries()) {
    const header = textOf(cell);
    if (header === '') continue;
    const at = `${sheet}!${columnName(index)}${row}`;
    if (columns.has(header)) {
      problems.push(problem(at, `表头「${header}」重复`, `header "${header}" appears twice`));
    } else if (expected && !expected.includes(header)) {
      problems.push(problem(at, `表头「${header}」不是本工作表的列（可用：${expected.join('、')}）`, `header "${header}" is not a column of this sheet (known: ${expected.join(', ')})`));
    } else {
      columns.set(header, index);
    }
  }
  if (expected === undefined) return columns;
  const missing = keys.filter((k) => !columns.has(k));
  if (missing.length > 0) {
    problems.push(problem(`${sheet}!A${row}`, `缺少关键列「${missing.join('」「')}」，整个工作表无法导入`, `key column ${missing.join(', ')} is missing: the whole sheet cannot be read`));
    return undefined;
  }
  return columns;
}

function readRegionRow(code: string, cellOf: (header: string) => Cell | undefined, at: (header: string) => string, regions: ImportInput['regions'], out: ImportProblem[]): void {
  const data: Record<string, unknown> = { code };
  const problems: ImportProblem[] = [];
  for (const element of regionColumns()) {
    const cell = cellOf(element.title) ?? null;
    if (cell === null || textOf(cell) === '') continue;
    const value = valueOf(element, cell);
    if ('problem' in value) problems.push({ at: at(element.title), ...value.problem });
    else data[element.key] = value.value;
  }
  const parentCell = cellOf(PARENT_CODE) ?? null;
  const parent = parentCell === null || textOf(parentCell) === '' ? undefined : regionCodeOf(parentCell);
  if (parentCell !== null && textOf(parentCell) !== '' && parent === undefined) {
    problems.push(problem(at(PARENT_CODE), `上级区划代码 "${textOf(parentCell)}" 不是区划代码`, `上级区划代码 "${textOf(parentCell)}" is not a region code`));
  }
  if (regions.some((r) => r.code === code)) problems.push(problem(at(REGION_CODE), `区划 ${code} 重复`, `region ${code} appears twice`));
  out.push(...problems.map((p) => ({ ...p, item: `region:${code}` })));
  if (problems.length === 0) regions.push({ code, ...(parent !== undefined ? { parent } : {}), data, at: at(REGION_CODE) });
}

/** An item from its fragments: the 事项 row's values with every list entry in its place, in 序号 order. */
function assemble(layout: ItemLayout, owner: Staged, fragments: Fragment[], problems: ImportProblem[]): ImportedItem | undefined {
  const key = itemKey(owner.region, owner.catalogCode);
  let item: Item | undefined;
  const entries: Array<Extract<Fragment, { sheet: number }>> = [];
  for (const f of fragments) {
    if ('item' in f) item = f.item;
    else entries.push(f);
  }
  if (!item) {
    for (const e of entries) problems.push(problem(e.at, `事项 ${key} 不在「事项」工作表中`, `item ${key} has no row in the 事项 sheet`, key));
    return undefined;
  }
  const placeOf = (e: (typeof entries)[number]): ListPlace => layout.lists[e.sheet]!.places[e.place]!;
  const rank = (order: number | null) => order ?? Number.POSITIVE_INFINITY;
  // Entries of top-level lists first: the entries of lists inside them (handling items' materials) need them.
  entries.sort((a, b) => Number(placeOf(a).parent !== undefined) - Number(placeOf(b).parent !== undefined) || rank(a.order) - rank(b.order));
  const orders = new Map<string, Set<number>>();
  for (const e of entries) {
    const sheet = layout.lists[e.sheet]!;
    const place = placeOf(e);
    if (e.order !== null) {
      const slot = `${sheet.name}|${e.parentRef ?? ''}`;
      const used = orders.get(slot) ?? new Set<number>();
      orders.set(slot, used);
      if (used.has(e.order)) {
        problems.push(problem(e.at, `${sheet.name} 中事项 ${key} 的序号 ${e.order} 重复`, `${sheet.name}: 序号 ${e.order} of item ${key} appears twice`, key));
        continue;
      }
      used.add(e.order);
    }
    let target: Record<string, unknown> = item;
    if (place.parent) {
      const parents = listAt(item, place.parent.path);
      const index = parents.findIndex((entry, i) => entryRef(entry, i) === e.parentRef);
      if (index < 0 || !isObject(parents[index])) {
        problems.push(problem(e.at, `${sheet.parentRef} "${e.parentRef}" 在事项 ${key} 中不存在`, `${sheet.parentRef} "${e.parentRef}" does not exist in item ${key}`, key));
        continue;
      }
      target = parents[index] as Record<string, unknown>;
    }
    const list = valueAt(target, place.path);
    if (Array.isArray(list)) list.push(e.entry);
    else setAt(target, place.path, [e.entry]);
  }
  return { region: owner.region, catalogCode: owner.catalogCode, item, at: owner.at! };
}
