// A generated item as plain data (format v2), before the region's local elements (dept, taskCode, places,
// phones, service hall, URLs) are filled in: the same object is the province's baseline and what a city or
// county copies. render.ts writes it as v2, or as v1 for the tests of `tongbiao migrate`.
import type { ItemType } from '../schema/codes.js';

export type Unit = '工作日' | '自然日';

export interface Limit {
  days: number;
  unit: Unit;
}

export interface Material {
  name: string;
  necessity: '必要' | '非必要';
  /** 容缺受理: may be handed in after acceptance */
  deferrable?: true;
  type: '原件' | '复印件' | '原件和复印件' | '原件或复印件';
  format: '纸质' | '电子' | '纸质和电子' | '纸质或电子';
  originals?: number;
  copies?: number;
  source: '申请人自备' | '政府部门核发' | '其他';
  note?: string;
  blankForm?: string;
  example?: string;
}

export interface HandlingItem {
  seq: string;
  name: string;
  materials?: Material[];
  promisedLimit?: Limit;
}

export interface Step {
  name: string;
  days: number;
}

export type Fee = { charged: false } | { charged: true; basis: string; items: Array<{ name: string; standard: string }> };

/** Who implements the item in each region: the department itself, or its public institution. */
export type Implementer = '法定机关' | '授权组织' | '受委托组织';

export interface GenItem {
  catalogCode: string;
  name: string;
  type: ItemType;
  basis: Array<{ law: string; article: string }>;
  useLevel: string[];
  /** key of the owning department (departments.ts) */
  dept: string;
  implementer: Implementer;
  serviceObjects: string[];
  caseType: '即办件' | '承诺件';
  statutoryLimit: Limit | '无';
  promisedLimit: Limit;
  visits: number;
  visitsReason?: string;
  conditions: string;
  materials: Material[];
  steps: Step[];
  fee: Fee;
  handlingForms: string[];
  /** 网上办理深度: a prefix of ONLINE_STAGES */
  onlineDepth: string[];
  result: { type: '证照' | '批文' | '其他' | '无'; name?: string };
  // Optional v2 elements, each on a realistic share of items.
  status?: '暂停' | '取消';
  cancelDate?: string;
  version?: number;
  effectiveDate?: string;
  statutoryLimitNote?: string;
  promisedLimitNote?: string;
  specialProcedures?: Array<{ name: string; days: number; unit: Unit; note: string }>;
  quantityLimit?: string;
  intermediaries?: Array<{ name: string; basis: string }>;
  /** 通办范围 (a tighten element: regions copy it, widening it now and then) */
  handleArea?: string;
  express?: boolean;
  payOnline?: boolean;
  appointment?: boolean;
  resultSample?: string;
  handlingItems?: HandlingItem[];
}

/** Days of a limit in 自然日 ×5, so 工作日 (7/5 自然日) compare exactly in integers. */
export function fifths(limit: Limit): number {
  return limit.unit === '工作日' ? limit.days * 7 : limit.days * 5;
}

export function stepDays(item: GenItem): number {
  let sum = 0;
  for (const s of item.steps) sum += s.days;
  return sum;
}
