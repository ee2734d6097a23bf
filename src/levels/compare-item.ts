// compareItem: one region's item against its parent's and the baseline's (spec §3).
import type { Item } from '../catalog/types.js';
import { DEFAULT_STATUS } from '../schema/codes.js';
import { makeDiscrepancy } from './discrepancy.js';
import { DEFAULT_CLASSES, isTightenable, ITEM_ELEMENTS, memberClasses, type FieldClasses } from './field-classes.js';
import { entryTokens, identityFields } from './list-shapes.js';
import { child } from './pointer.js';
import { diffValues, isPlainObject, matchEntries, sameData, sameValue } from './semantic-diff.js';
import { judgeTightenable } from './tighten.js';
import type { Discrepancy, DiscrepancyKind, FieldClass } from './types.js';

export interface CompareItemInput {
  /** code of the region the item belongs to */
  region: string;
  catalogCode: string;
  ours: Item;
  /** the nearest ancestor's item with this catalogCode; defaults to the baseline */
  parent?: Item;
  parentRegion?: string;
  /** the province's item; undefined when the province has none (→ `unknown`, or `local`) */
  baseline?: Item;
  baselineRegion: string;
  /** the item is in its region's or an ancestor's `localItems` (compare-region.ts `isLocalItem`) */
  local?: boolean;
  /** the lifecycle rules (level-cancelled, level-suspended); off when comparing two revisions of one item */
  lifecycle?: boolean;
  classes?: FieldClasses;
}

/** One element's values on the three sides. */
interface Values {
  ours: unknown;
  parent: unknown;
  baseline: unknown;
}

/** Compares one element's values by a class, at a path (and the same place by identity). */
type Compare = (element: string, cls: FieldClass, values: Values, path: string, identityPath: string) => void;

/**
 * The discrepancies of one item: locked elements against the baseline (one per element, at
 * `/name`, `/basis`, … as spec §3 lists), tighten-only elements ranked against the parent, review
 * elements at their deepest differing path, local elements never; a member with a class of its own
 * (`dept.nature`) by that class. Handling items are matched by seq (handlingItems below). An item
 * the baseline lacks is `unknown` (or `local` when a region established it); its other elements
 * are still compared with a parent that has it (a county may have copied a city's own item).
 */
export function compareItem(input: CompareItemInput): Discrepancy[] {
  const { region, catalogCode, ours, baseline, baselineRegion, classes = DEFAULT_CLASSES } = input;
  const parent = input.parent ?? baseline;
  const parentRegion = input.parent ? (input.parentRegion ?? baselineRegion) : baselineRegion;
  const out: Discrepancy[] = [];
  const add = (against: string, kind: DiscrepancyKind, path: string, mine: unknown, theirs: unknown, identityPath = path) =>
    out.push(makeDiscrepancy({ region, catalogCode, against, path, identityPath, kind, ours: mine, theirs }));

  if (baseline === undefined) add(baselineRegion, input.local ? 'local' : 'unknown', '', nameOf(ours), undefined);
  else if (input.lifecycle !== false) lifecycle(ours, baseline, (kind, mine, theirs) => add(baselineRegion, kind, '/status', mine, theirs));

  const compare: Compare = (element, cls, values, path, identityPath) => {
    if (cls === 'local') return;
    if (cls === 'locked') {
      // Locked means the element as a whole: one discrepancy, with both whole values.
      if (baseline !== undefined && !sameValue(values.ours, values.baseline, path)) add(baselineRegion, 'locked', path, values.ours, values.baseline, identityPath);
      return;
    }
    if (parent === undefined) return;
    if (cls === 'tighten' && isTightenable(element)) {
      for (const v of judgeTightenable(element, values.ours, values.parent, path, identityPath)) add(parentRegion, v.kind, v.path, v.ours, v.theirs, v.identityPath);
      return;
    }
    for (const change of diffValues(values.ours, values.parent, path, identityPath)) add(parentRegion, 'review', change.path, change.ours, change.theirs, change.identityPath);
  };
  const items = { ours, parent, baseline };
  const parentLikeBaseline = parent !== baseline && parent !== undefined && baseline !== undefined ? likeBaseline(parent, baseline) : undefined;
  for (const element of elementsOf([ours, parent, baseline], MATCHED_BY)) {
    const values = { ours: valueOf(ours, element), parent: valueOf(parent, element), baseline: valueOf(baseline, element) };
    // The same data on all sides differs by no class (most elements of most items): skip the rest. Ours the
    // same as the parent's, and the parent's as the baseline's (asked once per parent item, which all its
    // region's children share), is ours the same as the baseline's.
    if (sameData(values.ours, values.parent) && (values.baseline === values.parent || (parentLikeBaseline?.(element, values.parent, values.baseline) ?? sameData(values.ours, values.baseline)))) continue;
    const cls = classes[element] ?? 'review';
    if (element === 'handlingItems') handlingItems(cls, values, items, classes, compare);
    else compareElement(element, cls, values, child('', element), classes, compare);
  }
  return out;
}

/** An element by its class; members with a class of their own first, each by theirs, then the rest of the element. */
function compareElement(element: string, cls: FieldClass, values: Values, path: string, classes: FieldClasses, compare: Compare, identityPath = path): void {
  const members = memberClasses(classes, element);
  if (members.length > 0) {
    for (const [member, memberClass] of members) {
      const of = (v: unknown) => (isPlainObject(v) && Object.hasOwn(v, member) ? v[member] : undefined);
      compare(`${element}.${member}`, memberClass, mapValues(values, of), child(path, member), child(identityPath, member));
    }
    const names = new Set(members.map(([member]) => member));
    values = mapValues(values, (v) => (isPlainObject(v) ? Object.fromEntries(Object.entries(v).filter(([key]) => !names.has(key))) : v));
  }
  compare(element, cls, values, path, identityPath);
}

