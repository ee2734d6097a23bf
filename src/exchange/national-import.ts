// The national item exchange tables as JSON → items and regions: the grouped form tongbiao exports (records by
// table, joined by task_guid) and the flattened form many provincial systems give (one object per item with
// the basic and extended columns and its materials, handling items and fee projects nested). x_tongbiao wins
// where present; synchronisation fields are ignored. A code no code table knows is a problem at
// `table[n].field`.
import { readFileSync, statSync } from 'node:fs';
import type { Message } from '../catalog/types.js';
import { unknownCodes } from './codes.js';
import { itemElements } from './elements.js';
import { inSchemaOrder, itemKey, problem, regionCodeOf, type ImportedItem, type ImportedRegion, type ImportInput, type ImportProblem } from './import-input.js';
import { decodeItem, regionOfRecords, TABLES, X, type ItemRecords, type NationalRecord } from './national.js';
import { isObject } from './sheets.js';

/** A file that is not exchange JSON at all: exit 2. */
export class NotExchangeJson extends Error {}

/** JSON is parsed whole: a larger file is refused rather than exhausting memory. */
const MAX_JSON_BYTES = 1 << 30;

/** Names the flattened form uses for an item's child records. */
const NESTED: Record<'materials' | 'handleItems' | 'feeProjects', readonly string[]> = {
  materials: ['materials', 'material', TABLES.materials],
  handleItems: ['handle_items', 'handle_item', TABLES.handleItems],
  feeProjects: ['fee_projects', 'fee_project', TABLES.feeProjects],
};

interface Located {
  records: ItemRecords;
  /** `task_basic[3]` */
  at: string;
  /** where each record is, for problems */
  where: Map<NationalRecord, string>;
}

export async function readExchangeJson(file: string, defaultRegion?: string): Promise<ImportInput> {
  if (statSync(file).size > MAX_JSON_BYTES) throw new NotExchangeJson(`larger than ${MAX_JSON_BYTES} bytes`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new NotExchangeJson(`not JSON (${(error as Error).message})`);
  }
  const input = { items: [] as ImportedItem[], regions: [] as ImportedRegion[], problems: [] as ImportProblem[] };
  let located: Located[];
  if (isObject(data) && isObject(data.tables)) {
    located = grouped(data.tables, input);
    const x = data[X];
    if (isObject(x) && Array.isArray(x.regions)) {
      for (const [i, r] of x.regions.entries()) {
        const code = isObject(r) ? regionCodeOf(r.code) : undefined;
        if (!isObject(r) || code === undefined) {
          input.problems.push(problem(`${X}.regions[${i}]`, '区划记录缺少有效的 code', 'region record without a valid code'));
          continue;
        }
        const { parent, ...own } = r;
        input.regions.push({ code, ...(typeof parent === 'string' ? { parent } : {}), data: own, at: `${X}.regions[${i}]` });
      }
    }
  } else {
    const list = Array.isArray(data) ? data : isObject(data) ? (data.data ?? data.records ?? data.items) : undefined;
    if (!Array.isArray(list)) throw new NotExchangeJson('neither exchange tables ({ "tables": … }) nor a list of item records');
    located = flattened(list, input);
  }

  const elements = itemElements();
  const seen = new Map<string, string>();
  for (const { records, at, where } of located) {
    const region = regionOfRecords(records) ?? defaultRegion;
    const own: ImportProblem[] = [];
    for (const record of [records.basic, records.extend, ...records.materials, ...records.handleItems, ...records.feeProjects]) {
      for (const { field, code, known } of unknownCodes(record)) {
        own.push(problem(`${where.get(record) ?? at}.${field}`, `代码 "${code}" 不在代码表中（可选：${known.join('、')}）`, `code "${code}" is not in the code table (one of: ${known.join(', ')})`));
      }
    }
    const item = decodeItem(records);
    const catalogCode = typeof item.catalogCode === 'string' ? item.catalogCode : undefined;
    if (region === undefined || catalogCode === undefined) {
      const what: Message = region === undefined
        ? { zh: '记录未指明区划（x_tongbiao.region、village_code、town_code 都没有）：用 --region 指定', en: 'the record names no region (no x_tongbiao.region, village_code or town_code): give --region' }
        : { zh: '记录缺少 catalog_code', en: 'the record has no catalog_code' };
      input.problems.push(...own, { at, severity: 'error', message: what });
      continue;
    }
    const key = itemKey(region, catalogCode);
    if (seen.has(key)) own.push(problem(at, `事项 ${key} 重复（已见于 ${seen.get(key)}）`, `item ${key} appears twice (already at ${seen.get(key)})`));
    input.problems.push(...own.map((p) => ({ ...p, item: key })));
    if (seen.has(key)) continue;
    seen.set(key, at);
    input.items.push({ region, catalogCode, item: inSchemaOrder(item, elements), at });
  }
  return input;
}

