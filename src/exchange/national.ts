// An item ⇄ the records of the national item exchange tables (exchange.md §2): 通用基本信息 (basic), 扩展信息
// (extend), 申请材料 (material), 业务办理项 (handle item) and 收费项目 (fee project), with coded values from
// codes.ts. What the national columns cannot carry losslessly goes into each record's `x_tongbiao`, found by
// decoding the columns again and keeping exactly the elements that came back different — so export then import
// gives back the same data by construction, and a record from another system (no x_tongbiao) still imports
// from its columns alone.
import { createHash } from 'node:crypto';
import type { Item } from '../catalog/types.js';
import { ITEM_TYPE_DIGITS } from '../schema/codes.js';
import { codeOf, codesOf, labelOf, labelsOf, type CodeTableName } from './codes.js';
import { isObject } from './sheets.js';
import { sameData } from '../levels/semantic-diff.js';

export type NationalRecord = Record<string, unknown> & { x_tongbiao?: Record<string, unknown> };

export interface ItemRecords {
  basic: NationalRecord;
  extend: NationalRecord;
  materials: NationalRecord[];
  handleItems: NationalRecord[];
  feeProjects: NationalRecord[];
}

/** The tables' names in the JSON export, in the order they are written. */
export const TABLES = {
  basic: 'task_basic',
  extend: 'task_extend',
  materials: 'task_material',
  handleItems: 'task_handle_item',
  feeProjects: 'task_fee_project',
} as const satisfies Record<keyof ItemRecords, string>;

export const X = 'x_tongbiao';
/** Separators of the text columns that join several entries (by_law, handle_flow, transact_addr …). */
const LIST_SEP = '；';
const FLOW_SEP = '→';

/** Synchronisation fields (filled on export, ignored on import). */
export interface SyncInfo {
  batch: string;
  time: string;
}

/** A stable GUID-shaped id from a name: the same taskCode gives the same row_guid/task_guid on every export. */
export function stableGuid(...parts: string[]): string {
  const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
};
const flag = (v: unknown): string | undefined => (typeof v === 'boolean' ? (codeOf('flags', v) as string) : undefined);
const unflag = (v: unknown): boolean | undefined => {
  const s = str(v)?.trim();
  return s === '1' ? true : s === '0' ? false : undefined;
};
const coded = (name: CodeTableName, v: unknown) => (typeof v === 'string' ? codeOf(name, v) : undefined);
const decoded = (name: CodeTableName, v: unknown) => {
  const s = str(v);
  return s === undefined || s.trim() === '' ? undefined : labelOf(name, s);
};
const codedSet = (name: CodeTableName, v: unknown) => (Array.isArray(v) ? codesOf(name, v) : undefined);
const decodedSet = (name: CodeTableName, v: unknown) => {
  const s = str(v);
  return s === undefined || s.trim() === '' ? undefined : labelsOf(name, s);
};
const joined = (v: unknown) => (Array.isArray(v) && v.every((e) => typeof e === 'string') ? v.join('、') : undefined);
const split = (v: unknown) => {
  const s = str(v);
  return s === undefined || s === '' ? undefined : s.split('、');
};

/** Drops undefined members; the result's keys keep their order. */
function compact<T extends Record<string, unknown>>(record: T): T {
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return record;
}

function limitColumns(limit: unknown, note: unknown, prefix: 'anticipate' | 'promise'): NationalRecord {
  const object = isObject(limit) ? limit : undefined;
  return {
    [`${prefix}_day`]: num(object?.days),
    [`${prefix}_type`]: coded('limitUnit', object?.unit),
    [`${prefix}_explain`]: str(note),
  };
}

function limitOf(record: NationalRecord, prefix: 'anticipate' | 'promise'): unknown {
  const days = num(record[`${prefix}_day`]);
  const unit = decoded('limitUnit', record[`${prefix}_type`]);
  if (days === undefined && unit === undefined) return undefined;
  return compact({ days, unit });
}

function basisText(basis: unknown): string | undefined {
  if (!Array.isArray(basis)) return undefined;
  return basis.map((b) => (isObject(b) ? `${str(b.law) ?? ''}${str(b.article) ?? ''}` : '')).join(LIST_SEP);
}