function mapValues<T>(sides: { ours: T; parent: T; baseline: T }, f: (value: T) => unknown): Values {
  return { ours: f(sides.ours), parent: f(sides.parent), baseline: f(sides.baseline) };
}

/**
 * 业务办理项 (spec §3): the set of seqs and each one's name follow the element's class (locked: against the
 * baseline). Inside a handling item matched by seq with the parent's, every element either of the two gives
 * follows its own class, against the parent's handling item or, where that does not give it, the parent's
 * item (ours likewise falls back to our item). Paths `/handlingItems/<i>/…`, keys by seq.
 */
function handlingItems(cls: FieldClass, values: Values, items: { ours: Item; parent: Item | undefined; baseline: Item | undefined }, classes: FieldClasses, compare: Compare): void {
  if (cls === 'local') return;
  const outline = (list: unknown) => (Array.isArray(list) ? list.map((h) => (isPlainObject(h) ? { seq: h.seq, name: h.name } : h)) : list);
  compare('handlingItems', cls, mapValues(values, outline), '/handlingItems', '/handlingItems');
  const { ours, parent } = values;
  if (!Array.isArray(ours) || !Array.isArray(parent)) return;
  const identity = identityFields('/handlingItems');
  const tokens = entryTokens(ours, identity);
  const baselineList = Array.isArray(values.baseline) ? values.baseline : [];
  const baselineTokens = entryTokens(baselineList, identity);
  for (const [i, j] of matchEntries(ours, parent, identity).pairs) {
    const mine = ours[i];
    const theirs = parent[j];
    if (!isPlainObject(mine) || !isPlainObject(theirs)) continue;
    const sides = { ours: mine, parent: theirs, baseline: baselineList[baselineTokens.indexOf(tokens[i]!)] };
    for (const element of elementsOf([mine, theirs], HANDLING_ITEM_OUTLINE)) {
      const at = { ours: items.ours, parent: items.parent, baseline: items.baseline };
      const of = (side: keyof Values) => {
        const h = sides[side];
        return isPlainObject(h) && Object.hasOwn(h, element) ? h[element] : valueOf(at[side], element);
      };
      const path = `/handlingItems/${i}/${element}`;
      compareElement(element, classes[element] ?? 'review', { ours: of('ours'), parent: of('parent'), baseline: of('baseline') }, path, classes, compare, `/handlingItems/${tokens[i]}/${element}`);
    }
  }
}
/** The item's name, standing for the whole item in `unknown` / `local` / `missing` discrepancies. */
export function nameOf(item: Item): unknown {
  return item.name;
}

/**
 * level-cancelled: the baseline item is 取消 and ours is not; level-suspended: it is 暂停 and ours is
 * 在用 (an absent status is 在用).
 */
function lifecycle(ours: Item, baseline: Item, add: (kind: DiscrepancyKind, ours: unknown, theirs: unknown) => void): void {
  const mine = ours.status ?? DEFAULT_STATUS;
  const theirs = baseline.status ?? DEFAULT_STATUS;
  if (theirs === '取消' && mine !== '取消') add('cancelled', mine, theirs);
  else if (theirs === '暂停' && mine === DEFAULT_STATUS) add('suspended', mine, theirs);
}

/**
 * Whether a parent item's element holds the same data as the baseline item's, asked once per element and
 * remembered with the parent item (a city's item is the parent of each of its counties' items).
 */
function likeBaseline(parent: Item, baseline: Item): (element: string, theirs: unknown, baselines: unknown) => boolean {
  let memo = LIKE_BASELINE.get(parent);
  if (memo === undefined || memo.baseline !== baseline) LIKE_BASELINE.set(parent, (memo = { baseline, same: new Map() }));
  const { same } = memo;
  return (element, theirs, baselines) => {
    let hit = same.get(element);
    if (hit === undefined) same.set(element, (hit = sameData(theirs, baselines)));
    return hit;
  };
}

const LIKE_BASELINE = new WeakMap<Item, { baseline: Item; same: Map<string, boolean> }>();

function valueOf(item: Item | undefined, element: string): unknown {
  return item !== undefined && Object.hasOwn(item, element) ? item[element] : undefined;
}

/**
 * Every element any of `records` has, except those in `skip` (catalogCode: the match itself), in the
 * spec's order; unknown keys last, by name. Walks the records' own keys (an item has about half of the
 * spec's elements), marking each element's place in the spec's order.
 */
function elementsOf(records: ReadonlyArray<Record<string, unknown> | undefined>, skip: ReadonlySet<string> = MATCHED_BY): string[] {
  const present = new Uint8Array(ITEM_ELEMENTS.length);
  let unknown: Set<string> | undefined;
  for (const record of records) {
    if (!record) continue;
    for (const key in record) {
      if (!Object.hasOwn(record, key) || skip.has(key)) continue;
      const at = ELEMENT_ORDER.get(key);
      if (at === undefined) (unknown ??= new Set()).add(key);
      else present[at] = 1;
    }
  }
  const known: string[] = [];
  for (let at = 0; at < present.length; at++) if (present[at] === 1) known.push(ITEM_ELEMENTS[at]!);
  return unknown === undefined ? known : [...known, ...[...unknown].sort()];
}

const MATCHED_BY: ReadonlySet<string> = new Set(['catalogCode']);
/** A handling item's seq and name are compared with the set of handling items, not inside one. */
const HANDLING_ITEM_OUTLINE: ReadonlySet<string> = new Set(['seq', 'name']);
/** Each element's place in the spec's order. */
const ELEMENT_ORDER: ReadonlyMap<string, number> = new Map(ITEM_ELEMENTS.map((element, at) => [element, at]));