function records(value: unknown, table: string, input: ImportInput): NationalRecord[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    input.problems.push(problem(table, `${table} 应为记录列表`, `${table} must be a list of records`));
    return [];
  }
  return value.filter((r, i) => {
    if (isObject(r)) return true;
    input.problems.push(problem(`${table}[${i}]`, '不是记录（JSON 对象）', 'not a record (a JSON object)'));
    return false;
  }) as NationalRecord[];
}

function grouped(tables: Record<string, unknown>, input: ImportInput): Located[] {
  const known = Object.values(TABLES) as string[];
  for (const name of Object.keys(tables)) {
    if (!known.includes(name)) input.problems.push(problem(`tables.${name}`, `未知的表 ${name}（可用：${known.join('、')}）`, `unknown table ${name} (known: ${known.join(', ')})`));
  }
  const where = new Map<NationalRecord, string>();
  const byTask = <T extends NationalRecord>(table: string): Map<string, T[]> => {
    const out = new Map<string, T[]>();
    for (const [i, r] of records(tables[table], table, input).entries()) {
      where.set(r, `${table}[${i}]`);
      const task = String(r.task_guid ?? r.task_code ?? '');
      const list = out.get(task) ?? [];
      out.set(task, list);
      list.push(r as T);
    }
    return out;
  };
  const extend = byTask(TABLES.extend);
  const materials = byTask(TABLES.materials);
  const handleItems = byTask(TABLES.handleItems);
  const feeProjects = byTask(TABLES.feeProjects);
  return records(tables[TABLES.basic], TABLES.basic, input).map((basic, i) => {
    const task = String(basic.task_guid ?? basic.task_code ?? '');
    const at = `${TABLES.basic}[${i}]`;
    where.set(basic, at);
    return {
      at,
      where,
      records: {
        basic,
        extend: extend.get(task)?.[0] ?? {},
        materials: materials.get(task) ?? [],
        handleItems: handleItems.get(task) ?? [],
        feeProjects: feeProjects.get(task) ?? [],
      },
    };
  });
}

function flattened(list: unknown[], input: ImportInput): Located[] {
  const out: Located[] = [];
  for (const [i, record] of list.entries()) {
    const at = `[${i}]`;
    if (!isObject(record)) {
      input.problems.push(problem(at, '不是记录（JSON 对象）', 'not a record (a JSON object)'));
      continue;
    }
    const where = new Map<NationalRecord, string>([[record as NationalRecord, at]]);
    const nested = (kind: keyof typeof NESTED) => {
      const name = NESTED[kind].find((n) => Array.isArray(record[n]));
      const children = name === undefined ? [] : records(record[name], `${at}.${name}`, input);
      children.forEach((c, j) => where.set(c, `${at}.${name}[${j}]`));
      return children;
    };
    const own = Object.fromEntries(Object.entries(record).filter(([k]) => !Object.values(NESTED).flat().includes(k))) as NationalRecord;
    where.set(own, at);
    out.push({ at, where, records: { basic: own, extend: own, materials: nested('materials'), handleItems: nested('handleItems'), feeProjects: nested('feeProjects') } });
  }
  return out;
}
