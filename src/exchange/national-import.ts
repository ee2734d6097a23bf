// The national item exchange tables as JSON → items and regions: the grouped form tongbiao exports (records by
// table, joined by task_guid) and the flattened form many provincial systems give (one object per item with
// the basic and extended columns and its materials, handling items and fee projects nested). x_tongbiao wins
// where present; synchronisation fields are ignored. A code no code table knows is a problem at
// `table[n].field`.
//
// The file is read as a stream (json-stream.ts), a record at a time, so memory does not grow with the file: the
// grouped form's records are staged in a spill file and put together an item at a time (national-grouped.ts)
// once the whole file has been read — its tables may come in any order; the flattened form's records are items
// already and are handed on as they are read.
import type { Message } from '../catalog/types.js';
import { unknownCodes } from './codes.js';
import { itemElements, type Element } from './elements.js';
import { inSchemaOrder, itemKey, problem, regionCodeOf, type ImportedItem, type ImportedRegion, type ImportInput, type ImportProblem } from './import-input.js';
import { detached, jsonValues, NotJson, type JsonPath, type JsonValue, type Visit } from './json-stream.js';
import { GroupedTables, type Located, type TableKind } from './national-grouped.js';
import { decodeItem, regionOfRecords, TABLES, X, type NationalRecord } from './national.js';
import { isObject } from './sheets.js';

/** A file that is not exchange JSON at all: exit 2. */
export class NotExchangeJson extends Error {}

/** Names the flattened form uses for an item's child records. */
const NESTED: Record<'materials' | 'handleItems' | 'feeProjects', readonly string[]> = {
  materials: ['materials', 'material', TABLES.materials],
  handleItems: ['handle_items', 'handle_item', TABLES.handleItems],
  feeProjects: ['fee_projects', 'fee_project', TABLES.feeProjects],
};
const NESTED_NAMES = new Set(Object.values(NESTED).flat());
/** Keys of a document object whose list holds the flattened form's records. */
const FLAT_LISTS = ['data', 'records', 'items'];
const KIND_OF_TABLE = new Map(Object.entries(TABLES).map(([kind, table]) => [table as string, kind as TableKind]));

/** An exchange JSON file read: its regions and the problems of reading it now, the items as they are read. */
export async function readExchangeJson(file: string, defaultRegion?: string): Promise<ImportInput> {
  const problems: ImportProblem[] = [];
  const regions: ImportedRegion[] = [];
  let form: 'grouped' | 'flattened' | undefined;
  /** the path of the flattened form's list: [] for a document that is the list, ['data'] … */
  let list: JsonPath | undefined;
  const visit: Visit = (path, kind) => {
    if (path.length === 0) {
      if (kind === 'array') [form, list] = ['flattened', []];
      return kind === 'scalar' ? 'skip' : 'enter';
    }
    if (form === 'flattened') return path.length === list!.length + 1 && list!.every((key, i) => path[i] === key) ? 'whole' : 'skip';
    const [top, table] = path;
    if (path.length === 1) {
      if (top === X) return 'whole';
      if (form === undefined && top === 'tables' && kind === 'object') form = 'grouped';
      else if (form === undefined && FLAT_LISTS.includes(top as string) && kind === 'array') [form, list] = ['flattened', path];
      else return 'skip';
      return 'enter';
    }
    if (top !== 'tables' || form !== 'grouped') return 'skip';
    if (path.length === 3) return 'whole';
    if (!KIND_OF_TABLE.has(table as string)) {
      const known = Object.values(TABLES);
      problems.push(problem(`tables.${table}`, `未知的表 ${table}（可用：${known.join('、')}）`, `unknown table ${table} (known: ${known.join(', ')})`));
      return 'skip';
    }
    if (kind === 'array') return 'enter';
    problems.push(problem(`${table}`, `${table} 应为记录列表`, `${table} must be a list of records`));
    return 'skip';
  };

  const values = exchangeValues(file, visit);
  let grouped: GroupedTables | undefined;
  let x: unknown;
  try {
    for (;;) {
      const next = await values.next();
      if (next.done) break;
      const batch = next.value;
      if (form === 'flattened') {
        const items = toItems(flattened(resume(batch, values), list!.length, problems), defaultRegion, problems);
        return { items, regions, problems };
      }
      for (const { path, value } of batch) {
        if (path[0] === X) x = value;
        else if (record(value, `${path[1]}[${path[2]}]`, problems)) (grouped ??= new GroupedTables(problems)).add(KIND_OF_TABLE.get(path[1] as string)!, path[2] as number, value);
      }
    }
    if (form === undefined) throw new NotExchangeJson('neither exchange tables ({ "tables": … }) nor a list of item records');
  } catch (error) {
    grouped?.close();
    throw error;
  }
  const tables = grouped ?? new GroupedTables(problems);
  tables.finish();
  if (isObject(x) && Array.isArray(x.regions)) regions.push(...regionsOf(x.regions, problems));
  return { items: toItems(tables.items(), defaultRegion, problems), regions, problems };
}

