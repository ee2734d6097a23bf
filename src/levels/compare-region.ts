// Region-level comparison: every item of one region against its ancestors, plus the
// baseline items it has not claimed. Pure: the caller hands in parsed items.
import type { Item, Level } from '../catalog/types.js';
import { DEFAULT_STATUS } from '../schema/codes.js';
import { compareItem, nameOf } from './compare-item.js';
import { makeDiscrepancy } from './discrepancy.js';
import { DEFAULT_CLASSES, type FieldClasses } from './field-classes.js';
import type { Discrepancy } from './types.js';

/** A region's items keyed by catalogCode (only files that parsed as a mapping). */
export interface RegionItems {
  code: string;
  /** region.yaml `localItems`: catalogCodes the region establishes itself (spec §3 level-local) */
  localItems?: readonly string[];
  /** undefined when region.yaml is missing or invalid: then nothing can be `missing` */
  level?: Level;
  items: ReadonlyMap<string, Item>;
}

export interface Lineage {
  /** the nearest ancestor that has the item (spec §3 "parent") */
  parent?: { region: string; item: Item };
  /** the top ancestor's item, when it has one */
  baseline?: { region: string; item: Item };
}

/** Parent and baseline of `catalogCode` among `ancestors` (nearest first, the province last). */
export function lineageOf(catalogCode: string, ancestors: readonly RegionItems[]): Lineage {
  const lineage: Lineage = {};
  const top = ancestors[ancestors.length - 1];
  for (const ancestor of ancestors) {
    const item = ancestor.items.get(catalogCode);
    if (item === undefined) continue;
    lineage.parent ??= { region: ancestor.code, item };
    if (ancestor === top) lineage.baseline = { region: ancestor.code, item };
  }
  return lineage;
}

export interface CompareRegionInput {
  region: RegionItems;
  /**
   * Nearest first; the last is the baseline. `[other]` compares with one region only
   * (`tongbiao diff --against`): then it is parent and baseline at once.
   */
  ancestors: readonly RegionItems[];
  classes?: FieldClasses;
  /** compare only these items (`--item`, or the files a validate run reports) */
  only?: ReadonlySet<string>;
  /**
   * catalogCodes the region has a file for (default: its items). A file that does not
   * parse is still claimed: it is broken, not missing.
   */
  claimed?: ReadonlySet<string>;
}

/**
 * All discrepancies of a region's own items (not its subtree), items in code order:
 * compareItem for each item it has, then `missing` for baseline items it lacks.
 * The top region itself has no ancestors and so no discrepancies.
 */
export function compareRegion(input: CompareRegionInput): Discrepancy[] {
  const { region, ancestors, classes = DEFAULT_CLASSES, only, claimed } = input;
  const baselineRegion = ancestors[ancestors.length - 1];
  if (baselineRegion === undefined) return [];
  const wanted = (code: string) => only === undefined || only.has(code);
  const out: Discrepancy[] = [];
  for (const [catalogCode, ours] of sortedByCode(region.items)) {
    if (!wanted(catalogCode)) continue;
    const { parent, baseline } = lineageOf(catalogCode, ancestors);
    out.push(
      ...compareItem({
        region: region.code,
        catalogCode,
        ours,
        parent: parent?.item,
        parentRegion: parent?.region,
        baseline: baseline?.item,
        baselineRegion: baselineRegion.code,
        local: isLocalItem(catalogCode, [region, ...ancestors]),
        classes,
      }),
    );
  }
  out.push(...missingItems({ region, ancestors, claimed }).filter((d) => wanted(d.catalogCode)));
  return out;
}

/** True when the region or one of its ancestors (`lineage`, any order) lists the item in `localItems`. */
export function isLocalItem(catalogCode: string, lineage: Iterable<{ localItems?: readonly string[] }>): boolean {
  for (const region of lineage) if (region.localItems?.includes(catalogCode)) return true;
  return false;
}

/**
 * `missing`: baseline items in use (status 在用) whose useLevel includes the region's level and that the
 * region has not claimed. `against` is where a claim would copy from (the nearest
 * ancestor that has the item); `theirs` is the item's name, standing for the whole item
 * so that a decision ("we do not implement this") survives edits elsewhere in it.
 */
export function missingItems(input: { region: RegionItems; ancestors: readonly RegionItems[]; claimed?: ReadonlySet<string> }): Discrepancy[] {
  const { region, ancestors } = input;
  const claimed = input.claimed ?? region.items;
  const baseline = ancestors[ancestors.length - 1];
  if (baseline === undefined || region.level === undefined) return [];
  const out: Discrepancy[] = [];
  for (const [catalogCode, item] of sortedByCode(baseline.items)) {
    if (claimed.has(catalogCode) || !usedAt(item, region.level) || (item.status ?? DEFAULT_STATUS) !== DEFAULT_STATUS) continue;
    const source = lineageOf(catalogCode, ancestors).parent?.region ?? baseline.code;
    out.push(makeDiscrepancy({ region: region.code, catalogCode, against: source, path: '', kind: 'missing', theirs: nameOf(item) }));
  }
  return out;
}

/**
 * A region whose items are known only by the files it has: enough to say which items it
 * has claimed and where a claim would copy from, without parsing them.
 */
export function filesOnly(code: string, level: Level | undefined, catalogCodes: Iterable<string>): RegionItems {
  return { code, level, items: new Map(Array.from(catalogCodes, (c): [string, Item] => [c, {}])) };
}

/** True when the item's 行使层级 includes `level`. */
export function usedAt(item: Item, level: Level): boolean {
  return Array.isArray(item.useLevel) && item.useLevel.includes(level);
}

function sortedByCode(items: ReadonlyMap<string, Item>): Array<[string, Item]> {
  return [...items].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