function basisOf(text: unknown): unknown {
  const s = str(text);
  if (!s) return undefined;
  return s.split(/[；;]/).filter((p) => p.trim() !== '').map((part) => {
    const m = /^(《[^》]+》)(.*)$/.exec(part.trim());
    return m ? compact({ law: m[1], article: m[2] === '' ? undefined : m[2] }) : { law: part.trim() };
  });
}

function stepsText(steps: unknown): string | undefined {
  if (!Array.isArray(steps)) return undefined;
  return steps.map((s) => (isObject(s) ? `${str(s.name) ?? ''}${typeof s.days === 'number' ? `（${s.days}天）` : ''}` : '')).join(FLOW_SEP);
}

function stepsOf(text: unknown): unknown {
  const s = str(text);
  if (!s) return undefined;
  return s.split(FLOW_SEP).map((part) => {
    const m = /^(.*)（(\d+)天）$/.exec(part);
    return m ? { name: m[1], days: Number(m[2]) } : { name: part };
  });
}

/** The records of one item; `x_tongbiao` not yet attached. */
function encode(region: RegionInfo, item: Item, sync: SyncInfo): ItemRecords {
  const taskCode = str(item.taskCode) ?? `${region.code}/${str(item.catalogCode) ?? ''}`;
  const taskGuid = stableGuid('task', taskCode);
  const syncFields = (kind: string, ...key: string[]) => ({
    row_guid: stableGuid(kind, taskCode, ...key),
    task_guid: taskGuid,
    cd_batch: sync.batch,
    cd_operation: 'I',
    cd_time: sync.time,
    data_source: 'tongbiao',
  });
  const dept = isObject(item.dept) ? item.dept : {};
  const fee = isObject(item.fee) ? item.fee : {};
  const result = isObject(item.result) ? item.result : {};
  const places = Array.isArray(item.places) ? item.places.filter(isObject) : [];
  const basic: NationalRecord = compact({
    ...syncFields('basic'),
    catalog_code: str(item.catalogCode),
    task_name: str(item.name),
    task_type: str(item.catalogCode)?.slice(2, 4),
    task_code: str(item.taskCode),
    local_catalog_code: str(item.localCatalogCode),
    local_task_code: str(item.localTaskCode),
    task_state: coded('status', item.status),
    task_version: num(item.version),
    plan_effective_date: str(item.effectiveDate),
    plan_cancel_date: str(item.cancelDate),
    use_level: codedSet('useLevel', item.useLevel),
    power_source: coded('powerSource', item.powerSource),
    dept_name: str(dept.name),
    dept_code: str(dept.creditCode),
    dept_type: coded('deptNature', dept.nature),
    entrust_name: str(dept.entrustedBy),
    server_type: codedSet('serviceObjects', item.serviceObjects),
    project_type: coded('caseType', item.caseType),
    ...limitColumns(item.statutoryLimit, item.statutoryLimitNote, 'anticipate'),
    ...limitColumns(item.promisedLimit, item.promisedLimitNote, 'promise'),
    limit_scene_num: num(item.visits),
    accept_condition: str(item.conditions),
    by_law: basisText(item.basis),
    handle_flow: stepsText(item.steps),
    is_fee: typeof fee.charged === 'boolean' ? codeOf('charged', fee.charged) : undefined,
    fee_basis: str(fee.basis),
    handle_type: codedSet('handlingForms', item.handlingForms),
    transact_addr: places.length ? places.map((p) => str(p.address) ?? '').join(LIST_SEP) : undefined,
    transact_time: places.length ? places.map((p) => str(p.hours) ?? '').join(LIST_SEP) : undefined,
    link_way: str(item.consultPhone),
    supervise_way: str(item.complaintPhone),
    special_procedure: Array.isArray(item.specialProcedures)
      ? item.specialProcedures.filter(isObject).map((p) => str(p.name) ?? '').join(LIST_SEP)
      : undefined,
    mobile_terminal_url: str(item.mobileUrl),
  });
  const extend: NationalRecord = compact({
    ...syncFields('extend'),
    limit_scene_explain: str(item.visitsReason),
    online_handle_depth: codedSet('onlineDepth', item.onlineDepth),
    handle_area: coded('handleArea', item.handleArea),
    is_entry_center: flag(item.inHall),
    is_express: flag(item.express),
    is_pay_online: flag(item.payOnline),
    is_schedule: flag(item.appointment),
    online_handle_url: str(item.onlineUrl),
    limit_explain: str(item.quantityLimit),
    other_dept: joined(item.jointDepts),
    service_type: Array.isArray(item.intermediaries) ? item.intermediaries.filter(isObject).map((i) => str(i.name) ?? '').join('、') : undefined,
    result_type: coded('resultType', result.type),
    result_name: str(result.name),
    result_guid: str(item.resultSample),
    town_code: region.town?.code,
    town_name: region.town?.name,
    village_code: region.village?.code,
    village_name: region.village?.name,
  });
  const materials: NationalRecord[] = [];
  const addMaterials = (list: unknown, handleItem?: string) => {
    if (!Array.isArray(list)) return;
    for (const [index, m] of list.entries()) {
      const material = isObject(m) ? m : {};
      materials.push(compact({
        ...syncFields('material', handleItem ?? '', String(index)),
        task_handle_item: handleItem,
        material_name: str(material.name),
        is_need: coded('necessity', material.necessity),
        material_type: coded('materialType', material.type),
        material_format: coded('materialFormat', material.format),
        page_num: num(material.originals ?? material.copies),
        source_type: coded('materialSource', material.source),
        source_explain: str(material.sourceNote),
        by_law: str(material.basis),
        accept_stand: str(material.standard),
        form_guid: str(material.blankForm),
        example_guid: str(material.example),
        order_num: index + 1,
      }));
    }
  };
  addMaterials(item.materials);
  const handleItems: NationalRecord[] = [];
  if (Array.isArray(item.handlingItems)) {
    for (const [index, h] of item.handlingItems.entries()) {
      const handling = isObject(h) ? h : {};
      const seq = str(handling.seq) ?? String(index + 1).padStart(2, '0');
      const code = `${str(item.taskCode) ?? ''}${seq}`;
      handleItems.push(compact({ ...syncFields('handle', seq), task_handle_item: code, handle_item_name: str(handling.name), order_num: index + 1 }));
      addMaterials(handling.materials, code);
    }
  }
  const feeProjects: NationalRecord[] = Array.isArray(fee.items)
    ? fee.items.map((f, index) => {
        const project = isObject(f) ? f : {};
        return compact({ ...syncFields('fee', String(index)), fee_name: str(project.name), fee_stand: str(project.standard), order_num: index + 1 });
      })
    : [];
  return { basic, extend, materials, handleItems, feeProjects };
}