/** The file's values as json-stream reads them; a file that is not JSON is not exchange JSON. */
async function* exchangeValues(file: string, visit: Visit): AsyncGenerator<JsonValue[]> {
  try {
    yield* jsonValues(file, visit);
  } catch (error) {
    throw error instanceof NotJson ? new NotExchangeJson(`not JSON (${error.message})`) : error;
  }
}

/** The values of a batch already read, then the rest. */
async function* resume(batch: JsonValue[], rest: AsyncGenerator<JsonValue[]>): AsyncGenerator<JsonValue> {
  yield* batch;
  for await (const more of rest) yield* more;
}

function record(value: unknown, at: string, problems: ImportProblem[]): value is NationalRecord {
  if (isObject(value)) return true;
  problems.push(problem(at, '不是记录（JSON 对象）', 'not a record (a JSON object)'));
  return false;
}

function regionsOf(list: unknown[], problems: ImportProblem[]): ImportedRegion[] {
  const regions: ImportedRegion[] = [];
  for (const [i, r] of list.entries()) {
    const at = `${X}.regions[${i}]`;
    const code = isObject(r) ? regionCodeOf(r.code) : undefined;
    if (!isObject(r) || code === undefined) {
      problems.push(problem(at, '区划记录缺少有效的 code', 'region record without a valid code'));
      continue;
    }
    const { parent, ...own } = r;
    regions.push({ code, ...(typeof parent === 'string' ? { parent } : {}), data: own, at });
  }
  return regions;
}

/** The flattened form's records (the elements of the list at `depth`), each with its nested child records. */
async function* flattened(values: AsyncIterable<JsonValue>, depth: number, problems: ImportProblem[]): AsyncGenerator<Located> {
  for await (const { path, value } of values) {
    if (path.length !== depth + 1) continue;
    const at = `[${path[depth]}]`;
    if (!record(value, at, problems)) continue;
    const where = new Map<NationalRecord, string>([[value, at]]);
    const nested = (kind: keyof typeof NESTED) => {
      const name = NESTED[kind].find((n) => Array.isArray(value[n]));
      if (name === undefined) return [];
      return (value[name] as unknown[]).filter((child, j): child is NationalRecord => {
        const childAt = `${at}.${name}[${j}]`;
        if (record(child, childAt, problems)) where.set(child, childAt);
        return isObject(child);
      });
    };
    const own = Object.fromEntries(Object.entries(value).filter(([k]) => !NESTED_NAMES.has(k))) as NationalRecord;
    where.set(own, at);
    yield { at, where, problems: [], records: { basic: own, extend: own, materials: nested('materials'), handleItems: nested('handleItems'), feeProjects: nested('feeProjects') } };
  }
}

/** Items from their records, each item's problems in `problems` before it is yielded; a repeated item is left out. */
async function* toItems(located: AsyncIterable<Located>, defaultRegion: string | undefined, problems: ImportProblem[]): AsyncGenerator<ImportedItem> {
  const elements = itemElements();
  const seen = new Map<string, string>();
  for await (const one of located) {
    const item = toItem(one, defaultRegion, elements, seen, problems);
    if (item) yield item;
  }
}

function toItem({ records, at, where, problems: own }: Located, defaultRegion: string | undefined, elements: readonly Element[], seen: Map<string, string>, problems: ImportProblem[]): ImportedItem | undefined {
  // kept by the import for its report (the flattened form's records are read straight from the file)
  const found = regionOfRecords(records);
  const region = found === undefined ? defaultRegion : detached(found);
  for (const record of [records.basic, records.extend, ...records.materials, ...records.handleItems, ...records.feeProjects]) {
    for (const { field, code, known } of unknownCodes(record)) {
      own.push(problem(`${where.get(record) ?? at}.${field}`, `代码 "${code}" 不在代码表中（可选：${known.join('、')}）`, `code "${code}" is not in the code table (one of: ${known.join(', ')})`));
    }
  }
  const item = decodeItem(records);
  const catalogCode = typeof item.catalogCode === 'string' ? detached(item.catalogCode) : undefined;
  if (region === undefined || catalogCode === undefined) {
    const what: Message = region === undefined
      ? { zh: '记录未指明区划（x_tongbiao.region、village_code、town_code 都没有）：用 --region 指定', en: 'the record names no region (no x_tongbiao.region, village_code or town_code): give --region' }
      : { zh: '记录缺少 catalog_code', en: 'the record has no catalog_code' };
    problems.push(...own, { at, severity: 'error', message: what });
    return undefined;
  }
  const key = itemKey(region, catalogCode);
  const first = seen.get(key);
  if (first !== undefined) own.push(problem(at, `事项 ${key} 重复（已见于 ${first}）`, `item ${key} appears twice (already at ${first})`));
  problems.push(...own.map((p) => ({ ...p, item: key })));
  if (first !== undefined) return undefined;
  seen.set(key, at);
  return { region, catalogCode, item: inSchemaOrder(item, elements), at };
}
