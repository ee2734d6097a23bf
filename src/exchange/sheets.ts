// The workbook layout of exchange.md §1, derived from the schema's elements: which sheets there are, their
// columns and headers, how an item spreads over rows of those sheets and how rows become an item again.
// Pure: no workbook library here — cells are plain values (string, number, boolean, Date) so the reader and
// writer modules are the only ones that know the xlsx library.
import type { Item } from '../catalog/types.js';
import { itemElements, type Element } from './elements.js';
import { cellOf, valueOf, type Cell, type CellProblem } from './cells.js';

/** Header of the region-code key column of every item sheet (exchange.md §1). */
export const REGION_CODE = '区划代码';
/** Header of the order column of every list sheet. */
export const ORDER = '序号';
/** The item sheet's name. */
export const ITEM_SHEET = '事项';
/** Joins an object's title and a member's title when the member's does not already say whose it is. */
const MEMBER_SEP = '·';

export interface Column {
  header: string;
  /** key path from the row's object (the item, or the list entry) to the value */
  path: readonly string[];
  element: Element;
  /** set on the first member column of an object that may be a plain string instead (statutoryLimit: 无) */
  literals?: readonly string[];
}

/** Where a list sheet's rows come from in an item. */
export interface ListPlace {
  /** key path of the list from the item, or from the parent list's entry when `parent` is set */
  path: readonly string[];
  /** the list inside whose entries this list sits (业务办理项), if any */
  parent?: ListPlace;
  element: Element;
  columns: Column[];
  /** for each column of the place's sheet, the place's own column of that header (the sheet's other places' are empty) */
  sheetColumns: Array<Column | undefined>;
}

export interface SheetLayout {
  name: string;
  /** key columns after 区划代码 and 基本编码 / the parent reference */
  parentRef?: string;
  /** the order column, when the entries have no member of that title */
  order: boolean;
  columns: Column[];
  places: ListPlace[];
}

export interface ItemLayout {
  catalogCode: Column;
  /** the item sheet: 区划代码, 基本编码, then every scalar element and object member */
  item: SheetLayout;
  /** one sheet per list element title, in the schema's order */
  lists: SheetLayout[];
  elements: Element[];
}

/** The layout for a schema's elements (default: the published item schema). */
export function itemLayout(elements: Element[] = itemElements()): ItemLayout {
  const catalogElement = elements.find((e) => e.key === 'catalogCode');
  if (!catalogElement) throw new Error('the item schema has no catalogCode');
  const catalogCode: Column = { header: catalogElement.title, path: ['catalogCode'], element: catalogElement };
  const sheets = new Map<string, SheetLayout>();
  const places: ListPlace[] = [];
  const spread = (members: readonly Element[], at: readonly string[], prefix: string | undefined, parent: ListPlace | undefined): Column[] => {
    const columns: Column[] = [];
    for (const element of members) {
      const path = [...at, element.key];
      const header = prefix === undefined || element.title.startsWith(prefix) ? element.title : `${prefix}${MEMBER_SEP}${element.title}`;
      if (element.kind === 'object') {
        const members = spread(element.members ?? [], path, element.title, parent);
        // statutoryLimit may be 无 instead of an object: the first member's cell holds the literal then.
        if (element.literals && members[0]) members[0].literals = element.literals;
        columns.push(...members);
      } else if (element.kind === 'list') {
        const place: ListPlace = { path, element, columns: [], sheetColumns: [] };
        if (parent) place.parent = parent;
        place.columns = spread(element.members ?? [], [], undefined, place);
        places.push(place);
      } else {
        columns.push({ header, path, element });
      }
    }
    return columns;
  };
  const itemColumns = spread(elements, [], undefined, undefined).filter((c) => c.path.join('.') !== 'catalogCode');
  for (const place of places) {
    const name = place.element.title;
    let sheet = sheets.get(name);
    if (!sheet) sheets.set(name, (sheet = { name, order: true, columns: [], places: [] }));
    sheet.places.push(place);
    if (place.parent) sheet.parentRef = `${place.parent.element.title}${ORDER}`;
    for (const column of place.columns) if (!sheet.columns.some((c) => c.header === column.header)) sheet.columns.push(column);
    if (sheet.columns.some((c) => c.header === ORDER)) sheet.order = false;
  }
  for (const sheet of sheets.values()) {
    for (const place of sheet.places) place.sheetColumns = sheet.columns.map((c) => place.columns.find((own) => own.header === c.header));
  }
  return {
    catalogCode,
    item: { name: ITEM_SHEET, order: false, columns: itemColumns, places: [] },
    lists: [...sheets.values()],
    elements,
  };
}

