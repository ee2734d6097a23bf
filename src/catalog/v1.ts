// Catalog format v1 → v2 (spec §8), for one item: the one place that knows the mapping. `v1Changes` lists
// what the mapping changes, in document order, as key renames and value replacements; the in-memory
// reading (`itemFromV1`), the position map (`v1Pointer`) and `tongbiao migrate` (which applies the same
// changes to a comment-keeping YAML Document) all follow that one list, so they can never disagree.
// Pure: plain data in, plain data out; the v1 data is never modified.
import { pointerOf, pointerSegments } from './locate.js';
import type { Item } from './types.js';
import { ONLINE_STAGES } from '../schema/codes.js';

/**
 * One change the mapping makes inside one mapping of the item: the key `key` (as v1 wrote it) becomes
 * `to`, and when `value` is given (own property) its value becomes `value`. With `insert`, the v1 key stays
 * as it is and a new key `to` is added right after it (`deferrable: true` after a 容缺 `necessity`).
 */
export interface V1Change {
  /** path segments of the mapping the change is made in: `[]` for the item, `['materials', 0]` for a material */
  at: readonly (string | number)[];
  key: string;
  to: string;
  value?: unknown;
  /** the value as v1 wrote it (absent for an insert) */
  old?: unknown;
  insert?: true;
}

/** The top-level elements whose keys or values the mapping can change: nothing else differs between the readings. */
export const V1_ELEMENTS = ['materials', 'onlineDepth', 'handleArea'] as const;

/** 网上办理深度 level 1–4 (v1) → the set of stages it stands for (v2), stages in the national order. */
export const ONLINE_DEPTH_STAGES: Readonly<Record<number, readonly string[]>> = {
  1: ONLINE_STAGES.slice(0, 1),
  2: ONLINE_STAGES.slice(0, 3),
  3: ONLINE_STAGES.slice(0, 5),
  4: ONLINE_STAGES,
};

/** v1's free-text 通办范围 that map onto a v2 code; anything else is left as written (spec §8). */
export const HANDLE_AREA_CODES: Readonly<Record<string, string>> = {
  全国通办: '全国',
  全省通办: '全省',
  全市通办: '全市',
  全州通办: '全市',
  全盟通办: '全市',
  全县通办: '全县',
  全区通办: '全县',
  全旗通办: '全县',
  '全县（市、区）通办': '全县',
  全镇通办: '全镇(乡、街道)',
  全乡通办: '全镇(乡、街道)',
  全街道通办: '全镇(乡、街道)',
};

/** Material keys v1 named differently: v1 `form` (原件/复印件) is v2's 材料类型 `type`, v1 `medium` its 材料形式 `format`. */
const MATERIAL_RENAMES: ReadonlyArray<readonly [string, string]> = [
  ['form', 'type'],
  ['medium', 'format'],
];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the §8 mapping changes in a v1 item, in document order; empty when the item needs nothing (or is not a mapping). */
export function v1Changes(item: unknown): V1Change[] {
  const changes: V1Change[] = [];
  if (!isRecord(item)) return changes;
  for (const key of Object.keys(item)) {
    const value = item[key];
    if (key === 'materials' && Array.isArray(value)) {
      value.forEach((material, i) => materialChanges(material, ['materials', i], changes));
    } else if (key === 'onlineDepth' && typeof value === 'number' && Object.hasOwn(ONLINE_DEPTH_STAGES, value)) {
      changes.push({ at: [], key, to: key, value: [...ONLINE_DEPTH_STAGES[value]!], old: value });
    } else if (key === 'handleArea' && typeof value === 'string' && Object.hasOwn(HANDLE_AREA_CODES, value)) {
      changes.push({ at: [], key, to: key, value: HANDLE_AREA_CODES[value], old: value });
    }
  }
  return changes;
}

