// What a city or county changes in the items it claims. Discrepancies are realistic local variations
// (shorter promised limits, a material dropped, an extra local condition, different step days, and a few
// that are looser than the parent allows); errors are mistakes the validator must catch. Both are drawn
// from the region's seeded stream.
import { HANDLE_AREAS, ITEM_TYPES, ONLINE_STAGES } from '../schema/codes.js';
import type { GenItem, Material } from './item.js';
import { fifths, stepDays } from './item.js';
import type { Random } from './random.js';

/** Kinds of discrepancy, by the spec rule they show up as. */
export const DISCREPANCY_KINDS = {
  'shorter-limit': 'level-tightened',
  'dropped-material': 'level-tightened',
  'relaxed-material': 'level-tightened',
  'fewer-visits': 'level-tightened',
  'deeper-online': 'level-tightened',
  'wider-area': 'level-tightened',
  'extra-condition': 'level-review',
  'step-days': 'level-review',
  'longer-limit': 'level-looser',
  'more-visits': 'level-looser',
  'required-material': 'level-looser',
  'shallower-online': 'level-looser',
  // Not variations of a claimed item: a region behind the province's lifecycle, and a city's own item.
  'kept-suspended': 'level-suspended',
  'kept-cancelled': 'level-cancelled',
  'local-item': 'level-local',
} as const;
export type DiscrepancyKind = keyof typeof DISCREPANCY_KINDS;
/** The kinds `vary` applies to a claimed item. */
type VariedKind = Exclude<DiscrepancyKind, 'kept-suspended' | 'kept-cancelled' | 'local-item'>;

/** Kinds of injected error and the rules that report them. */
export const ERROR_KINDS = {
  'credit-code': ['credit-code'],
  'time-limit': ['time-limit', 'level-looser'],
  'unquoted-phone': ['schema'],
  'type-digit': ['code-type', 'level-locked'],
} as const;
export type ErrorKind = keyof typeof ERROR_KINDS;

const STRICTER: ReadonlyArray<readonly [VariedKind, number]> = [
  ['shorter-limit', 30], ['extra-condition', 25], ['dropped-material', 15], ['step-days', 15], ['relaxed-material', 5],
  ['fewer-visits', 5], ['deeper-online', 5], ['wider-area', 3],
];
const LOOSER: ReadonlyArray<readonly [VariedKind, number]> = [
  ['longer-limit', 2], ['more-visits', 1], ['required-material', 1], ['shallower-online', 1],
];

const LOCAL_CONDITIONS = [
  '申请人应当先通过本地政务服务平台完成网上预约', '经营场所应当位于本行政区域规划确定的功能区内',
  '申请人应当签署信用承诺书并在本地信用网站公示', '须经属地街道（乡镇）初审同意',
  '申请人应当提供近三个月在本地缴纳社会保险的证明', '涉及消防安全的，应当同时符合本地消防安全专项整治要求',
  '申请人应当参加本地主管部门组织的业务培训', '同一申请人有未办结的同类申请的，不予重复受理',
];

export interface Variation {
  item: GenItem;
  kind: DiscrepancyKind;
  /** a comment for the changed element, when the kind is one a person would annotate */
  comment?: { key: string; text: string };
}

/** A discrepancy applied to a copy of `parent`; `looser` picks one that breaks a tighten-only rule. */
export function vary(parent: GenItem, rng: Random, looser: boolean, regionName: string): Variation | undefined {
  const weights = looser ? LOOSER : STRICTER;
  for (let attempt = 0; attempt < 6; attempt++) {
    const kind = rng.weighted(weights);
    const v = apply(parent, kind, rng, regionName);
    if (v) return v;
  }
  return undefined;
}