/** Headers of a sheet, key columns first. */
export function headersOf(layout: ItemLayout, sheet: SheetLayout): string[] {
  const keys = [REGION_CODE, layout.catalogCode.header];
  if (sheet === layout.item) return [...keys, ...sheet.columns.map((c) => c.header)];
  return [...keys, ...(sheet.parentRef ? [sheet.parentRef] : []), ...(sheet.order ? [ORDER] : []), ...sheet.columns.map((c) => c.header)];
}

/** A list entry's reference for the rows of lists inside it: its `seq` when it has one, else its 1-based position. */
export function entryRef(entry: unknown, index: number): string {
  const seq = isObject(entry) ? entry.seq : undefined;
  return typeof seq === 'string' || typeof seq === 'number' ? String(seq) : String(index + 1);
}

/** The rows an item gives each sheet (sheet name → rows of cells in header order). */
export function itemRows(layout: ItemLayout, region: string, item: Item): Map<string, Cell[][]> {
  const out = new Map<string, Cell[][]>();
  const code = cellOf(layout.catalogCode.element, item.catalogCode);
  out.set(ITEM_SHEET, [[region, code, ...layout.item.columns.map((c) => columnCell(c, item))]]);
  for (const sheet of layout.lists) {
    const rows: Cell[][] = [];
    for (const place of sheet.places) {
      const owners: Array<{ ref?: string; owner: unknown }> = place.parent
        ? listAt(item, place.parent.path).map((entry, i) => ({ ref: entryRef(entry, i), owner: entry }))
        : [{ owner: item }];
      for (const { ref, owner } of owners) {
        for (const [index, entry] of listAt(owner, place.path).entries()) {
          const row: Cell[] = [region, code];
          if (sheet.parentRef) row.push(ref ?? '');
          if (sheet.order) row.push(index + 1);
          for (const own of place.sheetColumns) row.push(own ? columnCell(own, entry) : '');
          rows.push(row);
        }
      }
    }
    out.set(sheet.name, rows);
  }
  return out;
}

function columnCell(column: Column, owner: unknown): Cell {
  if (column.path.length > 1) {
    const parent = valueAt(owner, column.path.slice(0, -1));
    if (typeof parent === 'string') return column.literals ? parent : '';
  }
  return cellOf(column.element, valueAt(owner, column.path));
}

/** An item's data gathered from the rows of its sheets, with the problems of cells that could not be read. */
export interface RowValues {
  /** the cell under a header (null when empty), undefined when the sheet has no such column */
  cell: (header: string) => Cell | undefined;
  /** where each header's cell is, for reports (`申请材料!D17`) */
  at: (header: string) => string;
}

/**
 * Sets the values of `columns` read from a row onto `target`. Objects are made when a member has a value;
 * the literal of an object (无) in its first member's cell becomes the object's value.
 */
export function readColumns(columns: readonly Column[], row: RowValues, target: Record<string, unknown>, problems: CellProblem[]): void {
  for (const column of columns) {
    const cell = row.cell(column.header);
    if (cell === undefined || cell === null || cell === '') continue;
    const owner = column.path.slice(0, -1);
    if (column.literals && typeof cell === 'string' && column.literals.includes(cell.trim())) {
      setAt(target, owner, cell.trim());
      continue;
    }
    const result = valueOf(column.element, cell);
    if ('problem' in result) {
      problems.push({ at: row.at(column.header), ...result.problem });
      continue;
    }
    if (result.warning) problems.push({ at: row.at(column.header), ...result.warning });
    if (owner.length > 0 && typeof valueAt(target, owner) === 'string') continue;
    setAt(target, column.path, result.value);
  }
}

export function listAt(owner: unknown, path: readonly string[]): unknown[] {
  const value = valueAt(owner, path);
  return Array.isArray(value) ? value : [];
}

export function valueAt(owner: unknown, path: readonly string[]): unknown {
  let value = owner;
  for (const key of path) value = isObject(value) ? value[key] : undefined;
  return value;
}

export function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let owner = target;
  for (const key of path.slice(0, -1)) {
    const next = owner[key];
    if (!isObject(next)) owner[key] = {};
    owner = owner[key] as Record<string, unknown>;
  }
  owner[path[path.length - 1]!] = value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
