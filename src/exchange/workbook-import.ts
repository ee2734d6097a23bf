// The 实施清单 workbook (exchange.md §1) → items and regions, read a row at a time. Columns are found by their
// headers (a person may reorder them or add blank rows); every cell that cannot be placed is a problem at
// `sheet!cell`. Rows of the list sheets are turned into entries as they are read and attached to their items
// at the end, because a workbook's sheets may come in any order.
import type { Item } from '../catalog/types.js';
import { textOf, type Cell } from './cells.js';
import { inSchemaOrder, itemKey, problem, regionCodeOf, type ImportInput, type ImportProblem } from './import-input.js';
import {
  entryRef, headersOf, isObject, itemLayout, ITEM_SHEET, listAt, ORDER, readColumns, REGION_CODE, setAt, valueAt,
  type ItemLayout, type ListPlace, type SheetLayout,
} from './sheets.js';
import { valueOf } from './cells.js';
import { ABOUT_SHEET, PARENT_CODE, REGION_SHEET, regionColumns } from './workbook-meta.js';
import { checkZip, readSheets, type ZipLimits } from './xlsx-read.js';

/** The column letters of a 0-based index: 0 → A, 27 → AB. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

interface PendingEntry {
  key: string;
  sheet: SheetLayout;
  place: ListPlace;
  parentRef?: string;
  order: number;
  entry: Record<string, unknown>;
  at: string;
}

export async function readWorkbook(file: string, limits?: ZipLimits, layout: ItemLayout = itemLayout()): Promise<ImportInput> {
  await checkZip(file, limits);
  const input: ImportInput = { items: [], regions: [], problems: [] };
  const items = new Map<string, ImportInput['items'][number]>();
  const pending: PendingEntry[] = [];
  const sheetsByName = new Map<string, SheetLayout>([[ITEM_SHEET, layout.item], ...layout.lists.map((s) => [s.name, s] as const)]);
  const known = [...sheetsByName.keys(), REGION_SHEET, ABOUT_SHEET];
  const seen = new Set<string>();
  const elements = layout.elements;

  for await (const sheet of readSheets(file)) {
    const name = sheet.name.trim();
    seen.add(name);
    const itemSheet = sheetsByName.get(name);
    if (!itemSheet && name !== REGION_SHEET && name !== ABOUT_SHEET) {
      input.problems.push(problem(`${sheet.name}!A1`, `工作表「${sheet.name}」不是实施清单的工作表（应为：${known.join('、')}）`, `sheet "${sheet.name}" is not a sheet of the workbook (expected: ${known.join(', ')})`));
      for await (const _row of sheet.rows) { /* drained */ }
      continue;
    }
    const expected = itemSheet ? headersOf(layout, itemSheet) : name === REGION_SHEET ? [REGION_CODE, ...regionColumns().map((e) => e.title), PARENT_CODE] : undefined;
    const keys = itemSheet ? [REGION_CODE, layout.catalogCode.header] : [REGION_CODE];
    let columns: Map<string, number> | undefined;
    let keep: Set<string> | undefined;
    for await (const { number, cells } of sheet.rows) {
      if (cells.every((c) => c === null || textOf(c) === '')) continue;
      if (!columns) {
        columns = headerColumns(sheet.name, number, cells, expected, keys, input.problems);
        if (!columns) break;
        const given = columns;
        // Elements whose every column is left out of the 事项 sheet: an existing item file keeps its own.
        keep = new Set(elements.filter((e) => e.kind !== 'list' && e.key !== 'catalogCode' && !layout.item.columns.some((c) => c.path[0] === e.key && given.has(c.header))).map((e) => e.key));
        continue;
      }
      const cols = columns;
      const at = (header: string) => `${sheet.name}!${columnName(cols.get(header) ?? 0)}${number}`;
      const cellMap = new Map<string, Cell>();
      for (const [header, index] of cols) cellMap.set(header, cells[index] ?? null);
      if (name === ABOUT_SHEET) continue;
      const region = regionCodeOf(cellMap.get(REGION_CODE));
      if (region === undefined) {
        input.problems.push(problem(at(REGION_CODE), `区划代码 "${textOf(cellMap.get(REGION_CODE) ?? null)}" 不是 6、9 或 12 位数字代码`, `区划代码 "${textOf(cellMap.get(REGION_CODE) ?? null)}" is not a 6, 9 or 12-digit code`));
        continue;
      }
      if (!itemSheet) {
        readRegionRow(region, cellMap, at, input);
        continue;
      }
      const codeCell = cellMap.get(layout.catalogCode.header) ?? null;
      const code = valueOf(layout.catalogCode.element, codeCell);
      const where = at(layout.catalogCode.header);
      if ('problem' in code) {
        input.problems.push({ at: where, ...code.problem });
        continue;
      }
      const catalogCode = code.value as string;
      const key = itemKey(region, catalogCode);
      if (code.warning) input.problems.push({ at: where, ...code.warning, item: key });
      const problems: ImportProblem[] = [];
      const row = { cells: cellMap, at };
      if (itemSheet === layout.item) {
        if (items.has(key)) {
          input.problems.push(problem(`${sheet.name}!A${number}`, `事项 ${key} 重复（已见于 ${items.get(key)!.at}）`, `item ${key} appears twice (already at ${items.get(key)!.at})`, key));
          continue;
        }
        const item: Item = { catalogCode };
        readColumns(layout.item.columns, { cells: cellMap, at }, item, problems);
        items.set(key, { region, catalogCode, item, at: `${sheet.name}!A${number}`, ...(keep?.size ? { keep } : {}) });
      } else {
        const parentRef = itemSheet.parentRef === undefined ? '' : textOf(cellMap.get(itemSheet.parentRef) ?? null);
        const place = itemSheet.places.find((p) => (parentRef === '' ? !p.parent : p.parent)) ?? itemSheet.places[0]!;
        const orderCell = itemSheet.order ? cellMap.get(ORDER) ?? null : null;
        const order = orderCell === null || textOf(orderCell) === '' ? Number.POSITIVE_INFINITY : Number(textOf(orderCell));
        if (Number.isNaN(order)) problems.push(problem(at(ORDER), `序号 "${textOf(orderCell)}" 不是数字`, `序号 "${textOf(orderCell)}" is not a number`));
        const entry: Record<string, unknown> = {};
        readColumns(place.columns, row, entry, problems);
        pending.push({ key, sheet: itemSheet, place, ...(parentRef !== '' ? { parentRef } : {}), order, entry, at: `${sheet.name}!A${number}` });
      }
      for (const p of problems) input.problems.push({ ...p, item: key });
    }
    if (!columns && name !== ABOUT_SHEET) {
      if (name === ITEM_SHEET) input.problems.push(problem(`${sheet.name}!A1`, '「事项」工作表是空的', 'the 事项 sheet is empty'));
    }
  }
  if (!seen.has(ITEM_SHEET)) {
    input.problems.push(problem(`${ITEM_SHEET}!A1`, '工作簿中没有「事项」工作表，无法导入', `the workbook has no 事项 sheet: nothing to import`));
  }
  // A list sheet left out of the workbook: an existing item keeps those lists as they are (a new one has none).
  const missing = layout.lists.filter((s) => !seen.has(s.name));
  const keepLists = missing.flatMap((s) => s.places.filter((p) => !p.parent).map((p) => p.path[0]!));
  if (seen.has(ITEM_SHEET)) {
    for (const sheet of missing) {
      input.problems.push(problem(`${sheet.name}!A1`, `工作簿中没有「${sheet.name}」工作表：已有事项的这部分内容保持不变`, `the workbook has no ${sheet.name} sheet: existing items keep theirs as they are`, undefined, 'warning'));
    }
  }
  attachEntries(layout, items, pending, input.problems);
  for (const imported of items.values()) {
    if (keepLists.length > 0) imported.keep = new Set([...(imported.keep ?? []), ...keepLists]);
    for (const element of elements) {
      if (element.kind === 'list' && element.required && !Object.hasOwn(imported.item, element.key)) imported.item[element.key] = [];
    }
    imported.item = inSchemaOrder(imported.item, elements);
    input.items.push(imported);
  }
  return input;
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