/** The region an item belongs to, as the records carry it. */
export interface RegionInfo {
  code: string;
  name?: string;
  level?: string;
  town?: { code: string; name?: string };
  village?: { code: string; name?: string };
}

/** The item the records' columns give, with each record's x_tongbiao applied (it wins over the columns). */
export function decodeItem(records: ItemRecords): Item {
  const b = records.basic;
  const e = records.extend;
  const taskCode = str(b.task_code);
  const dept = compact({ name: str(b.dept_name), creditCode: str(b.dept_code), nature: decoded('deptNature', b.dept_type), entrustedBy: str(b.entrust_name) });
  const addresses = str(b.transact_addr)?.split(LIST_SEP);
  const hours = str(b.transact_time)?.split(LIST_SEP);
  const materialsOf = (handleItem: string | undefined) => {
    const own = records.materials.filter((m) => (str(m.task_handle_item) ?? undefined) === handleItem);
    own.sort((x, y) => (num(x.order_num) ?? 0) - (num(y.order_num) ?? 0));
    return own.map(decodeMaterial);
  };
  const feeItems = [...records.feeProjects]
    .sort((x, y) => (num(x.order_num) ?? 0) - (num(y.order_num) ?? 0))
    .map((f) => applyX(compact({ name: str(f.fee_name), standard: str(f.fee_stand) }), f));
  const charged = decoded('charged', b.is_fee);
  const fee = compact({ charged: charged === undefined ? undefined : charged === 'true', basis: str(b.fee_basis), items: feeItems.length ? feeItems : undefined });
  const handlingItems = [...records.handleItems]
    .sort((x, y) => (num(x.order_num) ?? 0) - (num(y.order_num) ?? 0))
    .map((h) => {
      const code = str(h.task_handle_item) ?? '';
      const seq = taskCode !== undefined && code.startsWith(taskCode) ? code.slice(taskCode.length) : code.slice(-2);
      const materials = materialsOf(code);
      return applyX(compact({ seq, name: str(h.handle_item_name), materials: materials.length ? materials : undefined }), h);
    });
  const result = compact({ type: decoded('resultType', e.result_type), name: str(e.result_name) });
  const materials = materialsOf(undefined);
  const item: Item = compact({
    catalogCode: str(b.catalog_code),
    name: str(b.task_name),
    basis: basisOf(b.by_law),
    useLevel: decodedSet('useLevel', b.use_level),
    status: decoded('status', b.task_state),
    version: num(b.task_version),
    effectiveDate: str(b.plan_effective_date),
    cancelDate: str(b.plan_cancel_date),
    taskCode,
    localCatalogCode: str(b.local_catalog_code),
    localTaskCode: str(b.local_task_code),
    powerSource: decoded('powerSource', b.power_source),
    dept: Object.keys(dept).length ? dept : undefined,
    jointDepts: split(e.other_dept),
    serviceObjects: decodedSet('serviceObjects', b.server_type),
    caseType: decoded('caseType', b.project_type),
    statutoryLimit: limitOf(b, 'anticipate'),
    statutoryLimitNote: str(b.anticipate_explain),
    promisedLimit: limitOf(b, 'promise'),
    promisedLimitNote: str(b.promise_explain),
    specialProcedures: str(b.special_procedure) ? str(b.special_procedure)!.split(LIST_SEP).map((name) => ({ name })) : undefined,
    visits: num(b.limit_scene_num),
    visitsReason: str(e.limit_scene_explain),
    conditions: str(b.accept_condition),
    quantityLimit: str(e.limit_explain),
    materials: materials.length ? materials : records.materials.length === 0 ? [] : undefined,
    steps: stepsOf(b.handle_flow),
    intermediaries: str(e.service_type) ? str(e.service_type)!.split('、').map((name) => ({ name })) : undefined,
    fee: Object.keys(fee).length ? fee : undefined,
    handlingForms: decodedSet('handlingForms', b.handle_type),
    onlineDepth: decodedSet('onlineDepth', e.online_handle_depth),
    onlineUrl: str(e.online_handle_url),
    mobileUrl: str(b.mobile_terminal_url),
    express: unflag(e.is_express),
    payOnline: unflag(e.is_pay_online),
    appointment: unflag(e.is_schedule),
    inHall: unflag(e.is_entry_center),
    handleArea: decoded('handleArea', e.handle_area),
    places: addresses?.map((address, i) => compact({ address, hours: hours?.[i] === '' ? undefined : hours?.[i] })),
    consultPhone: str(b.link_way),
    complaintPhone: str(b.supervise_way),
    result: Object.keys(result).length ? result : undefined,
    resultSample: str(e.result_guid),
    handlingItems: handlingItems.length ? handlingItems : undefined,
  });
  // task_type is the two type digits of the catalog code (exchange.md §2).
  const typeLabel = typeOfDigits(str(b.task_type) ?? str(b.catalog_code)?.slice(2, 4));
  if (typeLabel !== undefined) item.type = typeLabel;
  applyX(item, b);
  applyX(item, e);
  return item;
}

