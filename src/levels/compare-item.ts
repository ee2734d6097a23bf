// compareItem: one region's item against its parent's and the baseline's (spec §3).
import type { Item } from '../catalog/types.js';
import { makeDiscrepancy } from './discrepancy.js';
import { CLASSIFIED_ELEMENTS, DEFAULT_CLASSES, isTightenable, type FieldClasses } from './field-classes.js';
import { child } from './pointer.js';
import { diffValues, sameValue } from './semantic-diff.js';
import { judgeTightenable } from './tighten.js';
import type { Discrepancy } from './types.js';

export interface CompareItemInput {
  /** code of the region the item belongs to */
  region: string;
  catalogCode: string;
  ours: Item;
  /** the nearest ancestor's item with this catalogCode; defaults to the baseline */
  parent?: Item;
  parentRegion?: string;
  /** the province's item; undefined when the province has none (→ `unknown`) */
  baseline?: Item;
  baselineRegion: string;
  classes?: FieldClasses;
}

/**
 * The discrepancies of one item: locked elements against the baseline (one per element,
 * at `/name`, `/basis`, … as spec §3 lists), tighten-only elements ranked against the
 * parent, review elements at their deepest differing path, local elements never.
 * An item the baseline lacks is `unknown`; its other elements are still compared with
 * a parent that has it (a county may have copied a city's own item).
 */
export function compareItem(input: CompareItemInput): Discrepancy[] {
  const { region, catalogCode, ours, baseline, baselineRegion, classes = DEFAULT_CLASSES } = input;
  const parent = input.parent ?? baseline;
  const parentRegion = input.parent ? (input.parentRegion ?? baselineRegion) : baselineRegion;
  const out: Discrepancy[] = [];
  const add = (against: string, kind: Discrepancy['kind'], path: string, mine: unknown, theirs: unknown, identityPath = path) =>
    out.push(makeDiscrepancy({ region, catalogCode, against, path, identityPath, kind, ours: mine, theirs }));

  if (baseline === undefined) add(baselineRegion, 'unknown', '', nameOf(ours), undefined);

  for (const element of elementsOf(ours, parent, baseline)) {
    const cls = classes[element] ?? 'review';
    const path = child('', element);
    const mine = valueOf(ours, element);
    if (cls === 'local') continue;
    if (cls === 'locked') {
      // Locked means the element as a whole: one discrepancy, with both whole values.
      if (baseline !== undefined && !sameValue(mine, valueOf(baseline, element), path)) {
        add(baselineRegion, 'locked', path, mine, valueOf(baseline, element));
      }
      continue;
    }
    if (parent === undefined) continue;
    const theirs = valueOf(parent, element);
    if (cls === 'tighten' && isTightenable(element)) {
      for (const v of judgeTightenable(element, mine, theirs, path)) add(parentRegion, v.kind, v.path, v.ours, v.theirs, v.identityPath);
      continue;
    }
    for (const change of diffValues(mine, theirs, path)) add(parentRegion, 'review', change.path, change.ours, change.theirs, change.identityPath);
  }
  return out;
}

/** The item's name, standing for the whole item in `unknown` / `missing` discrepancies. */
export function nameOf(item: Item): unknown {
  return item.name;
}

function valueOf(item: Item | undefined, element: string): unknown {
  return item !== undefined && Object.hasOwn(item, element) ? item[element] : undefined;
}

/** Every element any side has, except catalogCode (the match itself), in the spec's order; unknown keys last, by name. */
function elementsOf(ours: Item, parent: Item | undefined, baseline: Item | undefined): string[] {
  const known: string[] = [];
  for (const element of CLASSIFIED_ELEMENTS) {
    if (Object.hasOwn(ours, element) || has(parent, element) || has(baseline, element)) known.push(element);
  }
  let unknown: Set<string> | undefined;
  for (const item of [ours, parent, baseline]) {
    if (!item) continue;
    for (const key in item) if (Object.hasOwn(item, key) && key !== 'catalogCode' && !KNOWN.has(key)) (unknown ??= new Set()).add(key);
  }
  return unknown === undefined ? known : [...known, ...[...unknown].sort()];
}

function has(item: Item | undefined, element: string): boolean {
  return item !== undefined && Object.hasOwn(item, element);
}

const KNOWN: ReadonlySet<string> = new Set(CLASSIFIED_ELEMENTS);