function readRegionRow(code: string, cells: Map<string, Cell>, at: (header: string) => string, input: ImportInput): void {
  const data: Record<string, unknown> = { code };
  const problems: ImportProblem[] = [];
  for (const element of regionColumns()) {
    const cell = cells.get(element.title) ?? null;
    if (cell === null || textOf(cell) === '') continue;
    const value = valueOf(element, cell);
    if ('problem' in value) problems.push({ at: at(element.title), ...value.problem });
    else data[element.key] = value.value;
  }
  const parentCell = cells.get(PARENT_CODE) ?? null;
  const parent = parentCell === null || textOf(parentCell) === '' ? undefined : regionCodeOf(parentCell);
  if (parentCell !== null && textOf(parentCell) !== '' && parent === undefined) {
    problems.push(problem(at(PARENT_CODE), `上级区划代码 "${textOf(parentCell)}" 不是区划代码`, `上级区划代码 "${textOf(parentCell)}" is not a region code`));
  }
  if (input.regions.some((r) => r.code === code)) problems.push(problem(at(REGION_CODE), `区划 ${code} 重复`, `region ${code} appears twice`));
  input.problems.push(...problems.map((p) => ({ ...p, item: `region:${code}` })));
  if (problems.length === 0) input.regions.push({ code, ...(parent !== undefined ? { parent } : {}), data, at: at(REGION_CODE) });
}