function decodeMaterial(record: NationalRecord): Record<string, unknown> {
  const type = decoded('materialType', record.material_type);
  const pages = num(record.page_num);
  return applyX(
    compact({
      name: str(record.material_name),
      necessity: decoded('necessity', record.is_need),
      type,
      format: decoded('materialFormat', record.material_format),
      originals: type === '原件' ? pages : undefined,
      copies: type !== '原件' ? pages : undefined,
      source: decoded('materialSource', record.source_type),
      sourceNote: str(record.source_explain),
      basis: str(record.by_law),
      standard: str(record.accept_stand),
      blankForm: str(record.form_guid),
      example: str(record.example_guid),
    }),
    record,
  );
}

const TYPE_OF_DIGITS = new Map<string, string>(Object.entries(ITEM_TYPE_DIGITS).map(([label, digits]) => [digits, label]));
/** 事项类型 from its two digits, by the schema's code set. */
function typeOfDigits(digits: string | undefined): string | undefined {
  return digits === undefined ? undefined : TYPE_OF_DIGITS.get(digits);
}

/** x_tongbiao wins: a null member removes what the columns gave. */
function applyX<T extends Record<string, unknown>>(target: T, record: NationalRecord): T {
  const x = record[X];
  if (!isObject(x)) return target;
  for (const [key, value] of Object.entries(x)) {
    if (key === 'region') continue;
    if (value === null) delete target[key];
    else (target as Record<string, unknown>)[key] = value;
  }
  return target;
}