function apply(p: GenItem, kind: VariedKind, rng: Random, regionName: string): Variation | undefined {
  const item: GenItem = { ...p };
  switch (kind) {
    case 'shorter-limit': {
      const days = p.promisedLimit.days;
      if (p.caseType !== '承诺件' || days < 2) return undefined;
      const next = Math.max(1, days - rng.int(1, Math.max(1, Math.floor(days / 2))));
      item.promisedLimit = { ...p.promisedLimit, days: next };
      item.steps = fitSteps(p.steps, next);
      return { item, kind, comment: { key: 'promisedLimit', text: `${regionName}进一步压缩：${days} → ${next} 个${p.promisedLimit.unit}` } };
    }
    case 'longer-limit': {
      const days = p.promisedLimit.days;
      if (p.caseType !== '承诺件') return undefined;
      const next = days + rng.int(1, 5);
      const st = p.statutoryLimit;
      if (st !== '无' && fifths({ days: next, unit: p.promisedLimit.unit }) > fifths(st)) return undefined;
      item.promisedLimit = { ...p.promisedLimit, days: next };
      return { item, kind };
    }
    case 'dropped-material': {
      if (p.materials.length < 3) return undefined;
      const i = rng.int(1, p.materials.length - 1);
      item.materials = p.materials.filter((_, j) => j !== i);
      return { item, kind, comment: { key: 'materials', text: `通过数据共享获取，${regionName}不再要求提交：${p.materials[i]!.name}` } };
    }
    case 'relaxed-material': {
      // 容缺受理: a required material may now be handed in after acceptance.
      const i = p.materials.findIndex((m, j) => j > 0 && m.necessity === '必要' && m.deferrable !== true);
      if (i < 0) return undefined;
      item.materials = p.materials.map((m, j): Material => (j === i ? { ...m, deferrable: true } : m));
      return { item, kind };
    }
    case 'required-material': {
      const i = p.materials.findIndex((m) => m.necessity !== '必要');
      if (i >= 0) item.materials = p.materials.map((m, j): Material => (j === i ? { ...m, necessity: '必要' } : m));
      else item.materials = [...p.materials, { name: '本地社会保险缴纳证明', necessity: '必要', type: '原件', format: '纸质', originals: 1, source: '政府部门核发' }];
      return { item, kind };
    }
    case 'fewer-visits': {
      // No visit needs a way to get the result: online, or by post (zero-visit-delivery).
      const online = p.handlingForms.includes('网上办理') || p.handlingForms.includes('移动端办理');
      if (p.visits === 0 || (!online && p.express !== true)) return undefined;
      item.visits = 0;
      delete item.visitsReason;
      return { item, kind };
    }
    case 'more-visits': {
      if (fullyOnline(p.onlineDepth)) return undefined;
      item.visits = p.visits + 1;
      item.visitsReason = p.visitsReason ?? '需现场核验申请人身份';
      return { item, kind };
    }
    case 'deeper-online': {
      const next = ONLINE_STAGES.slice(0, p.onlineDepth.length + 1);
      if (next.length === p.onlineDepth.length || !p.handlingForms.includes('网上办理') || (p.visits > 0 && fullyOnline(next))) return undefined;
      item.onlineDepth = next;
      return { item, kind };
    }
    case 'shallower-online': {
      if (p.onlineDepth.length <= 1) return undefined;
      item.onlineDepth = p.onlineDepth.slice(0, -1);
      return { item, kind };
    }
    case 'wider-area': {
      if (p.handleArea === undefined) return undefined;
      const at = HANDLE_AREAS.indexOf(p.handleArea as (typeof HANDLE_AREAS)[number]);
      if (at <= 0) return undefined;
      item.handleArea = HANDLE_AREAS[at - 1];
      return { item, kind };
    }
    case 'extra-condition': {
      item.conditions = `${p.conditions}另：${rng.pick(LOCAL_CONDITIONS)}。`;
      return { item, kind };
    }
    case 'step-days': {
      const i = p.steps.findIndex((s) => s.days >= 1);
      if (i < 0) return undefined;
      const candidates = p.steps.map((s, j) => (s.days >= 1 ? j : -1)).filter((j) => j >= 0);
      const j = rng.pick(candidates);
      item.steps = p.steps.map((s, k) => (k === j ? { ...s, days: s.days - 1 } : s));
      return { item, kind };
    }
  }
}

/** 全程网办: accepted, handled and the result fed back online (what online-visits asks of an item with no visit). */
function fullyOnline(stages: readonly string[]): boolean {
  return stages.includes('互联网受理') && stages.includes('互联网办理') && stages.includes('互联网办理结果信息反馈');
}

/** Steps shortened so their days fit in `days`, taking from the longest step first. */
function fitSteps(steps: GenItem['steps'], days: number): GenItem['steps'] {
  const out = steps.map((s) => ({ ...s }));
  let over = stepDays({ steps: out } as GenItem) - days;
  while (over > 0) {
    let longest = 0;
    for (let i = 1; i < out.length; i++) if (out[i]!.days > out[longest]!.days) longest = i;
    out[longest]!.days--;
    over--;
  }
  return out;
}

/** The error kinds that can be injected into `item`. */
export function errorKindsFor(item: GenItem): ErrorKind[] {
  const kinds: ErrorKind[] = ['credit-code', 'unquoted-phone', 'type-digit'];
  if (item.statutoryLimit !== '无' && item.caseType === '承诺件') kinds.splice(1, 0, 'time-limit');
  return kinds;
}

/** `item` with a promised limit longer than its statutory one, or with another type. */
export function breakItem(item: GenItem, kind: ErrorKind, rng: Random): GenItem {
  if (kind === 'time-limit' && item.statutoryLimit !== '无') {
    return { ...item, promisedLimit: { days: item.statutoryLimit.days + rng.int(1, 10), unit: item.statutoryLimit.unit } };
  }
  if (kind === 'type-digit') {
    const others = ITEM_TYPES.filter((t) => t !== item.type);
    return { ...item, type: rng.pick(others) };
  }
  return item;
}