function materialChanges(material: unknown, at: readonly (string | number)[], changes: V1Change[]): void {
  if (!isRecord(material)) return;
  const has = (key: string) => Object.hasOwn(material, key);
  // A key is renamed only where its v2 name is free, so a file already half in v2 is not made worse.
  const renamed = new Map(MATERIAL_RENAMES.filter(([from, to]) => has(from) && !has(to)));
  const type = renamed.has('form') ? material.form : material.type;
  if (type === '原件' && has('copies') && !has('originals')) renamed.set('copies', 'originals');
  for (const key of Object.keys(material)) {
    const to = renamed.get(key);
    if (to !== undefined) changes.push({ at, key, to });
    if (key === 'necessity' && material.necessity === '容缺') {
      changes.push({ at, key, to: key, value: '必要', old: '容缺' });
      if (has('deferrable')) changes.push({ at, key: 'deferrable', to: 'deferrable', value: true, old: material.deferrable });
      else changes.push({ at, key, to: 'deferrable', value: true, insert: true });
    }
  }
}

/** The item as v2 reads it: `item` itself when the mapping changes nothing, else a copy (key order kept). */
export function itemFromV1(item: Item): Item;
export function itemFromV1(item: unknown): unknown;
export function itemFromV1(item: unknown): unknown {
  const changes = v1Changes(item);
  if (changes.length === 0) return item;
  let out: Item = { ...(item as Item) };
  const materials = Array.isArray(out.materials) ? (out.materials = [...(out.materials as unknown[])]) : [];
  // Changes come grouped by mapping and in document order; each mapping is rebuilt once.
  for (let i = 0; i < changes.length; ) {
    const at = changes[i]!.at;
    let j = i;
    while (j < changes.length && samePath(changes[j]!.at, at)) j++;
    const group = changes.slice(i, j);
    if (at.length === 0) out = applyChanges(out, group);
    else materials[at[1] as number] = applyChanges(materials[at[1] as number] as Record<string, unknown>, group);
    i = j;
  }
  return out;
}

/** One mapping with its changes applied, keys in their order, an inserted key after the key it follows. */
function applyChanges(mapping: Record<string, unknown>, changes: readonly V1Change[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(mapping)) {
    let name = key;
    let next = value;
    const inserts: V1Change[] = [];
    for (const change of changes) {
      if (change.key !== key) continue;
      if (change.insert) inserts.push(change);
      else {
        name = change.to;
        if (Object.hasOwn(change, 'value')) next = change.value;
      }
    }
    out[name] = next;
    for (const insert of inserts) out[insert.to] = insert.value;
  }
  return out;
}

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

/**
 * The position map: a JSON Pointer into the v2 reading of `item` → the pointer of the v1 node it came from,
 * so a finding located in the v1 file points at what the person wrote (`/materials/0/type` →
 * `/materials/0/form`, `/materials/0/deferrable` → `/materials/0/necessity`, `/onlineDepth/2` →
 * `/onlineDepth`). A pointer the mapping did not touch is returned as it is.
 */
export function v1Pointer(item: unknown, pointer: string): string {
  const segments = pointerSegments(pointer);
  if (segments.length === 0) return pointer;
  for (const change of v1Changes(item)) {
    const depth = change.at.length;
    if (segments.length <= depth || segments[depth] !== change.to) continue;
    if (!change.at.every((segment, i) => String(segment) === segments[i])) continue;
    // The v1 node has no children where the value was replaced (a level became a set of stages).
    const rest = Object.hasOwn(change, 'value') ? [] : segments.slice(depth + 1);
    return pointerOf([...segments.slice(0, depth), change.key, ...rest]);
  }
  return pointer;
}

/**
 * The inverse of v1Pointer: a JSON Pointer into the v1 item → the pointer of the same node in its v2 reading
 * (`/materials/0/form` → `/materials/0/type`).
 */
export function v2Pointer(item: unknown, pointer: string): string {
  const segments = pointerSegments(pointer);
  for (const change of v1Changes(item)) {
    const depth = change.at.length;
    if (segments.length <= depth || segments[depth] !== change.key || change.insert) continue;
    if (!change.at.every((segment, i) => String(segment) === segments[i])) continue;
    return pointerOf([...segments.slice(0, depth), change.to, ...segments.slice(depth + 1)]);
  }
  return pointer;
}