/** What `decoded` lacks or has differently from `original`, as an x_tongbiao object (null: remove). */
function difference(original: Record<string, unknown>, decodedValue: Record<string, unknown>): Record<string, unknown> | undefined {
  const x: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(original)) if (!sameData(value, decodedValue[key])) x[key] = value;
  for (const key of Object.keys(decodedValue)) if (!Object.hasOwn(original, key)) x[key] = null;
  return Object.keys(x).length ? x : undefined;
}

/**
 * The records of an item with x_tongbiao attached wherever the columns lose something: on each material, fee
 * project and handling item for its own members, on the basic record for the rest (and always the region).
 */
export function encodeItem(region: RegionInfo, item: Item, sync: SyncInfo): ItemRecords {
  const records = encode(region, item, sync);
  const attach = (record: NationalRecord, original: Record<string, unknown>, decodedValue: Record<string, unknown>) => {
    const x = difference(original, decodedValue);
    if (x) record[X] = x;
  };
  const materialLists: Array<[unknown, string | undefined]> = [[item.materials, undefined]];
  if (Array.isArray(item.handlingItems)) {
    for (const [i, h] of item.handlingItems.entries()) {
      if (isObject(h)) materialLists.push([h.materials, records.handleItems[i]?.task_handle_item as string]);
    }
  }
  for (const [list, handleItem] of materialLists) {
    if (!Array.isArray(list)) continue;
    const own = records.materials.filter((m) => m.task_handle_item === handleItem);
    for (const [i, m] of list.entries()) if (own[i] && isObject(m)) attach(own[i]!, m, decodeMaterial(own[i]!));
  }
  const fee = isObject(item.fee) ? item.fee : {};
  if (Array.isArray(fee.items)) {
    for (const [i, f] of fee.items.entries()) {
      const record = records.feeProjects[i]!;
      if (isObject(f)) attach(record, f, { name: record.fee_name, standard: record.fee_stand });
    }
  }
  if (Array.isArray(item.handlingItems)) {
    for (const [i, h] of item.handlingItems.entries()) {
      const record = records.handleItems[i]!;
      if (!isObject(h)) continue;
      const { materials: _m, ...own } = h;
      const back = decodeItem({ ...records, handleItems: [record] }).handlingItems as Array<Record<string, unknown>> | undefined;
      const { materials: _dm, ...decodedOwn } = back?.[0] ?? {};
      attach(record, own, decodedOwn);
    }
  }
  const x = difference(item, decodeItem(records)) ?? {};
  records.basic[X] = { region: compact({ code: region.code, name: region.name, level: region.level }), ...x };
  return records;
}

/** The region an item's records name: x_tongbiao.region, else the village or township columns. */
export function regionOfRecords(records: ItemRecords): string | undefined {
  const x = records.basic[X];
  const region = isObject(x) && isObject(x.region) ? str(x.region.code) : undefined;
  return region ?? str(records.extend.village_code) ?? str(records.extend.town_code);
}