function attachEntries(layout: ItemLayout, items: Map<string, ImportInput['items'][number]>, pending: PendingEntry[], problems: ImportProblem[]): void {
  // Entries of top-level lists first: the entries of lists inside them (handling items' materials) need them.
  pending.sort((a, b) => Number(a.place.parent !== undefined) - Number(b.place.parent !== undefined) || (a.order - b.order));
  const orders = new Map<string, Set<number>>();
  for (const p of pending) {
    const imported = items.get(p.key);
    if (!imported) {
      problems.push(problem(p.at, `事项 ${p.key} 不在「事项」工作表中`, `item ${p.key} has no row in the 事项 sheet`, p.key));
      continue;
    }
    const slot = `${p.key}|${p.sheet.name}|${p.parentRef ?? ''}`;
    if (Number.isFinite(p.order)) {
      const used = orders.get(slot) ?? new Set<number>();
      orders.set(slot, used);
      if (used.has(p.order)) {
        problems.push(problem(p.at, `${p.sheet.name} 中事项 ${p.key} 的序号 ${p.order} 重复`, `${p.sheet.name}: 序号 ${p.order} of item ${p.key} appears twice`, p.key));
        continue;
      }
      used.add(p.order);
    }
    let owner: Record<string, unknown> = imported.item;
    if (p.place.parent) {
      const parents = listAt(imported.item, p.place.parent.path);
      const index = parents.findIndex((entry, i) => entryRef(entry, i) === p.parentRef);
      if (index < 0 || !isObject(parents[index])) {
        problems.push(problem(p.at, `${p.sheet.parentRef} "${p.parentRef}" 在事项 ${p.key} 中不存在`, `${p.sheet.parentRef} "${p.parentRef}" does not exist in item ${p.key}`, p.key));
        continue;
      }
      owner = parents[index] as Record<string, unknown>;
    }
    const list = valueAt(owner, p.place.path);
    if (Array.isArray(list)) list.push(p.entry);
    else setAt(owner, p.place.path, [p.entry]);
  }
}

